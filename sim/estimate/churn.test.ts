import { CHURN_DEFAULTS, runChurn, type ChurnConfig } from './churn.js';
import { WindowedMean } from './steady.js';

// 200 opens/day living 10 days on average: λ·T = 2,000 channels.
const base: ChurnConfig = { ...CHURN_DEFAULTS, seed: 1, blockIntervalMs: 600_000, openRequestsPerDay: 200, lifetimeDays: 10, txsPerChannel: 4, nodes: 600, maxDays: 200 };

describe('phase 1: channel churn on the simulated chain', () => {
  it('on an unconstrained chain, the steady open count is λ·T', () => {
    // Tolerance 7%: the count is Poisson (M/M/∞) with sd √2000 ≈ 2.2%; its mean over one
    // lifetime still varies by ≈ 2% (the count is correlated over a lifetime), the arrival rate
    // of a run by ≈ 1%, and the steady criterion stops the fill-up about 2% short. 7% is ≈ 3 sd.
    for (const seed of process.env.PCNSIM_DEEP ? [1, 2, 3] : [1]) {
      const r = runChurn({ ...base, seed });
      expect(r.steadyAtDays).toBeDefined();
      expect(r.steadyAtDays!).toBeGreaterThan(20); // not ended early by noise (fill-up is ≈ 4 T)
      expect(Math.abs(r.meanOpen / 2000 - 1)).toBeLessThan(0.07);
      expect(r.gaveUp).toBe(0);
      expect(r.meanDepositWaitBlocks).toBeLessThan(1.5); // the next block, on average
    }
  });

  it('a block-space-constrained chain caps the channels at its own λ·T, whatever the demand', () => {
    // 10 transactions per block carry 1,440/day: 360 channels/day of 4 transactions, so about
    // 360 × 10 = 3,600 channels, while openers ask for twice that (7,200). The cap is not exact:
    // block counts (exponential intervals) and lifetimes vary by ≈ 2–3% over a lifetime.
    const r = runChurn({ ...base, openRequestsPerDay: 720, blockTxLimit: 10, nodes: 2000 });
    expect(r.meanOpen).toBeLessThan(1.08 * 3600);
    expect(r.meanOpen).toBeGreaterThan(0.85 * 3600);
    expect(r.opensPerDay).toBeLessThan(1.08 * 360);
    expect(r.blockFullness!).toBeGreaterThan(0.95);
    expect(r.gaveUp).toBeGreaterThan(0.3 * r.openRequests);
    expect(r.meanMempool).toBeGreaterThan(100);
  });

  it('is deterministic: same config, same figures; another seed, others', () => {
    const small = { ...base, openRequestsPerDay: 50 };
    const a = runChurn(small);
    expect(runChurn(small)).toEqual(a);
    expect(runChurn({ ...small, seed: 2 }).meanOpen).not.toBe(a.meanOpen);
  });
});

describe('the steady-state criterion', () => {
  it('closes time-weighted windows and is steady once a window mean stops growing', () => {
    const w = new WindowedMean(0, 0, 10);
    w.set(5, 10); // 0 for 5, then 10 for 5 → 5
    w.advance(20); // 10 for the whole window → 10
    expect(w.means).toEqual([5, 10]);
    expect(w.steady(0.005)).toBe(false);
    w.set(25, 9);
    w.advance(30); // 10 for 5, 9 for 5 → 9.5
    expect(w.means[2]).toBe(9.5);
    expect(w.steady(0.005)).toBe(true);
  });
});
