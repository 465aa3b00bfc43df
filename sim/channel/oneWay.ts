/**
 * The one-way channel of BRIEF §5 example 5: ordering by time locks instead of revocation.
 *
 * The payer funds the channel alone. Every new state k (k = 1, 2, …) pays the payee more and is
 * valid on the chain only from height `openHeight + refundBlocks − k`: each commitment's lock is
 * one block shorter than the previous one, so the newest state becomes valid first and the payee
 * settles it before any older one can be. The refund (state 0, all to the payer) is valid from
 * `openHeight + refundBlocks`. Hence at most `refundBlocks` states: state `refundBlocks` is
 * valid at once and no later state can have a shorter lock.
 *
 *   Funding ── fund (payer pays its amount) ──► Open ── settle(k) at or after its lock ──► Closed
 *
 * The payer signs each state (it is the one paying); the contract checks that signature.
 */
import { encodePayload, verify, type Signature } from '../crypto/index.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Height, Msat } from '../units.js';
import { sumPair, type Pair } from './commitment.js';

export interface OneWayTerms {
  readonly contractId: string;
  /** 0 is the refund; 1, 2, … are payments. */
  readonly state: number;
  /** [payer, payee]. */
  readonly amounts: Pair;
}

export type OneWay =
  | { readonly phase: 'Funding'; readonly id: string; readonly nodes: readonly [string, string]; readonly payerKey: Uint8Array; readonly depositMsat: Msat; readonly refundBlocks: number }
  | { readonly phase: 'Open'; readonly id: string; readonly nodes: readonly [string, string]; readonly payerKey: Uint8Array; readonly depositMsat: Msat; readonly refundBlocks: number; readonly openHeight: Height }
  | { readonly phase: 'Closed'; readonly id: string; readonly nodes: readonly [string, string]; readonly depositMsat: Msat; readonly settled: OneWayTerms; readonly paidOut: Pair };

export type OneWayInput =
  | { readonly method: 'fund' }
  | { readonly method: 'settle'; readonly terms: OneWayTerms; readonly payerSignature: Signature };

export interface OneWayContext {
  readonly caller: string;
  readonly height: Height;
  readonly valueInMsat: Msat;
}

export interface OneWayStep {
  readonly state: OneWay;
  /** By side: 0 payer, 1 payee. */
  readonly payouts: readonly { readonly side: 0 | 1; readonly amountMsat: Msat }[];
}

export function oneWayPayload(terms: OneWayTerms): Uint8Array {
  return encodePayload('pcnsim/one-way', [terms.contractId, terms.state, [terms.amounts[0], terms.amounts[1]]]);
}

/** The first height at which state `k` may settle. */
export function validFrom(openHeight: number, refundBlocks: number, k: number): number {
  return openHeight + refundBlocks - k;
}

export function constructOneWay(id: string, nodes: readonly [string, string], payerKey: Uint8Array, depositMsat: Msat, refundBlocks: number): Outcome<OneWay> {
  if (!nodes[0] || !nodes[1] || nodes[0] === nodes[1]) return fail('bad-parties', 'constructOneWay: two distinct parties are required');
  if (!Number.isSafeInteger(depositMsat) || depositMsat <= 0) return fail('bad-deposit', 'constructOneWay: the deposit must be positive', '> 0', depositMsat);
  if (!Number.isSafeInteger(refundBlocks) || refundBlocks <= 0) return fail('bad-lock', 'constructOneWay: the refund lock must be a positive number of blocks', '> 0', refundBlocks);
  return ok({ phase: 'Funding', id, nodes, payerKey, depositMsat, refundBlocks });
}

export function stepOneWay(state: OneWay, input: OneWayInput, ctx: OneWayContext): Outcome<OneWayStep> {
  const side = state.nodes[0] === ctx.caller ? 0 : state.nodes[1] === ctx.caller ? 1 : undefined;
  if (side === undefined) return fail('not-a-party', `${input.method}: ${ctx.caller} is not a party of ${state.id}`);
  switch (input.method) {
    case 'fund': {
      if (state.phase !== 'Funding') return fail('wrong-state', `fund: the contract is ${state.phase}, expected Funding`, 'Funding', state.phase);
      if (side !== 0) return fail('not-payer', 'fund: only the payer funds a one-way channel');
      if (ctx.valueInMsat !== state.depositMsat) return fail('wrong-deposit-amount', 'fund: the payer must pay exactly the agreed amount', state.depositMsat, ctx.valueInMsat);
      return ok({ state: { ...state, phase: 'Open', openHeight: ctx.height }, payouts: [] });
    }
    case 'settle': {
      if (state.phase !== 'Open') return fail('wrong-state', `settle: the contract is ${state.phase}, expected Open`, 'Open', state.phase);
      if (ctx.valueInMsat !== 0) return fail('unexpected-value', 'settle: only fund accepts value', 0, ctx.valueInMsat);
      const { terms } = input;
      if (terms.contractId !== state.id) return fail('wrong-contract', `settle: the state is for ${terms.contractId}, not ${state.id}`, state.id, terms.contractId);
      if (!Number.isSafeInteger(terms.state) || terms.state < 0 || terms.state > state.refundBlocks) {
        return fail('state-limit', `settle: state must be within 0..${state.refundBlocks}`, state.refundBlocks, terms.state);
      }
      if (!terms.amounts.every((a) => Number.isSafeInteger(a) && a >= 0) || sumPair(terms.amounts) !== state.depositMsat) {
        return fail('amounts-mismatch', 'settle: the amounts must sum to the deposit', state.depositMsat, sumPair(terms.amounts));
      }
      // The refund needs no signature: it pays the payer everything, once its (longest) lock is over.
      if (terms.state > 0 && !verify(input.payerSignature, oneWayPayload(terms), state.payerKey)) {
        return fail('bad-signature', "settle: the payer's signature does not cover this state");
      }
      if (terms.state === 0 && terms.amounts[0] !== state.depositMsat) return fail('amounts-mismatch', 'settle: the refund pays the payer everything', state.depositMsat, terms.amounts[0]);
      const from = validFrom(state.openHeight, state.refundBlocks, terms.state);
      if (ctx.height < from) return fail('locked', `settle: state ${terms.state} is valid from height ${from}`, from, ctx.height);
      const payouts = ([0, 1] as const).filter((s) => terms.amounts[s] > 0).map((s) => ({ side: s, amountMsat: terms.amounts[s] }));
      return ok({ state: { phase: 'Closed', id: state.id, nodes: state.nodes, depositMsat: state.depositMsat, settled: terms, paidOut: terms.amounts }, payouts });
    }
  }
}
