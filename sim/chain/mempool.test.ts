import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { msat, type TxId } from '../units.js';
import { Mempool, byFeeRateThenArrival } from './mempool.js';
import type { Tx } from './types.js';

let counter = 0;
const tx = (feeMsat: number, weight: number): Tx => ({ id: `t${counter++}` as TxId, kind: 'background', feeMsat: msat(feeMsat), weight, submittedAt: 0 });

describe('Mempool', () => {
  it('orders by fee rate, highest first, then by arrival', () => {
    const pool = new Mempool();
    const low = tx(100, 100);
    const tieA = tx(300, 100);
    const high = tx(900, 300); // 3 msat/WU, as tieA
    const top = tx(400, 100);
    for (const t of [low, tieA, high, top]) pool.add(t);
    expect(pool.ordered().map((t) => t.id)).toEqual([top.id, tieA.id, high.id, low.id]);
  });

  it('keeps the order when transactions arrive between blocks and others leave', () => {
    const pool = new Mempool();
    const a = tx(500, 100);
    const b = tx(200, 100);
    pool.add(a);
    pool.add(b);
    pool.retain((t) => t !== a);
    const c = tx(200, 100); // same rate as b, later: after b
    const d = tx(1_000, 100);
    pool.add(c);
    pool.add(d);
    expect(pool.ordered().map((t) => t.id)).toEqual([d.id, b.id, c.id]);
    expect(pool.size).toBe(3);
  });

  it('compares rates exactly where float products would round (fees near the 90,000 btc cap)', () => {
    // a: (8e15 + 1) / 1000, b: (8.008e15 + 1) / 1001; a·1001 − b·1000 = 1, so a pays more per WU.
    const b = tx(8_008_000_000_000_001, 1001);
    const a = tx(8_000_000_000_000_001, 1000);
    const pool = new Mempool();
    pool.add(b);
    pool.add(a);
    expect(pool.ordered().map((t) => t.id)).toEqual([a.id, b.id]);
  });

  it('is a total order consistent with exact rational comparison (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ fee: fc.integer({ min: 0, max: 1_000_000 }), weight: fc.integer({ min: 1, max: 4_000 }) }), { maxLength: 60 }), (specs) => {
        const pool = new Mempool();
        specs.forEach((s) => pool.add(tx(s.fee, s.weight)));
        const order = pool.ordered();
        for (let i = 1; i < order.length; i++) {
          const [p, q] = [order[i - 1]!, order[i]!];
          const cmp = BigInt(p.feeMsat) * BigInt(q.weight) - BigInt(q.feeMsat) * BigInt(p.weight);
          expect(cmp > 0n || (cmp === 0n && Number(p.id.slice(1)) < Number(q.id.slice(1)))).toBe(true);
        }
      }),
      { seed: 5, numRuns: runs(100) },
    );
  });

  it('byFeeRateThenArrival breaks exact ties by arrival only', () => {
    expect(byFeeRateThenArrival({ tx: tx(1, 1), fee: 2, weight: 4, seq: 7 }, { tx: tx(1, 1), fee: 1, weight: 2, seq: 3 })).toBeGreaterThan(0);
  });
});
