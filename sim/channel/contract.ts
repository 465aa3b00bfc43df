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
 *   Auditing ─ withdrawByDefender (revocation proof, ──► Closed     bond → defender (penalty)
 *              before the freeze ends)
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
      /** 'htlc' when an HTLC commitment settled with its preimage, else 'rsmc'. */
      readonly settledAs: 'rsmc' | 'htlc';
      /** The attacker's share, frozen until the freeze ends. */
      readonly bondMsat: Msat;
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
  | { readonly method: 'cashHtlc'; readonly commitment: SignedCommitment; readonly preimage?: Uint8Array }
  | { readonly method: 'withdrawByAttacker' }
  | { readonly method: 'withdrawByDefender'; readonly revocationSignature: Signature }
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

export interface Payout {
  readonly side: Side;
  readonly amountMsat: Msat;
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
    case 'withdrawByDefender':
      return withdrawByDefender(state, side, input.revocationSignature, ctx);
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
  let amounts: Pair = terms.amounts;
  let settledAs: 'rsmc' | 'htlc' = 'rsmc';
  if (isHtlc(terms) && ctx.height < terms.timeLock) {
    // Before the time lock the HTLC split needs the preimage (BRIEF §2).
    const preimage = input.method === 'cashHtlc' ? input.preimage : undefined;
    if (!preimage) return fail('preimage-required', 'cashHtlc: before the time lock the preimage is required', terms.timeLock, ctx.height);
    if (!opens(terms.hashLock, preimage)) return fail('bad-preimage', 'cashHtlc: the preimage does not open the hash lock', terms.hashLock);
    amounts = terms.htlcAmounts;
    settledAs = 'htlc';
  }
  const paidOut: [Msat, Msat] = [0 as Msat, 0 as Msat];
  paidOut[defender] = amounts[defender];
  return ok({
    state: {
      ...common(state),
      phase: 'Auditing',
      attacker,
      terms,
      settledAs,
      bondMsat: amounts[attacker],
      paidOut,
      requestHeight: ctx.height,
      requestTimestamp: ctx.timestamp,
    },
    payouts: amounts[defender] > 0 ? [{ side: defender, amountMsat: amounts[defender] }] : [],
  });
}

function checkTerms(state: VirtualBank, terms: Terms, method: string): Outcome<true> {
  if (terms.contractId !== state.id) return fail('wrong-contract', `${method}: the commitment is for ${terms.contractId}, not ${state.id}`, state.id, terms.contractId);
  const total = sumPair(state.deposits);
  const pairs: Pair[] = isHtlc(terms) ? [terms.amounts, terms.htlcAmounts] : [terms.amounts];
  for (const pair of pairs) {
    if (!pair.every((a) => Number.isSafeInteger(a) && a >= 0) || sumPair(pair) !== total) {
      return fail('amounts-mismatch', `${method}: the amounts must be whole msat summing to the total deposit`, total, sumPair(pair));
    }
  }
  if (state.rules === 'asymmetric' && !('blocks' in terms.freeze)) {
    return fail('bad-freeze', `${method}: an asymmetric commitment's delay is a relative lock in blocks`, 'blocks', terms.freeze);
  }
  const freeze = 'blocks' in terms.freeze ? terms.freeze.blocks : terms.freeze.seconds;
  if (!Number.isSafeInteger(freeze) || freeze <= 0) return fail('bad-freeze', `${method}: the freeze must be a positive whole number`, '> 0', freeze);
  return ok(true);
}

function withdrawByAttacker(state: VirtualBank, side: Side, ctx: CallContext): Outcome<Step> {
  if (state.phase !== 'Auditing') return wrongPhase('withdrawByAttacker', state, 'Auditing');
  if (side !== state.attacker) return fail('not-attacker', 'withdrawByAttacker: only the attacker may withdraw the bond');
  if (!freezeOver(state.terms.freeze, state, ctx)) {
    return fail('freeze-not-over', 'withdrawByAttacker: the freeze has not ended', freezeEnd(state.terms.freeze, state), ctx);
  }
  const paidOut: [Msat, Msat] = [state.paidOut[0], state.paidOut[1]];
  paidOut[side] = (paidOut[side] + state.bondMsat) as Msat;
  return ok({
    state: { ...common(state), phase: 'Closed', how: 'attacker-withdrew', paidOut },
    payouts: state.bondMsat > 0 ? [{ side, amountMsat: state.bondMsat }] : [],
  });
}

function withdrawByDefender(state: VirtualBank, side: Side, revocationSignature: Signature, ctx: CallContext): Outcome<Step> {
  if (state.phase !== 'Auditing') return wrongPhase('withdrawByDefender', state, 'Auditing');
  if (side === state.attacker) return fail('not-defender', 'withdrawByDefender: only the defender may claim the bond');
  if (state.rules === 'virtual-bank' && freezeOver(state.terms.freeze, state, ctx)) {
    return fail('freeze-over', 'withdrawByDefender: the freeze has ended; the bond is the attacker\'s', freezeEnd(state.terms.freeze, state), ctx);
  }
  const payload = revocationPayload(state.id, state.terms.sequence);
  if (!verify(revocationSignature, payload, fromHex(state.terms.revocationLock))) {
    return fail('bad-revocation', 'withdrawByDefender: the signature is not by this sequence\'s revocation lock');
  }
  const paidOut: [Msat, Msat] = [state.paidOut[0], state.paidOut[1]];
  paidOut[side] = (paidOut[side] + state.bondMsat) as Msat;
  return ok({
    state: { ...common(state), phase: 'Closed', how: 'defender-punished', paidOut },
    payouts: state.bondMsat > 0 ? [{ side, amountMsat: state.bondMsat }] : [],
  });
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
      return state.bondMsat;
    case 'Closed':
      return 0;
  }
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
