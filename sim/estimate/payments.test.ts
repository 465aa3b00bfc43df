import type { OpenChannel } from './churn.js';
import { FlatNetwork } from './graph.js';
import { PAYMENTS_DEFAULTS, runPayments } from './payments.js';
import { explainSimulation } from './report.js';
import { simulate } from './simulate.js';

const ch = (a: number, b: number, each: number): OpenChannel => ({ nodes: [a, b], balanceMsat: [each, each] });

describe('phase 2: payments over the steady network', () => {
  it('routes by fewest hops over channels big enough, and around excluded ones', () => {
    // 0–1–2–3 with a big channel chain, and a short cut 0–3 too small for large amounts.
    const channels = [ch(0, 1, 1e9), ch(1, 2, 1e9), ch(2, 3, 1e9), ch(0, 3, 1e6)];
    const net = new FlatNetwork(4, channels);
    net.newPayment();
    expect(net.route(0, 3, 1e6, 20)).toEqual([6]); // channel 3, sent from side 0
    expect(net.route(0, 3, 5e6, 20)).toEqual([0, 2, 4]);
    expect(net.route(3, 0, 5e6, 20)).toEqual([5, 3, 1]);
    expect(net.route(0, 3, 5e6, 2)).toBeNull(); // too many hops
    net.exclude(1);
    expect(net.route(0, 3, 5e6, 20)).toBeNull();
    net.newPayment();
    expect(net.route(0, 3, 5e6, 20)).toEqual([0, 2, 4]);
  });

  it('in flight grows with the rate until liquidity runs out, and the failures say so', () => {
    const channels = [1, 5, 9].flatMap((step) => Array.from({ length: 20 }, (_, i) => ch(i, (i + step) % 20, 200_000_000)));
    const r = runPayments({ ...PAYMENTS_DEFAULTS, seed: 1, nodes: 20, channels, startInFlight: 2, maxStages: 10 });
    expect(r.stop).not.toBe('max-stages');
    expect(r.stages[1]!.meanInFlight).toBeGreaterThan(r.stages[0]!.meanInFlight);
    const last = r.stages[r.stages.length - 1]!;
    expect(last.failures.liquidity).toBeGreaterThan(last.failures['htlc-slots']);
  });
});

describe('estimate --simulate end to end (small scale)', () => {
  const input = { tps: 10 / 3, lifetimeDays: 54.9, txsPerChannel: 4, pathLength: 6 };
  it('is deterministic and prints the comparison with the bound', () => {
    const text = explainSimulation(simulate(input, { scale: 20_000, seed: 1 }));
    expect(explainSimulation(simulate(input, { scale: 20_000, seed: 1 }))).toBe(text);
    expect(explainSimulation(simulate(input, { scale: 20_000, seed: 2 }))).not.toBe(text);
    for (const part of ['vs bound 3,952,800', 'vs bound 658,800', "Little's law", 'limit: block space', 'limit: liquidity']) expect(text).toContain(part);
  });
});
