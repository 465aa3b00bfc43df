/**
 * The virtual-bank contract of BRIEF §2 as pure transitions: `step(state, input, ctx)` returns
 * the next state and the payouts it orders, or a ProtocolError with a stable code. It never
 * touches the chain; `host.ts` adapts it to the chain's ContractHost interface.
 *
 *              deposit (each party once, exact amount)
 *   Funding ───────────────────────────────────────────► Running
 *   Running ── cashRsmc / cashHtlc (attacker submits) ──► Auditing   defender paid at once,
 *                                                                    attacker's share frozen (bond)
 *   Running ── cooperativeClose (both signed) ─────────► Closed     both paid, no freeze ('cooperative')
 *   Auditing ─ withdrawByAttacker (freeze over) ───────► Closed     bond → attacker ('attacker-withdrew')
 *                                               └─────► Auditing   the same while HTLCs are pending
 *                                                                    (bondReleased)
 *   Auditing ─ withdrawByDefender (revocation proof) ──► Closed     bond and pending HTLCs → defender,
 *              virtual bank: before the freeze ends;                 less the justice fee, if the call
 *              asymmetric: until each output is spent,               pays one from them
 *              so after bondReleased the pending HTLCs               ('defender-punished', penalty.ts)
 *   Auditing ─ claimHtlc / timeoutHtlc ────────────────► Auditing   one pending HTLC resolved
 *                                               └─────► Closed     the last one, the bond already
 *                                                                    withdrawn ('htlcs-resolved')
 *
 * HTLCs (BRIEF §2 cashHtlc, generalised to several as in BOLT #5): when an HTLC commitment is
 * cashed, each HTLC past its time lock refunds its offerer, each whose preimage is shown pays
 * its receiver, and the others stay pending until claimed or timed out (htlcRules.ts, which also
 * has Sprites' shared HTLCs). What resolves to the attacker joins the frozen bond while the
 * freeze lasts (a revoked commitment's HTLCs stay punishable, as BOLT's second-stage delay
 * ensures); what resolves to the defender is paid. Every step lists the HTLCs it resolved and
 * how (`Step.resolved`), so reports count claims, timeouts and punished HTLCs from what happened.
 *
 * Rules: 'virtual-bank' is BRIEF §2 exactly: the penalty is valid only before the freeze ends,
 * and the bond is released only after it, so once the freeze is over nothing of a revoked
 * commitment is punishable any more — an HTLC still pending then resolves by claim or timeout
 * alone. 'asymmetric' is the bitcoin-style revocable commitment of BRIEF §5 example 4 on the
 * same machinery: the holder's own output waits a relative lock (blocks since the commitment
 * confirmed, never seconds), and the revocation key can take every output of a revoked
 * commitment until it is spent (BOLT #3/#5: the revocation path never expires): the bond until
 * the holder sweeps it, each HTLC until it is claimed or timed out.
 */
import { opens, verify, type Signature } from '../crypto/index.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Height, Msat, UnixSeconds } from '../units.js';
import {
  closePayload,
  isHtlc,
  other,
  sumPair,
  verifyTerms,
  type HtlcTerm,
  type Pair,
  type Side,
  type SignedCommitment,
  type Terms,
} from './commitment.js';
import { freezeEnd, freezeOver } from './freeze.js';
import { checkClaim, checkTimeout, payeeAtCash, type RegisteredAt } from './htlcRules.js';
import { withdrawByDefender } from './penalty.js';
import { add, common, wrongPhase } from './states.js';

export { freezeEnd } from './freeze.js';

export interface Parties {
  /** Node ids, by side. */
  readonly nodes: readonly [string, string];
  /** Each party's signing public key (compressed, 33 bytes), by side. */
  readonly keys: readonly [Uint8Array, Uint8Array];
}

export type ContractRules = 'virtual-bank' | 'asymmetric';

export interface Common {
  readonly id: string;
  readonly rules: ContractRules;
  readonly parties: Parties;
  /** The agreed deposits, by side. */
  readonly deposits: Pair;
}

export type VirtualBank =
  | (Common & { readonly phase: 'Funding'; readonly paid: readonly [boolean, boolean] })
  | (Common & { readonly phase: 'Running' })
  | (Common & {
      readonly phase: 'Auditing';
      readonly attacker: Side;
      readonly terms: Terms;
      /** 'htlc' when some HTLC of the cashed commitment paid its receiver with a preimage, else 'rsmc'. */
      readonly settledAs: 'rsmc' | 'htlc';
      /** The attacker's share, frozen until the freeze ends (0 once withdrawn). */
      readonly bondMsat: Msat;
      readonly bondReleased: boolean;
      /** HTLCs of the cashed commitment not resolved yet. */
      readonly pending: readonly HtlcTerm[];
      readonly paidOut: Pair;
      readonly requestHeight: Height;
      readonly requestTimestamp: UnixSeconds;
    })
  | (Common & {
      readonly phase: 'Closed';
      /** 'htlcs-resolved': the last pending HTLC resolved after the attacker had withdrawn its bond. */
      readonly how: 'cooperative' | 'attacker-withdrew' | 'htlcs-resolved';
      readonly paidOut: Pair;
    })
  | (Common & { readonly phase: 'Closed'; readonly how: 'defender-punished'; readonly paidOut: Pair; readonly penalty: Penalty });

/** What a penalty took (`paidOut` counts it all on the defender's side). */
export interface Penalty {
  /** Everything the revoked commitment still held: the bond plus every pending HTLC. */
  readonly takenMsat: Msat;
  /** The part of `takenMsat` from pending HTLCs. */
  readonly htlcMsat: Msat;
  /** Paid to the miner out of it (an altruist watchtower's justice fee). */
  readonly feeMsat: Msat;
  /** Paid to the watchtower out of it (a reward tower's share). */
  readonly rewardMsat: Msat;
}

export type ContractInput =
  | { readonly method: 'deposit' }
  | { readonly method: 'cashRsmc'; readonly commitment: SignedCommitment }
  | { readonly method: 'cashHtlc'; readonly commitment: SignedCommitment; readonly preimages?: readonly Uint8Array[] }
  | { readonly method: 'claimHtlc'; readonly hashLock: string; readonly preimage: Uint8Array }
  | { readonly method: 'timeoutHtlc'; readonly hashLock: string }
  | { readonly method: 'withdrawByAttacker' }
  /** `reward`: a watchtower's share, an output of the justice transaction its client pre-signed. */
  | { readonly method: 'withdrawByDefender'; readonly revocationSignature: Signature; readonly reward?: TowerReward }
  | { readonly method: 'cooperativeClose'; readonly amounts: Pair; readonly signatures: readonly [Signature, Signature] };

export interface CallContext {
  /** Who submitted the call (a node id). */
  readonly caller: string;
  /** Height and timestamp of the block that includes the call. */
  readonly height: Height;
  readonly timestamp: UnixSeconds;
  /** Value the call sends into the contract. */
  readonly valueInMsat: Msat;
  /** Fee the transaction asks the contract to pay from its funds (only a penalty may); default 0. */
  readonly contractFeeMsat?: Msat;
  /** The chain's preimage manager (shared HTLCs, htlcRules.ts); without it no preimage counts as registered. */
  readonly registeredAt?: RegisteredAt;
}

export interface TowerReward {
  readonly to: string;
  readonly amountMsat: Msat;
}

export interface Payout {
  readonly side: Side;
  readonly amountMsat: Msat;
  /** Paid on `side`'s behalf to another node (a watchtower's reward); default: `side`'s own node. */
  readonly to?: string;
}

/** How one HTLC of the cashed commitment left it. */
export interface HtlcResolution {
  readonly htlc: HtlcTerm;
  /**
   * 'claimed': paid its receiver (preimage shown, or registered in time if shared);
   * 'timed-out': refunded its offerer; 'punished': taken by the defender's penalty.
   */
  readonly outcome: 'claimed' | 'timed-out' | 'punished';
}

export interface Step {
  readonly state: VirtualBank;
  readonly payouts: readonly Payout[];
  /** Paid to the miner from the contract's funds (`CallContext.contractFeeMsat`). */
  readonly feeMsat?: Msat;
  /** The HTLCs this step resolved (at cash, by claim or timeout, or by the penalty). */
  readonly resolved?: readonly HtlcResolution[];
}

/** construct(addresses[2], amounts[2]): both addresses valid and distinct, both amounts > 0. */
export function construct(id: string, parties: Parties, deposits: Pair, rules: ContractRules = 'virtual-bank'): Outcome<VirtualBank> {
  if (!id) return fail('bad-id', 'construct: the contract needs an id');
  if (!parties.nodes[0] || !parties.nodes[1] || parties.nodes[0] === parties.nodes[1]) {
    return fail('bad-parties', 'construct: two distinct party addresses are required', 'two distinct ids', parties.nodes);
  }
  if (!deposits.every((d) => Number.isSafeInteger(d) && d > 0)) {
    return fail('bad-deposit', 'construct: both deposits must be positive whole msat', '> 0', deposits);
  }
  return ok({ phase: 'Funding', id, rules, parties, deposits, paid: [false, false] });
}

export function step(state: VirtualBank, input: ContractInput, ctx: CallContext): Outcome<Step> {
  const side = sideOf(state.parties, ctx.caller);
  if (side === undefined) return fail('not-a-party', `${input.method}: ${ctx.caller} is not a party of ${state.id}`, state.parties.nodes, ctx.caller);
  if (ctx.valueInMsat !== 0 && input.method !== 'deposit') {
    return fail('unexpected-value', `${input.method}: only deposit accepts value`, 0, ctx.valueInMsat);
  }
  if ((ctx.contractFeeMsat ?? 0) !== 0 && input.method !== 'withdrawByDefender') {
    return fail('unexpected-fee', `${input.method}: only a penalty may pay its fee from the contract's funds`, 0, ctx.contractFeeMsat);
  }
  switch (input.method) {
    case 'deposit':
      return deposit(state, side, ctx);
    case 'cashRsmc':
    case 'cashHtlc':
      return cash(state, side, input, ctx);
    case 'withdrawByAttacker':
      return withdrawByAttacker(state, side, ctx);
    case 'claimHtlc':
    case 'timeoutHtlc':
      return resolveHtlc(state, side, input, ctx);
    case 'withdrawByDefender':
      return withdrawByDefender(state, side, input, ctx);
    case 'cooperativeClose':
      return cooperativeClose(state, input.amounts, input.signatures);
  }
}

/** A step that pays nobody (shared: a real snapshot's genesis block makes 62,000 deposits). */
const NO_PAYOUTS: readonly Payout[] = Object.freeze([]);

function deposit(state: VirtualBank, side: Side, ctx: CallContext): Outcome<Step> {
  if (state.phase !== 'Funding') return wrongPhase('deposit', state, 'Funding');
  if (state.paid[side]) return fail('already-deposited', `deposit: ${ctx.caller} already paid its deposit`);
  if (ctx.valueInMsat !== state.deposits[side]) {
    return fail('wrong-deposit-amount', `deposit: ${ctx.caller} must pay exactly its agreed amount`, state.deposits[side], ctx.valueInMsat);
  }
  const paid: [boolean, boolean] = [state.paid[0], state.paid[1]];
  paid[side] = true;
  // One literal with every field (the keys of common() first), not a spread nor common() plus
  // Object.assign: a spread literal gets a hidden class of its own, and fields added to a finished
  // literal go to a separate property array (31,000 live states on a real snapshot).
  const { id, rules, parties, deposits } = state;
  const next: VirtualBank = paid[0] && paid[1] ? { id, rules, parties, deposits, phase: 'Running' } : { id, rules, parties, deposits, phase: 'Funding', paid };
  return ok({ state: next, payouts: NO_PAYOUTS });
}

function cash(
  state: VirtualBank,
  attacker: Side,
  input: Extract<ContractInput, { method: 'cashRsmc' | 'cashHtlc' }>,
  ctx: CallContext,
): Outcome<Step> {
  if (state.phase !== 'Running') return wrongPhase(input.method, state, 'Running');
  const { terms, defenderSignature } = input.commitment;
  if (isHtlc(terms) !== (input.method === 'cashHtlc')) {
    return fail('wrong-method', `${input.method}: this commitment is ${isHtlc(terms) ? 'an HTLC' : 'an RSMC'} commitment`);
  }
  const checked = checkTerms(state, terms, input.method);
  if (!checked.ok) return checked;
  const defender = other(attacker);
  if (!verifyTerms(defenderSignature, terms, state.parties.keys[defender])) {
    return fail('bad-signature', `${input.method}: the defender's signature does not cover these terms`);
  }
  // Resolve what can be resolved now; the rest stays pending (BOLT #5).
  const paidOut: [number, number] = [0, 0];
  let bond = terms.amounts[attacker] as number;
  paidOut[defender] = terms.amounts[defender];
  const pending: HtlcTerm[] = [];
  const resolved: HtlcResolution[] = [];
  let settledAs: 'rsmc' | 'htlc' = 'rsmc';
  const preimages = input.method === 'cashHtlc' ? (input.preimages ?? []) : [];
  for (const h of isHtlc(terms) ? terms.htlcs : []) {
    const to = payeeAtCash(h, ctx.height, preimages.some((p) => opens(h.hashLock, p)), ctx.registeredAt);
    if (to === undefined) {
      pending.push(h);
      continue;
    }
    resolved.push({ htlc: h, outcome: to === h.offerer ? 'timed-out' : 'claimed' });
    if (to !== h.offerer) settledAs = 'htlc';
    if (to === attacker) bond += h.amountMsat;
    else paidOut[defender] += h.amountMsat;
  }
  if (preimages.some((p) => !(isHtlc(terms) && terms.htlcs.some((h) => opens(h.hashLock, p))))) {
    return fail('bad-preimage', 'cashHtlc: a preimage opens none of the hash locks');
  }
  return ok({
    state: {
      ...common(state),
      phase: 'Auditing',
      attacker,
      terms,
      settledAs,
      bondMsat: bond as Msat,
      bondReleased: false,
      pending,
      paidOut: paidOut as unknown as Pair,
      requestHeight: ctx.height,
      requestTimestamp: ctx.timestamp,
    },
    payouts: paidOut[defender] > 0 ? [{ side: defender, amountMsat: paidOut[defender] as Msat }] : [],
    resolved,
  });
}

function checkTerms(state: VirtualBank, terms: Terms, method: string): Outcome<true> {
  if (terms.contractId !== state.id) return fail('wrong-contract', `${method}: the commitment is for ${terms.contractId}, not ${state.id}`, state.id, terms.contractId);
  const total = sumPair(state.deposits);
  const htlcs = isHtlc(terms) ? terms.htlcs : [];
  const amounts = [...terms.amounts, ...htlcs.map((h) => h.amountMsat)];
  const sum = amounts.reduce((a, b) => a + b, 0);
  if (!amounts.every((a) => Number.isSafeInteger(a) && a >= 0) || sum !== total) {
    return fail('amounts-mismatch', `${method}: the amounts and HTLCs must be whole msat summing to the total deposit`, total, sum);
  }
  if (state.rules === 'asymmetric' && !('blocks' in terms.freeze)) {
    return fail('bad-freeze', `${method}: an asymmetric commitment's delay is a relative lock in blocks`, 'blocks', terms.freeze);
  }
  const freeze = 'blocks' in terms.freeze ? terms.freeze.blocks : terms.freeze.seconds;
  if (!Number.isSafeInteger(freeze) || freeze <= 0) return fail('bad-freeze', `${method}: the freeze must be a positive whole number`, '> 0', freeze);
  return ok(true);
}

function withdrawByAttacker(state: VirtualBank, side: Side, ctx: CallContext): Outcome<Step> {
  if (state.phase !== 'Auditing' || state.bondReleased) return wrongPhase('withdrawByAttacker', state, 'Auditing with a frozen bond');
  if (side !== state.attacker) return fail('not-attacker', 'withdrawByAttacker: only the attacker may withdraw the bond');
  if (!freezeOver(state.terms.freeze, state, ctx)) {
    return fail('freeze-not-over', 'withdrawByAttacker: the freeze has not ended', freezeEnd(state.terms.freeze, state), ctx);
  }
  const paidOut = add(state.paidOut, side, state.bondMsat);
  const payouts = state.bondMsat > 0 ? [{ side, amountMsat: state.bondMsat }] : [];
  if (state.pending.length > 0) {
    return ok({ state: { ...state, bondMsat: 0 as Msat, bondReleased: true, paidOut }, payouts });
  }
  return ok({ state: { ...common(state), phase: 'Closed', how: 'attacker-withdrew', paidOut }, payouts });
}

/** claimHtlc (the receiver shows the preimage) or timeoutHtlc (the offerer, past the time lock): htlcRules.ts says when. */
function resolveHtlc(state: VirtualBank, side: Side, input: Extract<ContractInput, { method: 'claimHtlc' | 'timeoutHtlc' }>, ctx: CallContext): Outcome<Step> {
  if (state.phase !== 'Auditing') return wrongPhase(input.method, state, 'Auditing');
  const claim = input.method === 'claimHtlc';
  const index = state.pending.findIndex((h) => h.hashLock === input.hashLock && (claim ? other(h.offerer) : h.offerer) === side);
  if (index < 0) return fail('unknown-htlc', `${input.method}: no pending HTLC with this hash lock for ${ctx.caller}`);
  const h = state.pending[index]!;
  const allowed = claim ? checkClaim(h, ctx.height, input.preimage, ctx.registeredAt) : checkTimeout(h, ctx.height, ctx.registeredAt);
  if (!allowed.ok) return allowed;
  const pending = state.pending.filter((_, i) => i !== index);
  // The attacker's winnings stay in the bond while the freeze lasts; anything else is paid now.
  const intoBond = side === state.attacker && !state.bondReleased && !freezeOver(state.terms.freeze, state, ctx);
  const bondMsat = (state.bondMsat + (intoBond ? h.amountMsat : 0)) as Msat;
  const paidOut = intoBond ? state.paidOut : add(state.paidOut, side, h.amountMsat);
  const payouts = intoBond ? [] : [{ side, amountMsat: h.amountMsat }];
  const resolved: HtlcResolution[] = [{ htlc: h, outcome: claim ? 'claimed' : 'timed-out' }];
  if (pending.length === 0 && state.bondReleased) {
    return ok({ state: { ...common(state), phase: 'Closed', how: 'htlcs-resolved', paidOut }, payouts, resolved });
  }
  return ok({ state: { ...state, pending, bondMsat, paidOut, settledAs: claim ? 'htlc' : state.settledAs }, payouts, resolved });
}

function cooperativeClose(state: VirtualBank, amounts: Pair, signatures: readonly [Signature, Signature]): Outcome<Step> {
  if (state.phase !== 'Running') return wrongPhase('cooperativeClose', state, 'Running');
  const total = sumPair(state.deposits);
  if (!amounts.every((a) => Number.isSafeInteger(a) && a >= 0) || sumPair(amounts) !== total) {
    return fail('amounts-mismatch', 'cooperativeClose: the amounts must sum to the total deposit', total, sumPair(amounts));
  }
  const payload = closePayload(state.id, amounts);
  for (const side of [0, 1] as const) {
    if (!verify(signatures[side], payload, state.parties.keys[side])) {
      return fail('bad-signature', `cooperativeClose: ${state.parties.nodes[side]}'s signature does not cover this sheet`);
    }
  }
  const payouts = ([0, 1] as const).filter((s) => amounts[s] > 0).map((s) => ({ side: s, amountMsat: amounts[s] }));
  return ok({ state: { ...common(state), phase: 'Closed', how: 'cooperative', paidOut: amounts }, payouts });
}

/** Money the contract still holds, by construction of each phase. */
export function heldMsat(state: VirtualBank): number {
  switch (state.phase) {
    case 'Funding':
      return (state.paid[0] ? state.deposits[0] : 0) + (state.paid[1] ? state.deposits[1] : 0);
    case 'Running':
      return sumPair(state.deposits);
    case 'Auditing':
      return state.bondMsat + state.pending.reduce((sum, h) => sum + h.amountMsat, 0);
    case 'Closed':
      return 0;
  }
}


function sideOf(parties: Parties, caller: string): Side | undefined {
  return parties.nodes[0] === caller ? 0 : parties.nodes[1] === caller ? 1 : undefined;
}
