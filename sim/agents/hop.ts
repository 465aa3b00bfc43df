/**
 * One HTLC at one hop (BRIEF §4, BOLT #2 and #5) as a pure state machine: the offerer has locked
 * the amount in the newest sheet; the receiver resolves it off-chain (fulfil with R, or fail), or
 * either party takes it to the chain before the other can cheat it out of its due.
 *
 *                resolve, link up                      resolve, link down
 *   locked ─────────────────────────► fulfilled │ failed ◄──── settling(how) ◄──── locked
 *     │                                                  link up (resent) │
 *     │  tick: receiver online, knows R, height ≥ receiverDeadline ───────┤
 *     │  tick: offerer online, height ≥ expiry (BOLT #2: only after) ─────┤
 *     ▼                                                                   ▼
 *   closing (a commitment with it was broadcast) ◄─────────────────────────┘
 *     │  cashed: pending ─► onChain ── claim confirmed ──► claimed
 *     │  cashed: paid ────► claimed     └─ timeout confirmed ► timedOut
 *     │  cashed: refunded ► timedOut    └─ a penalty took it ► taken
 *     └  cashed without it / penalty ──► taken
 *
 * Any non-final phase accepts `cashed` (the channel may go on chain for another reason: a cheat,
 * a close, another HTLC's deadline). The guard is the `tick` event: the agent feeds one every
 * block, and on reconnect, until the HTLC is resolved, so a party that was offline at its
 * deadline acts as soon as it is back (re-armed every block). While on chain, the receiver claims
 * as soon as it knows R (before expiry), the offerer times out once the expiry is reached.
 *
 * Sprites (shared HTLCs): a receiver going on chain with R also registers it with the preimage
 * manager; once R is registered below the expiry, the receiver's claim stays valid after it and
 * the offerer does not time out.
 */
import type { Side } from '../channel/index.js';
import type { HtlcOutcome } from '../report/index.js';

export type Resolution = 'fulfil' | 'fail';
/** How an HTLC ended: off-chain (fulfilled, failed) or on chain (claimed, timedOut, taken by a penalty); the report's HtlcOutcome. */
export type HopOutcome = HtlcOutcome;

export type HopState =
  | { readonly phase: 'locked' }
  /** The receiver resolved it, but the offerer was not there to sign: resent on reconnect. */
  | { readonly phase: 'settling'; readonly how: Resolution }
  /** A commitment carrying it was broadcast; `how` remembers a pending resolution. */
  | { readonly phase: 'closing'; readonly how?: Resolution }
  /** Pending in the contract; `sent` marks a claim or timeout transaction of ours on its way. */
  | { readonly phase: 'onChain'; readonly how?: Resolution; readonly sent?: 'claim' | 'timeout' }
  | { readonly phase: HopOutcome };

/** What does not change over the HTLC's life. */
export interface HopTerms {
  readonly offerer: Side;
  /** The HTLC's time lock: before it the receiver claims with R, from it on the offerer refunds. */
  readonly expiryHeight: number;
  /** Height at which a receiver that knows R and could not settle off-chain goes on chain. */
  readonly receiverDeadline: number;
  /** Sprites: the HTLC is settled by R registered with the preimage manager before its expiry. */
  readonly shared: boolean;
}

/**
 * What the agent sees when it hands the machine an event. Each party acts on the height it sees:
 * the chain's, unless it is eclipsed and sees blocks late (chainView.ts).
 */
export interface Now {
  readonly offererHeight: number;
  readonly receiverHeight: number;
  /** Both parties online and signing: an update can be exchanged now. */
  readonly linkUp: boolean;
  readonly offererOnline: boolean;
  readonly receiverOnline: boolean;
  /** The receiver knows the preimage (off-chain or from the chain). */
  readonly receiverKnowsR: boolean;
  /** Shared HTLC whose R was registered below its expiry: it pays the receiver whenever claimed. */
  readonly registeredInTime: boolean;
}

export type HopEvent =
  | { readonly type: 'resolve'; readonly how: Resolution }
  | { readonly type: 'tick' }
  /** A commitment confirmed: with this HTLC pending, already paid to the receiver, refunded, or without it. */
  | { readonly type: 'cashed'; readonly result: 'pending' | 'paid' | 'refunded' | 'absent' }
  | { readonly type: 'claimed' }
  | { readonly type: 'timedOut' }
  | { readonly type: 'taken' }
  /** Our claim or timeout transaction was dropped: try again at the next tick. */
  | { readonly type: 'dropped' };

export type HopAction =
  /** Exchange the update now (both online): the sheet changes. */
  | { readonly do: 'deliver'; readonly how: Resolution }
  /** Resend when both are back (channel_reestablish). */
  | { readonly do: 'await-link' }
  | { readonly do: 'go-on-chain'; readonly by: Side }
  | { readonly do: 'claim' }
  | { readonly do: 'timeout' }
  /** Sprites: register R with the preimage manager, which settles the HTLC at every hop. */
  | { readonly do: 'register' }
  /** The HTLC is resolved for good: tell whoever waits on it (the payment, the hop upstream). */
  | { readonly do: 'resolved'; readonly outcome: HopOutcome };

export interface HopStep {
  readonly state: HopState;
  readonly actions: readonly HopAction[];
}

const FINAL: ReadonlySet<string> = new Set<HopOutcome>(['fulfilled', 'failed', 'claimed', 'timedOut', 'taken']);

export const isResolved = (state: HopState): boolean => FINAL.has(state.phase);

const stay = (state: HopState): HopStep => ({ state, actions: [] });
const end = (outcome: HopOutcome, ...before: HopAction[]): HopStep => ({ state: { phase: outcome }, actions: [...before, { do: 'resolved', outcome }] });
const OFF_CHAIN: Record<Resolution, HopOutcome> = { fulfil: 'fulfilled', fail: 'failed' };

export function stepHop(state: HopState, event: HopEvent, terms: HopTerms, now: Now): HopStep {
  if (isResolved(state)) return stay(state);
  switch (event.type) {
    case 'resolve':
      return resolve(state, event.how, now);
    case 'tick':
      return tick(state, terms, now);
    case 'cashed':
      return cashed(state, event.result, terms, now);
    case 'claimed':
      return end('claimed');
    case 'timedOut':
      return end('timedOut');
    case 'taken':
      return end('taken');
    case 'dropped':
      return state.phase === 'onChain' ? tick({ phase: 'onChain', ...(state.how ? { how: state.how } : {}) }, terms, now) : stay(state);
  }
}

function resolve(state: HopState, how: Resolution, now: Now): HopStep {
  switch (state.phase) {
    case 'locked':
    case 'settling':
      if (deliverable(how, now)) return end(OFF_CHAIN[how], { do: 'deliver', how });
      return { state: { phase: 'settling', how }, actions: state.phase === 'locked' && !now.linkUp ? [{ do: 'await-link' }] : [] };
    case 'closing':
      return stay({ phase: 'closing', how });
    case 'onChain':
      return stay({ ...state, how });
    default:
      return stay(state);
  }
}

/** The update can be exchanged now: both are there, and a receiver fulfilling knows R (an eclipsed one may not have seen it yet). */
const deliverable = (how: Resolution, now: Now): boolean => now.linkUp && (how === 'fail' || now.receiverKnowsR);

/** A block, or a reconnect: resend what waits, then the deadlines. */
function tick(state: HopState, terms: HopTerms, now: Now): HopStep {
  switch (state.phase) {
    case 'settling':
      if (deliverable(state.how, now)) return end(OFF_CHAIN[state.how], { do: 'deliver', how: state.how });
      return deadlines(state, terms, now); // the offerer is still away
    case 'locked':
      return deadlines(state, terms, now);
    case 'onChain': {
      if (state.sent) return stay(state);
      // The claim must confirm before the expiry (submitted at height h, it is in block h + 1 at the
      // earliest), unless R was registered in time for a shared HTLC.
      if (state.how !== 'fail' && now.receiverOnline && now.receiverKnowsR && (now.receiverHeight + 1 < terms.expiryHeight || now.registeredInTime)) {
        return { state: { ...state, sent: 'claim' }, actions: [{ do: 'claim' }] };
      }
      if (now.offererOnline && now.offererHeight + 1 >= terms.expiryHeight && !now.registeredInTime) return { state: { ...state, sent: 'timeout' }, actions: [{ do: 'timeout' }] };
      return stay(state);
    }
    default:
      return stay(state);
  }
}

/** Off-chain and unresolved: the receiver that knows R goes on chain at its deadline, the offerer once the HTLC expired. */
function deadlines(state: Extract<HopState, { phase: 'locked' | 'settling' }>, terms: HopTerms, now: Now): HopStep {
  const how = state.phase === 'settling' ? state.how : undefined;
  if (how !== 'fail' && now.receiverOnline && now.receiverKnowsR && now.receiverHeight >= terms.receiverDeadline) {
    const register: HopAction[] = terms.shared && !now.registeredInTime ? [{ do: 'register' }] : [];
    return { state: { phase: 'closing', how: 'fulfil' }, actions: [...register, { do: 'go-on-chain', by: (1 - terms.offerer) as Side }] };
  }
  if (now.offererOnline && now.offererHeight >= terms.expiryHeight && !now.registeredInTime) {
    return { state: { phase: 'closing', ...(how ? { how } : {}) }, actions: [{ do: 'go-on-chain', by: terms.offerer }] };
  }
  return stay(state);
}

function cashed(state: HopState, result: 'pending' | 'paid' | 'refunded' | 'absent', terms: HopTerms, now: Now): HopStep {
  switch (result) {
    case 'paid':
      return end('claimed');
    case 'refunded':
      return end('timedOut');
    case 'absent':
      return end('taken');
    case 'pending': {
      const how = state.phase === 'settling' || state.phase === 'closing' ? state.how : undefined;
      return tick({ phase: 'onChain', ...(how ? { how } : {}) }, terms, now);
    }
  }
}
