/**
 * submitCall: equal calls one after the other (a channel's two deposits) share one call object,
 * whose fields are those of the spec; a different contract or arguments object gets its own.
 */
import { Chain, type ContractHost } from '../chain/index.js';
import { Engine, rngStream } from '../engine/index.js';
import { msat } from '../units.js';
import { submitCall } from './submit.js';
import type { World } from './world.js';

const accept: ContractHost = { execute: () => ({ ok: true, payouts: [] }) };

function setup() {
  const engine = new Engine();
  const chain = new Chain(engine, { blockIntervalMs: 600_000, fixedInterval: true, startHeight: 0, startTimestamp: 0 }, rngStream(1, 'chain'));
  for (const id of ['c1', 'c2']) chain.registerContract(id, accept);
  chain.start();
  // No fee is asked, so the wallet is never used.
  const world = { chain, wallet: () => ({}) } as unknown as World;
  const submit = (contractId: string, args: { method: string }) =>
    submitCall(world, { contractId, sender: 'alice', kind: 'deposit', args, inputs: [chain.fund('alice', msat(1_000))] }, () => undefined);
  return { engine, chain, submit };
}

describe('submitCall', () => {
  it('shares the call of equal submissions in a row and keeps the spec fields', () => {
    const { engine, chain, submit } = setup();
    const deposit = { method: 'deposit' };
    const [a, b] = [submit('c1', deposit), submit('c1', deposit)];
    expect(b.call).toBe(a.call);
    expect(a.call).toEqual({ contractId: 'c1', method: 'deposit', args: { method: 'deposit' } });
    const other = submit('c2', deposit);
    expect(other.call).not.toBe(a.call);
    expect(other.call).toEqual({ contractId: 'c2', method: 'deposit', args: deposit });
    const fresh = submit('c2', { method: 'deposit' });
    expect(fresh.call).not.toBe(other.call);
    const close = submit('c2', { method: 'close' });
    expect(close.call).toEqual({ contractId: 'c2', method: 'close', args: { method: 'close' } });
    engine.run({ until: 600_000 });
    expect([a, b, other, fresh, close].map((tx) => chain.confirmations(tx.id))).toEqual([1, 1, 1, 1, 1]);
  });
});
