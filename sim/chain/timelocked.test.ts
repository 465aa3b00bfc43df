/**
 * Time-locked transactions wait outside the mempool until the next block could include them
 * (timelocked.ts): not counted in the mempool or its peak, not walked, stamped `validAt` when
 * they enter, still dropped (with watchers told) when an input is spent meanwhile.
 *
 * Blocks every 600 s from height 0 at time 0, timestamp 1_700_000_000: block h is mined at
 * h · 600_000 ms with timestamp 1_700_000_000 + 600·h.
 */
import fc from 'fast-check';
import { Engine, rngStream } from '../engine/index.js';
import { runs } from '../testing/runs.js';
import { height, msat, type Msat, type UnixSeconds } from '../units.js';
import { Chain } from './chain.js';
import { stampsOf } from './records.js';
import type { ChainConfig, DropReason, Tx, TxSpec } from './types.js';

const BLOCK = 600_000;
const START = 1_700_000_000;

function setup(config: Partial<ChainConfig> = {}) {
  const engine = new Engine();
  const chain = new Chain(engine, { blockIntervalMs: BLOCK, fixedInterval: true, startHeight: 0, startTimestamp: START, ...config }, rngStream(1, 'chain'));
  chain.start();
  const mine = (n = 1) => engine.run({ until: engine.now + n * BLOCK });
  const submit = (spec: Partial<TxSpec> = {}): Tx => {
    const r = chain.submit({ kind: 'background', feeMsat: msat(100), weight: 500, ...spec });
    if (!r.ok) throw r.error;
    return r.value;
  };
  const record = (tx: Tx) => stampsOf(chain.records.txs.find((r) => r.id === tx.id)!);
  return { engine, chain, mine, submit, record };
}

const atHeight = (h: number) => ({ lockTime: { height: height(h) } });
const atTimestamp = (s: number) => ({ lockTime: { timestamp: (START + s) as UnixSeconds } });

describe('a height lock', () => {
  it('keeps the transaction out of the mempool and its peak until the tip reaches lock − 1 (regression: it used to count at once)', () => {
    const { chain, mine, submit, record } = setup();
    const tx = submit(atHeight(5));
    expect([chain.mempoolSize, chain.timeLockedSize, chain.peakMempool]).toEqual([0, 1, 0]);
    mine(3);
    expect([chain.height, chain.mempoolSize, chain.peakMempool]).toEqual([3, 0, 0]);
    expect(record(tx).validAt).toBeUndefined();
    mine(); // block 4: block 5, which may include it, is next
    expect([chain.mempoolSize, chain.timeLockedSize, chain.peakMempool]).toEqual([1, 0, 1]);
    expect(record(tx).validAt).toBe(4 * BLOCK);
    mine();
    expect(record(tx)).toMatchObject({ submittedAt: 0, validAt: 4 * BLOCK, confirmedHeight: 5, confirmedAt: 5 * BLOCK });
    // Right after each block: nothing valid waited before block 4; after block 4, one.
    expect(chain.records.blocks.map((b) => b.mempoolAfter)).toEqual([0, 0, 0, 1, 0]);
  });

  it('goes straight into the mempool when the next block may include it', () => {
    const { chain, mine, submit, record } = setup();
    mine(2);
    const tx = submit(atHeight(3));
    expect([chain.mempoolSize, chain.timeLockedSize]).toEqual([1, 0]);
    expect(record(tx).validAt).toBe(2 * BLOCK);
    mine();
    expect(record(tx).confirmedHeight).toBe(3);
  });

  it('counts many transactions locked to the same height in the peak only once they open', () => {
    const { chain, mine, submit } = setup({ blockTxLimit: 40 });
    for (let i = 0; i < 100; i++) submit(atHeight(10));
    mine(8);
    expect(chain.peakMempool).toBe(0);
    mine(); // block 9: all 100 enter; block 10 takes 40, block 11 40, block 12 the last 20
    expect(chain.peakMempool).toBe(100);
    mine(3);
    expect(chain.records.blocks.slice(8).map((b) => [b.height, b.txCount, b.mempoolAfter])).toEqual([
      [9, 0, 100],
      [10, 40, 60],
      [11, 40, 20],
      [12, 20, 0],
    ]);
  });

  it('enters the queue when it opens, behind transactions already waiting at the same fee rate (regression: it kept its submission place)', () => {
    const { chain, mine, submit } = setup({ blockTxLimit: 1 });
    const locked = submit(atHeight(2));
    const first = submit();
    const second = submit();
    mine(3); // block 1 takes `first` and opens `locked`, which queues behind `second`
    expect([1, 2, 3].map((h) => chain.blockAt(h)!.txIds)).toEqual([[first.id], [second.id], [locked.id]]);
  });
});

describe('a timestamp lock', () => {
  it('opens at (lock − start) · 1000 ms: the first instant any new block gets a timestamp at or past it', () => {
    const { chain, mine, submit, record } = setup();
    const exact = submit(atTimestamp(1_200)); // block 2 (t = 1_200 s) has timestamp start + 1200
    const oneLater = submit(atTimestamp(1_201)); // block 2 falls short by 1 s: block 3
    expect(chain.timeLockedSize).toBe(2);
    mine(3);
    expect([record(exact), record(oneLater)].map((r) => [r.validAt, r.confirmedHeight])).toEqual([
      [1_200_000, 2],
      [1_201_000, 3],
    ]);
  });

  it('is stamped valid at its opening instant even when nothing looks at the mempool until the next block', () => {
    const { mine, submit, record } = setup();
    const tx = submit(atTimestamp(1_500));
    mine(3);
    expect(record(tx)).toMatchObject({ validAt: 1_500_000, confirmedHeight: 3, confirmedAt: 1_800_000 });
  });

  it('enters ahead of a submission at its opening instant, and after one just before it', () => {
    const { engine, chain, mine, submit } = setup({ blockTxLimit: 1 });
    const locked = submit(atTimestamp(1_500));
    let before: Tx | undefined;
    let same: Tx | undefined;
    const seen: number[] = [];
    engine.scheduleAt(1_499_999, () => ((before = submit()), seen.push(chain.mempoolSize)));
    engine.scheduleAt(1_500_000, () => ((same = submit()), seen.push(chain.mempoolSize)));
    mine(5);
    expect(seen).toEqual([1, 3]);
    expect(chain.peakMempool).toBe(3);
    // Equal fee rates: arrival order before, locked, same, one per block from block 3.
    expect([3, 4, 5].map((h) => chain.blockAt(h)!.txIds[0])).toEqual([before!.id, locked.id, same!.id]);
  });

  it('already passed: straight into the mempool', () => {
    const { chain, submit, record } = setup();
    const tx = submit(atTimestamp(-10));
    expect([chain.mempoolSize, record(tx).validAt]).toEqual([1, 0]);
  });
});

describe('conflicts while waiting', () => {
  it('drops a waiting transaction whose input another spend took, and its child, telling their watchers', () => {
    const { engine, chain, mine, submit, record } = setup();
    const coin = chain.fund('alice', msat(1_000));
    const locked = submit({ kind: 'withdraw', inputs: [coin], outputs: [{ owner: 'alice', amountMsat: msat(900) }], ...atHeight(5) });
    const child = submit({ kind: 'child', inputs: [{ txId: locked.id, index: 0 }], outputs: [{ owner: 'carol', amountMsat: msat(800) }] });
    const rival = submit({ kind: 'rival', inputs: [coin], outputs: [{ owner: 'bob', amountMsat: msat(900) }] });
    const seen: string[] = [];
    for (const tx of [locked, child]) chain.watchDropped(tx.id, (t, reason: DropReason) => seen.push(`${t.kind} ${reason} @${engine.now}`));
    // The child waits in the mempool for its parent; the locked parent is outside it.
    expect([chain.mempoolSize, chain.timeLockedSize]).toEqual([2, 1]);
    mine();
    expect(chain.confirmedHeight(rival.id)).toBe(1);
    expect(seen).toEqual([`withdraw conflict @${BLOCK}`, `child missing-input @${BLOCK}`]);
    expect([chain.mempoolSize, chain.timeLockedSize]).toEqual([0, 0]);
    expect(record(locked)).toMatchObject({ dropped: 'conflict', droppedAt: BLOCK });
    expect(record(locked).validAt).toBeUndefined();
    mine(5);
    expect(chain.balanceOf('bob')).toBe(900);
    chain.recount();
  });
});

describe('time-locked transactions (property)', () => {
  const op = fc.record({
    block: fc.integer({ min: 0, max: 6 }),
    offset: fc.integer({ min: 1, max: BLOCK - 1 }),
    fee: fc.integer({ min: 0, max: 1_000 }),
    lock: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 10 }).map((h) => atHeight(h)), fc.integer({ min: 0, max: 6_000 }).map((s) => atTimestamp(s))),
    spend: fc.nat({ max: 5 }),
  });

  function run(ops: readonly (typeof op extends fc.Arbitrary<infer T> ? T : never)[], limit: number) {
    const { engine, chain } = setup({ blockTxLimit: limit });
    const coins = [0, 1, 2].map(() => chain.fund('alice', msat(10_000)));
    for (const o of ops) {
      engine.scheduleAt(o.block * BLOCK + o.offset, () => {
        const coin = coins[o.spend];
        const spends = coin ? { inputs: [coin], outputs: [{ owner: 'bob', amountMsat: msat(10_000 - o.fee) }] } : {};
        chain.submit({ kind: 'k', feeMsat: msat(o.fee) as Msat, weight: 500, ...spends, ...(o.lock ?? {}) });
      });
    }
    engine.run({ until: 20 * BLOCK });
    return chain;
  }

  it('a block never includes a transaction before its lock, the mempool never counts one before it opens, funds are conserved, runs repeat', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 3 }), (ops, limit) => {
        const chain = run(ops, limit);
        chain.recount();
        const { txs, blocks } = chain.records;
        for (const row of txs) {
          const tx = chain.getTx(row.id)!;
          const lock = tx.lockTime;
          if (row.status === 'confirmed') {
            const block = chain.blockAt(row.confirmedHeight)!;
            if (lock) expect('height' in lock ? block.height >= lock.height : block.timestamp >= lock.timestamp).toBe(true);
            expect(row.validAt <= row.confirmedAt).toBe(true);
          }
          const r = stampsOf(row);
          if (r.validAt === undefined) continue;
          expect(r.validAt >= r.submittedAt).toBe(true);
          // Valid from the instant the next block could include it, not earlier, and not later.
          if (lock && 'height' in lock) expect(r.validAt).toBe(Math.max(r.submittedAt, (lock.height - 1) * BLOCK));
          if (lock && 'timestamp' in lock) expect(r.validAt).toBe(Math.max(r.submittedAt, (lock.timestamp - START) * 1000));
        }
        // Right after each block, the mempool holds exactly what was valid and still unresolved.
        for (const b of blocks) {
          const live = txs.map(stampsOf).filter((r) => r.validAt !== undefined && r.validAt <= b.time && !(r.confirmedHeight! <= b.height) && !(r.droppedAt! <= b.time));
          expect(b.mempoolAfter).toBe(live.length);
        }
        expect(JSON.stringify(run(ops, limit).records)).toBe(JSON.stringify(chain.records));
      }),
      { seed: 13, numRuns: runs(80) },
    );
  });
});
