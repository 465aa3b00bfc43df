/**
 * The virtual-bank contract of BRIEF §2 as pure transitions: `step(state, input, ctx)` returns
 * the next state and the payouts it orders, or a ProtocolError with a stable code. It never
 * touches the chain; `host.ts` adapts it to the chain's ContractHost interface.
 *
 *              deposit (each party once, exact amount)
 *   Funding ───────────────────────────────────────────► Running
 *   Running ── cashRsmc / cashHtlc (attacker submits) ──► Auditing   defender paid at once,
 *                                                                    attacker's share frozen (bond)
 *   Running ── cooperativeClose (both signed) ─────────► Closed     both paid, no freeze
 *   Auditing ─ withdrawByAttacker (freeze over) ───────► Closed     bond → attacker
 *   Auditing ─ withdrawByDefender (revocation proof, ──► Closed     bond and pending HTLCs →
 *              before the freeze ends)                               defender (penalty)
 *   Auditing ─ claimHtlc (receiver, preimage, before its time lock) / timeoutHtlc (offerer, at or
 *              after it) resolve pending HTLCs; Closed once bond and HTLCs are all paid.
 *
 * HTLCs (BRIEF §2 cashHtlc, generalised to several as in BOLT #5): when an HTLC commitment is
 * cashed, each HTLC past its time lock refunds its offerer, each whose preimage is shown pays
 * its receiver, and the others stay pending until claimed or timed out. What resolves to the
 * attacker joins the frozen bond while the freeze lasts (a revoked commitment's HTLCs stay
 * punishable, as BOLT's second-stage delay ensures); what resolves to the defender is paid.
 *
 * Rules: 'virtual-bank' is BRIEF §2 exactly. 'asymmetric' is the bitcoin-style revocable
 * commitment of BRIEF §5 example 4 on the same machinery: the holder's own output waits a
 * relative lock (blocks since the commitment confirmed, never seconds), and the revocation key
 * can take it at any time until the holder has swept it — in bitcoin the revocation path of a
 * revoked output never expires, only the holder's delayed path opens.
 */
import { fromHex, opens, verify, type Signature } from '../crypto/index.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Height, Msat, UnixSeconds } from '../units.js';
import {
  closePayload,
  isHtlc,
  other,
  revocationPayload,
  sumPair,
  verifyTerms,
  type Freeze,
  type HtlcTerm,
  type Pair,
  type Side,
  type SignedCommitment,
  type Terms,
} from './commitment.js';

export interface Parties {
  /** Node ids, by side. */
  readonly nodes: readonly [string, string];
  /** Each party's signing public key (compressed, 33 bytes), by side. */
  readonly keys: readonly [Uint8Array, Uint8Array];
}

export type ContractRules = 'virtual-bank' | 'asymmetric';

interface Common {
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
      readonly how: 'cooperative' | 'attacker-withdrew' | 'defender-punished';
      readonly paidOut: Pair;
    });

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

export interface Step {
  readonly state: VirtualBank;
  readonly payouts: readonly Payout[];
}

/** construct(addresses[2], amounts[2]): both addresses valid and distinct, both amounts > 0. */
export function construct(id: string, parties: Parties, deposits: Pair, rules: ContractRules = 'virtual-bank'): Outcome<VirtualBank> {
  if (!id) return fail('bad-id', 'construct: the contract needs an id');
  if (!parties.nodes[0] || !parties.nodes[1] || parties.nodes[0] === parties.nodes[1]) {
    return fail('bad-parties', 'construct: two distinct party addresses are required', 'two distinct ids', parties.nodes);
  }
  if (!deposits.every((d) => Number.isSafeInteger(d) && d > 0)) {
    return fail('bad-amount', 'construct: both deposits must be positive whole msat', '> 0', deposits);
  }
  return ok({ phase: 'Funding', id, rules, parties, deposits, paid: [false, false] });
}

export function step(state: VirtualBank, input: ContractInput, ctx: CallContext): Outcome<Step> {
  const side = sideOf(state.parties, ctx.caller);
  if (side === undefined) return fail('not-a-party', `${input.method}: ${ctx.caller} is not a party of ${state.id}`, state.parties.nodes, ctx.caller);
  if (ctx.valueInMsat !== 0 && input.method !== 'deposit') {
    return fail('unexpected-value', `${input.method}: only deposit accepts value`, 0, ctx.valueInMsat);
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
      return withdrawByDefender(state, side, input.revocationSignature, ctx, input.reward);
    case 'cooperativeClose':
      return cooperativeClose(state, input.amounts, input.signatures);
  }
}

function deposit(state: VirtualBank, side: Side, ctx: CallContext): Outcome<Step> {
  if (state.phase !== 'Funding') return wrongPhase('deposit', state, 'Funding');
  if (state.paid[side]) return fail('already-deposited', `deposit: ${ctx.caller} already paid its deposit`);
  if (ctx.valueInMsat !== state.deposits[side]) {
    return fail('wrong-deposit-amount', `deposit: ${ctx.caller} must pay exactly its agreed amount`, state.deposits[side], ctx.valueInMsat);
  }
  const paid: [boolean, boolean] = [state.paid[0], state.paid[1]];
  paid[side] = true;
  const next: VirtualBank = paid[0] && paid[1] ? { ...common(state), phase: 'Running' } : { ...common(state), phase: 'Funding', paid };
  return ok({ state: next, payouts: [] });
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
  let settledAs: 'rsmc' | 'htlc' = 'rsmc';
  const preimages = input.method === 'cashHtlc' ? (input.preimages ?? []) : [];
  for (const h of isHtlc(terms) ? terms.htlcs : []) {
    const preimage = preimages.find((p) => opens(h.hashLock, p));
    let to: Side | undefined;
    if (ctx.height >= h.timeLock) to = h.offerer;
    else if (preimage) {
      to = other(h.offerer);
      settledAs = 'htlc';
    }
    if (to === undefined) pending.push(h);
    else if (to === attacker) bond += h.amountMsat;
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

/** claimHtlc (the receiver shows the preimage before the time lock) or timeoutHtlc (the offerer, at or after it). */
function resolveHtlc(state: VirtualBank, side: Side, input: Extract<ContractInput, { method: 'claimHtlc' | 'timeoutHtlc' }>, ctx: CallContext): Outcome<Step> {
  if (state.phase !== 'Auditing') return wrongPhase(input.method, state, 'Auditing');
  const index = state.pending.findIndex((h) => h.hashLock === input.hashLock && (input.method === 'claimHtlc' ? other(h.offerer) : h.offerer) === side);
  if (index < 0) return fail('unknown-htlc', `${input.method}: no pending HTLC with this hash lock for ${ctx.caller}`);
  const h = state.pending[index]!;
  if (input.method === 'claimHtlc') {
    if (ctx.height >= h.timeLock) return fail('htlc-expired', 'claimHtlc: the time lock has passed; the HTLC refunds its offerer', h.timeLock, ctx.height);
    if (!opens(h.hashLock, input.preimage)) return fail('bad-preimage', 'claimHtlc: the preimage does not open the hash lock');
  } else if (ctx.height < h.timeLock) {
    return fail('htlc-not-expired', 'timeoutHtlc: the time lock has not passed', h.timeLock, ctx.height);
  }
  const pending = state.pending.filter((_, i) => i !== index);
  // The attacker's winnings stay in the bond while the freeze lasts; anything else is paid now.
  const intoBond = side === state.attacker && !state.bondReleased && !freezeOver(state.terms.freeze, state, ctx);
  const bondMsat = (state.bondMsat + (intoBond ? h.amountMsat : 0)) as Msat;
  const paidOut = intoBond ? state.paidOut : add(state.paidOut, side, h.amountMsat);
  const payouts = intoBond ? [] : [{ side, amountMsat: h.amountMsat }];
  const settledAs = input.method === 'claimHtlc' ? 'htlc' : state.settledAs;
  if (pending.length === 0 && state.bondReleased) {
    return ok({ state: { ...common(state), phase: 'Closed', how: 'attacker-withdrew', paidOut }, payouts });
  }
  return ok({ state: { ...state, pending, bondMsat, paidOut, settledAs }, payouts });
}

function withdrawByDefender(state: VirtualBank, side: Side, revocationSignature: Signature, ctx: CallContext, reward?: TowerReward): Outcome<Step> {
  if (state.phase !== 'Auditing' || state.bondReleased) return wrongPhase('withdrawByDefender', state, 'Auditing with a frozen bond');
  if (side === state.attacker) return fail('not-defender', 'withdrawByDefender: only the defender may claim the bond');
  if (state.rules === 'virtual-bank' && freezeOver(state.terms.freeze, state, ctx)) {
    return fail('freeze-over', 'withdrawByDefender: the freeze has ended; the bond is the attacker\'s', freezeEnd(state.terms.freeze, state), ctx);
  }
  const payload = revocationPayload(state.id, state.terms.sequence);
  if (!verify(revocationSignature, payload, fromHex(state.terms.revocationLock))) {
    return fail('bad-revocation', 'withdrawByDefender: the signature is not by this sequence\'s revocation lock');
  }
  // BOLT #5: the victim takes every output of the revoked commitment, pending HTLCs included.
  const taken = state.bondMsat + state.pending.reduce((sum, h) => sum + h.amountMsat, 0);
  const share = reward?.amountMsat ?? 0;
  if (!Number.isSafeInteger(share) || share < 0 || share > taken) {
    return fail('bad-reward', "withdrawByDefender: a tower's reward must be whole msat within what the penalty takes", `0..${taken}`, share);
  }
  const paidOut = add(state.paidOut, side, taken);
  const payouts: Payout[] = [];
  if (taken - share > 0) payouts.push({ side, amountMsat: (taken - share) as Msat });
  if (share > 0) payouts.push({ side, amountMsat: share as Msat, to: reward!.to });
  return ok({ state: { ...common(state), phase: 'Closed', how: 'defender-punished', paidOut }, payouts });
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

/** The first height (blocks) or timestamp (seconds) at which the attacker may withdraw. */
export function freezeEnd(freeze: Freeze, state: { requestHeight: Height; requestTimestamp: UnixSeconds }): { height: number } | { timestamp: number } {
  return 'blocks' in freeze ? { height: state.requestHeight + freeze.blocks } : { timestamp: state.requestTimestamp + freeze.seconds };
}

function freezeOver(freeze: Freeze, state: { requestHeight: Height; requestTimestamp: UnixSeconds }, ctx: CallContext): boolean {
  const end = freezeEnd(freeze, state);
  return 'height' in end ? ctx.height >= end.height : ctx.timestamp >= end.timestamp;
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

function add(pair: Pair, side: Side, amount: number): Pair {
  const out: [number, number] = [pair[0], pair[1]];
  out[side] += amount;
  return out as unknown as Pair;
}

function sideOf(parties: Parties, caller: string): Side | undefined {
  return parties.nodes[0] === caller ? 0 : parties.nodes[1] === caller ? 1 : undefined;
}

function common(state: VirtualBank): Common {
  return { id: state.id, rules: state.rules, parties: state.parties, deposits: state.deposits };
}

function wrongPhase(method: string, state: VirtualBank, expected: string): Outcome<never> {
  return fail('wrong-state', `${method}: the contract is ${state.phase}, expected ${expected}`, expected, state.phase);
}
