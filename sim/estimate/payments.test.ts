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
    expect(net.route(0, 3, 1e6, 20)).toEqual([6]); // channel 3, sent from side 0
    expect(net.route(0, 3, 5e6, 20)).toEqual([0, 2, 4]);
    expect(net.route(3, 0, 5e6, 20)).toEqual([5, 3, 1]);
    expect(net.route(0, 3, 5e6, 2)).toBeNull(); // too many hops
    expect(net.route(0, 3, 5e6, 20, new Set([1]))).toBeNull();
    expect(net.route(0, 3, 1e6, 20, new Set([3]))).toEqual([0, 2, 4]);
    expect(net.route(0, 3, 5e6, 20)).toEqual([0, 2, 4]); // the exclusions were that payment's only
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

describe('phase 2: HTLCs held for the routes\' round trips', () => {
  it('a one-hop payment holds its HTLC for two round trips: added, then settled', () => {
    // Add (one round trip, 2 × 100 ms) and the preimage back (one more): 400 ms, exactly.
    const r = runPayments({ ...PAYMENTS_DEFAULTS, seed: 1, nodes: 2, channels: [ch(0, 1, 1e12)], startInFlight: 4, maxStages: 2 });
    for (const s of r.stages) {
      expect(s.meanHops).toBe(1);
      expect(s.meanHoldMs).toBe(400);
      expect(s.succeeded).toBe(s.payments);
    }
  });

  it('hop i of an h-hop route is held 2·(h − i) round trips', () => {
    // 0–1–2 only: payments 0↔2 take 2 hops (held 800 and 400 ms), the others 1 hop (400 ms).
    const r = runPayments({ ...PAYMENTS_DEFAULTS, seed: 3, nodes: 3, channels: [ch(0, 1, 1e12), ch(1, 2, 1e12)], startInFlight: 8, maxStages: 2 });
    for (const s of r.stages) {
      expect(s.meanHops).toBeGreaterThan(1);
      expect(s.meanHops).toBeLessThan(2);
      // Per hop held: 400 ms (1-hop payments), or 800 and 400 ms (2-hop): the mean lies strictly
      // between 400 and 600 ms, and nearer 600 the more 2-hop payments (a stage counts a hop
      // when it settles, so the mix is not exactly meanHops' own).
      expect(s.meanHoldMs).toBeGreaterThan(400);
      expect(s.meanHoldMs).toBeLessThan(600);
      expect(Math.abs(s.meanHoldMs - (400 + (400 * (s.meanHops - 1)) / s.meanHops))).toBeLessThan(25);
    }
  });

  it('the latency only sets the time unit: at the same load per round trip, the channels give the same in flight', () => {
    // What stops in flight growing is the channels' liquidity (and slots), not the latency:
    // halving it doubles the rate at every stage and leaves in flight unchanged.
    const channels = [1, 5, 9].flatMap((step) => Array.from({ length: 20 }, (_, i) => ch(i, (i + step) % 20, 200_000_000)));
    const at = (hopLatencyMs: number) => runPayments({ ...PAYMENTS_DEFAULTS, hopLatencyMs, seed: 1, nodes: 20, channels, startInFlight: 2, maxStages: 10 });
    const fast = at(50);
    const slow = at(200);
    expect(fast.stages.length).toBe(slow.stages.length);
    fast.stages.forEach((s, k) => {
      expect(s.rate).toBeCloseTo(4 * slow.stages[k]!.rate, 9);
      expect(s.meanInFlight).toBeCloseTo(slow.stages[k]!.meanInFlight, 6);
    });
    expect(fast.stop).toBe('mostly-failing');
  });
});
