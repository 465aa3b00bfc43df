/**
 * The host between a pure contract and the chain: a fee the chain asks the contract to pay is
 * paid only if the contract's step pays exactly that (else the call is rejected, nothing
 * changes), and the books must then equal the chain's balance less payouts and fee.
 */
import type { ContractContext, Tx } from '../chain/types.js';
import { height, msat, type Msat, type TxId, type UnixSeconds } from '../units.js';
import { PureContractHost } from './host.js';

interface Pot {
  readonly id: string;
  readonly heldMsat: number;
}

/** A pot that pays `payMsat` to side 0 and, if `fee` is set, the asked fee; `leak` miscounts its books. */
function pot(fee: boolean, leak = 0) {
  return new PureContractHost<Pot, { method: string; payMsat: number }>({ id: 'pot', heldMsat: 1_000 }, ['a', 'b'], {
    step: (state, input, ctx) => {
      const feeMsat = fee ? ctx.contractFeeMsat : (0 as Msat);
      return { ok: true, value: { state: { id: 'pot', heldMsat: state.heldMsat - input.payMsat - feeMsat + leak }, payouts: [{ side: 0, amountMsat: input.payMsat as Msat }], feeMsat } };
    },
    held: (s) => s.heldMsat,
    check: () => undefined,
  });
}

const context = (contractFeeMsat: number): ContractContext => ({
  height: height(5),
  timestamp: 0 as UnixSeconds,
  tx: { id: 'tx1' as TxId, kind: 'k', sender: 'a', feeMsat: msat(0), submittedAt: 0, weight: 1 } as Tx,
  valueInMsat: msat(0),
  balanceMsat: msat(1_000),
  contractFeeMsat: msat(contractFeeMsat),
  registeredAt: () => undefined,
});

describe('PureContractHost and fees paid from the contract', () => {
  it('pays the asked fee when the step pays it, and tells listeners', () => {
    const host = pot(true);
    const seen: number[] = [];
    host.onTransition((t) => seen.push(t.feeMsat));
    expect(host.execute({ contractId: 'pot', method: 'pay', args: { method: 'pay', payMsat: 600 } }, context(300))).toEqual({ ok: true, payouts: [{ owner: 'a', amountMsat: 600 }] });
    expect([host.state.heldMsat, seen]).toEqual([100, [300]]);
  });

  it('rejects a call whose step does not pay the asked fee, changing nothing', () => {
    const host = pot(false);
    const result = host.execute({ contractId: 'pot', method: 'pay', args: { method: 'pay', payMsat: 600 } }, context(300));
    expect(result.ok ? 'ok' : result.code).toBe('unexpected-fee');
    expect(host.state.heldMsat).toBe(1_000);
  });

  it('aborts when the books forget the fee', () => {
    expect(() => pot(true, 300).execute({ contractId: 'pot', method: 'pay', args: { method: 'pay', payMsat: 600 } }, context(300))).toThrow(/books and the chain disagree/);
  });
});

describe('PureContractHost listeners (a list of exact length, replaced per listener)', () => {
  it('tells every listener of every transition, in the order they were added, none twice', () => {
    const host = pot(false);
    const seen: string[] = [];
    // The chain's balance is what the pot holds before each call.
    const call = (payMsat: number) => host.execute({ contractId: 'pot', method: 'pay', args: { method: 'pay', payMsat } }, { ...context(0), balanceMsat: msat(host.state.heldMsat) });
    host.onTransition((t) => seen.push(`first ${t.after.heldMsat}`));
    call(100);
    host.onTransition((t) => seen.push(`second ${t.after.heldMsat}`));
    host.onTransition((t) => seen.push(`third ${t.after.heldMsat}`));
    call(200);
    expect(seen).toEqual(['first 900', 'first 700', 'second 700', 'third 700']);
  });
});
