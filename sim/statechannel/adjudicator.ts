/**
 * The on-chain adjudicator of a generalized state channel (Counterfactual, BRIEF §6.3) as a pure
 * contract: `stepApp(state, input, ctx)` returns the next state and its payouts, or a
 * ProtocolError with a stable code. `PureContractHost` (sim/channel/host.ts) puts it on a chain.
 *
 *   Funding ── fund, each side its deposit ──► Open
 *   Open ── conclude(v), v co-signed and final ──────────────────────────────► Closed   v's balances paid
 *   Open ── dispute(v), v co-signed ──► Disputed(v, deadline = now + challenge)
 *   Disputed ── dispute(v'), v' co-signed, v'.version > v.version, before deadline ──► Disputed(v', deadline restarts)
 *   Disputed ── move(m), by the side to move in v, before deadline ──► Disputed(v + m, version + 1, deadline restarts)
 *   Disputed ── finalize, anyone, timestamp ≥ deadline ──► Closed   forfeit(v): the side that failed to move loses the pot
 *
 * Versioned states instead of revocation: nobody is punished for showing an old state, it is
 * simply outranked by any newer one shown within the challenge period. A unilateral move on
 * chain runs the application's own `applyMove`, so a party that stopped co-signing off chain
 * cannot stall the game: the other plays on chain, and whoever then fails to move within a
 * challenge period forfeits. Calls pay their fees from the caller's wallet, never from the
 * channel, so the money held is always the sum of the deposits until Closed.
 */
import { fail, invariant, ok, type Outcome } from '../errors.js';
import { fundSide, heldMsat, type HostContext, type HostPayout, payoutsOf, type Side, unfunded } from '../channel/index.js';
import type { UnixSeconds } from '../units.js';
import { applyMove, betTotal, forfeit, type BetMove, type BetState } from './bet.js';
import { bothSigned, type SignedVersion } from './signed.js';

export interface AppTerms {
  readonly id: string;
  readonly nodes: readonly [string, string];
  readonly publicKeys: readonly [Uint8Array, Uint8Array];
  readonly deposits: readonly [number, number];
  readonly stake: number;
  /** How long a disputed version stands open to a newer version or a move, in block-timestamp seconds. */
  readonly challengeSeconds: number;
}

export interface OnChainVersion {
  readonly version: number;
  readonly state: BetState;
}

export type AppChannel =
  | (AppTerms & { readonly phase: 'Funding'; readonly funded: readonly [boolean, boolean] })
  | (AppTerms & { readonly phase: 'Open' })
  | (AppTerms & { readonly phase: 'Disputed'; readonly best: OnChainVersion; readonly deadline: UnixSeconds })
  | (AppTerms & { readonly phase: 'Closed'; readonly final: OnChainVersion; readonly paid: readonly [number, number] });

export type AppInput =
  | { readonly kind: 'fund' }
  | { readonly kind: 'conclude'; readonly signed: SignedVersion }
  | { readonly kind: 'dispute'; readonly signed: SignedVersion }
  | { readonly kind: 'move'; readonly move: BetMove }
  | { readonly kind: 'finalize' };

interface AppStep {
  readonly state: AppChannel;
  readonly payouts: readonly HostPayout[];
}

type Ctx = Pick<HostContext, 'caller' | 'timestamp' | 'valueInMsat'>;

export const totalDeposits = (t: AppTerms): number => t.deposits[0] + t.deposits[1];

export function newAppChannel(terms: AppTerms): AppChannel {
  invariant(terms.deposits.every((d) => Number.isSafeInteger(d) && d >= 0) && totalDeposits(terms) > 0, 'bad-app-channel', `app channel ${terms.id}: deposits must be whole msat, not both 0`);
  invariant(Number.isSafeInteger(terms.stake) && terms.stake > 0, 'bad-app-channel', `app channel ${terms.id}: the stake must be whole msat > 0`);
  return Object.freeze({ ...terms, phase: 'Funding', funded: unfunded(terms.deposits) });
}

/** Money the adjudicator holds by its own books. */
export function appHeldMsat(s: AppChannel): number {
  return heldMsat(s);
}

export function checkAppChannel(s: AppChannel): void {
  const state = s.phase === 'Disputed' ? s.best.state : s.phase === 'Closed' ? s.final.state : undefined;
  if (state) invariant(betTotal(state) === totalDeposits(s), 'contract-not-conserved', `app channel ${s.id}: the state's balances + pot ≠ the deposits`, totalDeposits(s), betTotal(state));
  if (s.phase === 'Closed') invariant(s.paid[0] + s.paid[1] === totalDeposits(s), 'contract-not-conserved', `app channel ${s.id}: paid out ≠ deposits`, totalDeposits(s), s.paid);
}

const sideOf = (s: AppTerms, node: string): Side | undefined => (node === s.nodes[0] ? 0 : node === s.nodes[1] ? 1 : undefined);
const wrong = (s: AppChannel, input: AppInput): Outcome<AppStep> => fail('wrong-phase', `app channel ${s.id}: ${input.kind} is not possible while ${s.phase}`, undefined, s.phase);

/** A co-signed version is admissible if it is this channel's, both signed it, and it conserves the deposits. */
function admissible(s: AppChannel, v: SignedVersion): Outcome<true> {
  if (v.channelId !== s.id) return fail('wrong-channel', `app channel ${s.id}: the version is for ${v.channelId}`, s.id, v.channelId);
  if (!Number.isSafeInteger(v.version) || v.version < 0) return fail('bad-version', `app channel ${s.id}: a version number is a whole number ≥ 0`, '≥ 0', v.version);
  if (betTotal(v.state) !== totalDeposits(s)) return fail('not-conserved', `app channel ${s.id}: the version's balances + pot ≠ the deposits`, totalDeposits(s), betTotal(v.state));
  if (!bothSigned(v, s.publicKeys)) return fail('bad-signature', `app channel ${s.id}: version ${v.version} is not signed by both parties`);
  return ok(true);
}

function close(s: AppChannel, final: OnChainVersion): AppStep {
  const paid = [final.state.balances[0], final.state.balances[1]] as const;
  return { state: Object.freeze({ ...terms(s), phase: 'Closed', final, paid }), payouts: payoutsOf(paid) };
}

function terms(s: AppChannel): AppTerms {
  const { id, nodes, publicKeys, deposits, stake, challengeSeconds } = s;
  return { id, nodes, publicKeys, deposits, stake, challengeSeconds };
}

const disputed = (s: AppChannel, best: OnChainVersion, ctx: Ctx): AppStep => ({
  state: Object.freeze({ ...terms(s), phase: 'Disputed', best, deadline: (ctx.timestamp + s.challengeSeconds) as UnixSeconds }),
  payouts: [],
});

export function stepApp(s: AppChannel, input: AppInput, ctx: Ctx): Outcome<AppStep> {
  const side = sideOf(s, ctx.caller);
  if (side === undefined && input.kind !== 'finalize') return fail('not-a-party', `app channel ${s.id}: ${ctx.caller} is not a party`, s.nodes, ctx.caller);
  switch (input.kind) {
    case 'fund': {
      if (s.phase !== 'Funding') return wrong(s, input);
      const funding = fundSide(`app channel ${s.id}`, s.deposits, s.funded, side!, ctx.caller, ctx.valueInMsat);
      if (!funding.ok) return funding as Outcome<never>;
      const funded = funding.value;
      const next: AppChannel = funded[0] && funded[1] ? Object.freeze({ ...terms(s), phase: 'Open' }) : Object.freeze({ ...terms(s), phase: 'Funding', funded });
      return ok({ state: next, payouts: [] });
    }
    case 'conclude': {
      if (s.phase !== 'Open') return wrong(s, input);
      const valid = admissible(s, input.signed);
      if (!valid.ok) return valid as Outcome<never>;
      if (input.signed.state.pot !== 0) return fail('not-final', `app channel ${s.id}: only a state with nothing in the pot concludes at once`, 0, input.signed.state.pot);
      return ok(close(s, { version: input.signed.version, state: input.signed.state }));
    }
    case 'dispute': {
      if (s.phase !== 'Open' && s.phase !== 'Disputed') return wrong(s, input);
      const valid = admissible(s, input.signed);
      if (!valid.ok) return valid as Outcome<never>;
      if (s.phase === 'Disputed') {
        if (ctx.timestamp >= s.deadline) return fail('challenge-over', `app channel ${s.id}: the challenge period has ended`, `< ${s.deadline}`, ctx.timestamp);
        if (input.signed.version <= s.best.version) return fail('not-newer', `app channel ${s.id}: only a newer version replaces the disputed one`, `> ${s.best.version}`, input.signed.version);
      }
      return ok(disputed(s, { version: input.signed.version, state: input.signed.state }, ctx));
    }
    case 'move': {
      if (s.phase !== 'Disputed') return wrong(s, input);
      if (ctx.timestamp >= s.deadline) return fail('challenge-over', `app channel ${s.id}: the challenge period has ended`, `< ${s.deadline}`, ctx.timestamp);
      const moved = applyMove(s.best.state, input.move, side!, s.stake);
      if (!moved.ok) return moved as Outcome<never>;
      return ok(disputed(s, { version: s.best.version + 1, state: moved.value }, ctx));
    }
    case 'finalize': {
      if (s.phase !== 'Disputed') return wrong(s, input);
      if (ctx.timestamp < s.deadline) return fail('too-early', `app channel ${s.id}: the challenge period is still open`, s.deadline, ctx.timestamp);
      return ok(close(s, { version: s.best.version, state: forfeit(s.best.state) }));
    }
  }
}

