/**
 * BRIEF §4's promise, checked on random runs: payments over a line of five nodes while random
 * nodes go offline at random times. Funds are conserved throughout, and every intermediary that
 * stayed online the whole time ends with at least what it started with (it never loses an HTLC
 * it forwarded: it settles off-chain or goes on chain before the lock expires).
 */
import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { simulate } from '../testing/world.js';

const names = ['a', 'b', 'c', 'd', 'e'];

describe('multi-hop payments with peers going offline (property)', () => {
  it('conserve funds, and online intermediaries never lose', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.nat(4), to: fc.nat(4), amount: fc.integer({ min: 1, max: 40_000 }), atMs: fc.integer({ min: 0, max: 3_000 }) }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.record({ node: fc.nat(4), atMs: fc.integer({ min: 0, max: 3_000 }), blocks: fc.integer({ min: 1, max: 80 }) }), { maxLength: 2 }),
        (payments, outages) => {
          const sim = simulate({
            channels: names.slice(1).map((to, i) => ({ between: [names[i]!, to] as const, deposit: [100_000, 100_000] as const, policy: { feeBase: 1, cltvDelta: 10 } })),
            multiHop: { finalCltvDelta: 10, deadlineBlocks: 3 },
            crypto: 'lazy',
          });
          sim.mineBlocks(3);
          const start = Object.fromEntries(names.map((n) => [n, sim.balance(n)]));
          const t0 = sim.engine.now;
          for (const p of payments) if (p.from !== p.to) sim.engine.scheduleAt(t0 + p.atMs, () => sim.send(names[p.from]!, names[p.to]!, p.amount));
          for (const o of outages) sim.engine.scheduleAt(t0 + o.atMs, () => sim.offline(names[o.node]!, o.blocks));
          sim.runFor(3_100);
          expect(names.reduce((s, n) => s + sim.balance(n), 0)).toBe(800_000);
          sim.mineBlocks(400); // every lock has expired and every claim or refund confirmed
          expect(names.reduce((s, n) => s + sim.balance(n), 0)).toBe(800_000);
          const wentOffline = new Set(outages.map((o) => names[o.node]));
          const payers = new Set(payments.map((p) => names[p.from]));
          const payees = new Set(payments.map((p) => names[p.to]));
          for (const n of names) {
            // Pure intermediaries that never went offline: they only forward, so they can only gain fees.
            if (!wentOffline.has(n) && !payers.has(n) && !payees.has(n)) expect(sim.balance(n)).toBeGreaterThanOrEqual(start[n]!);
          }
        },
      ),
      { seed: 424242, numRuns: runs(40) },
    );
  });
});
