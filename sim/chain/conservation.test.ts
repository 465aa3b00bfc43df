/**
 * On-chain funds are conserved (STYLE §8): whatever sequence of payments, double spends,
 * chained spends, locked outputs, time-locked spends, contract deposits and releases (some
 * paying a fee from the contract) is thrown at a congested chain, supply = unspent outputs +
 * contract balances + fees, checked after every block.
 */
import fc from 'fast-check';
import { Engine, rngStream } from '../engine/index.js';
import { InvariantError } from '../errors.js';
import { runs } from '../testing/runs.js';
import { msat, type Blocks, type Height, type Msat } from '../units.js';
import { Chain } from './chain.js';
import type { Ledger } from './ledger.js';
import type { ContractHost, OutPoint, OutputSpec } from './types.js';

const BLOCK = 600_000;
const OWNERS = ['alice', 'bob', 'carol', 'dave'] as const;

/**
 * Takes deposits; 'release' pays the asked fee and half of what is left to args.to (rejected if
 * it holds less than the fee); anything else is rejected.
 */
const escrow: ContractHost = {
  execute(call, ctx) {
    const held = ctx.balanceMsat + ctx.valueInMsat - ctx.contractFeeMsat;
    if (held < 0) return { ok: false, code: 'fee-too-high', reason: 'cannot pay the fee' };
    if (call.method === 'deposit') return { ok: true, payouts: [] };
    if (call.method === 'release') return { ok: true, payouts: [{ owner: (call.args as { to: string }).to, amountMsat: Math.floor(held / 2) as Msat }] };
    return { ok: false, code: 'unknown-method', reason: call.method };
  },
};

const op = fc.record({
  kind: fc.constantFrom('fund', 'pay', 'pay', 'pay', 'spend-pending', 'deposit', 'release', 'bogus-call', 'background'),
  at: fc.integer({ min: 0, max: 3 * BLOCK }),
  who: fc.nat({ max: OWNERS.length - 1 }),
  to: fc.nat({ max: OWNERS.length - 1 }),
  pick: fc.nat({ max: 3 }),
  share: fc.integer({ min: 0, max: 100 }),
  fee: fc.integer({ min: 0, max: 2_000 }),
  contractFee: fc.constantFrom(0, 0, 300, 20_000),
  lock: fc.constantFrom(0, 0, 2),
  lockHeight: fc.constantFrom(0, 0, 3, 6),
});

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function run(ops: readonly Op[], limit: number) {
  const engine = new Engine();
  const chain = new Chain(engine, { blockIntervalMs: BLOCK, fixedInterval: true, blockTxLimit: limit, startHeight: 0, startTimestamp: 0 }, rngStream(1, 'chain'));
  chain.registerContract('escrow', escrow);
  chain.start();
  let fundedMsat = 0;
  for (const owner of OWNERS) for (let i = 0; i < 2; i++) fundedMsat += (chain.fund(owner, msat(10_000)), 10_000);
  const pending: OutPoint[] = [];
  for (const o of ops) {
    engine.scheduleAt(o.at, () => {
      const who = OWNERS[o.who]!;
      const to = OWNERS[o.to]!;
      if (o.kind === 'fund') {
        fundedMsat += 10_000;
        chain.fund(who, msat(10_000));
        return;
      }
      if (o.kind === 'background') return void chain.submit({ kind: 'background', feeMsat: msat(o.fee) });
      if (o.kind === 'release' || o.kind === 'bogus-call') {
        const call = { contractId: 'escrow', method: o.kind === 'release' ? 'release' : 'steal', args: { to } };
        return void chain.submit({ kind: o.kind, feeMsat: msat(o.fee), contractFeeMsat: msat(o.contractFee), call });
      }
      // Spending: a confirmed output of `who` (maybe already claimed by a waiting tx: a double
      // spend), or an output of a transaction still waiting (a child).
      const coins = o.kind === 'spend-pending' ? pending : chain.unspentOf(who);
      const coin = coins[o.pick % Math.max(1, coins.length)];
      if (!coin) return;
      const value = chain.output(coin)?.amountMsat ?? chain.getTx(coin.txId)?.outputs?.[coin.index]?.amountMsat ?? 0;
      const fee = Math.min(o.fee, value);
      const moved = Math.floor(((value - fee) * o.share) / 100);
      const outputs: OutputSpec[] =
        o.kind === 'deposit'
          ? [{ owner: who, amountMsat: msat(value - fee - moved) }]
          : [
              { owner: to, amountMsat: msat(moved), relativeLockBlocks: o.lock as Blocks },
              { owner: who, amountMsat: msat(value - fee - moved) },
            ];
      const call = o.kind === 'deposit' ? { contractId: 'escrow', method: 'deposit', args: {} } : undefined;
      const lockTime = o.lockHeight > 0 ? { lockTime: { height: o.lockHeight as Height } } : {};
      const r = chain.submit({ kind: o.kind, inputs: [coin], outputs, feeMsat: msat(fee), ...(call ? { call } : {}), ...lockTime });
      if (r.ok) pending.push({ txId: r.value.id, index: 0 });
    });
  }
  engine.run({ until: 20 * BLOCK });
  return { chain, fundedMsat };
}

describe('conservation', () => {
  it('holds after every block for random transaction sequences (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 4 }), (ops, limit) => {
        const { chain, fundedMsat } = run(ops, limit);
        expect(chain.invariantChecks).toBe(chain.blocks().length - 1);
        chain.recount();
        const held = OWNERS.reduce((sum, o) => sum + chain.balanceOf(o), 0) + chain.contractBalance('escrow') + chain.feesCollectedMsat;
        expect(held).toBe(fundedMsat);
        // Every transaction ended in exactly one state, and a dropped one moved nothing.
        for (const r of chain.records.txs) expect([r.id, chain.confirmation(r.id) !== undefined]).toEqual([r.id, r.status === 'confirmed']);
        for (const r of chain.records.txs.filter((t) => t.status === 'dropped')) expect(chain.confirmation(r.id)).toBeUndefined();
      }),
      { seed: 21, numRuns: runs(80) },
    );
  });

  it('a deliberately corrupted ledger aborts the next block with an InvariantError', () => {
    const engine = new Engine();
    const chain = new Chain(engine, { blockIntervalMs: BLOCK, fixedInterval: true, startHeight: 0, startTimestamp: 0 }, rngStream(1, 'chain'));
    chain.start();
    chain.fund('alice', msat(1_000));
    engine.run({ until: BLOCK });
    (chain as unknown as { ledger: Ledger }).ledger.feesMsat += 1; // money from nowhere
    let error: unknown;
    try {
      engine.run({ until: 2 * BLOCK });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvariantError);
    expect((error as InvariantError).code).toBe('chain-not-conserved');
  });
});
