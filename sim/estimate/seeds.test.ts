import { summarizeMetric } from '../sweep/stats.js';
import { explainSeeds, figures, simulateSeeds, verdict, type Figure } from './seeds.js';

const fig = (values: number[], bound: number | undefined, aboveWhy?: string): Figure => ({
  label: 'x',
  values,
  summary: summarizeMetric(values),
  bound,
  digits: 0,
  ...(aboveWhy ? { aboveWhy } : {}),
});

describe('figures over seeds against the bound', () => {
  it('the interval is Student\'s t: 1, 2, 3 gives 2 ± 4.303 / √3 (t₀.₉₇₅ with 2 degrees of freedom is 4.3027)', () => {
    const s = fig([1, 2, 3], 10).summary;
    expect(s.mean).toBe(2);
    expect(s.ci95[0]).toBeCloseTo(2 - 4.302653 / Math.sqrt(3), 5);
    expect(s.ci95[1]).toBeCloseTo(2 + 4.302653 / Math.sqrt(3), 5);
  });

  it('says below, inside (with the seeds above it, as sampling noise) or above beyond noise, with the reason', () => {
    // 2 ± 2.484: the interval is [-0.484, 4.484].
    expect(verdict(fig([1, 2, 3], 5))).toBe('below the bound');
    const inside = verdict(fig([1, 2, 3], 2.5));
    expect(inside).toContain('the bound lies inside the interval');
    expect(inside).toContain('1 of 3 seeds above it');
    expect(inside).toContain('cannot tell from sampling noise');
    expect(verdict(fig([1, 2, 3], 4))).not.toContain('seeds above it');
    expect(verdict(fig([10, 11, 12], 1))).toMatch(/^ABOVE the bound beyond sampling noise \(the whole interval is 751\.6% or more above it\): not sampling noise/);
    expect(verdict(fig([10, 11, 12], 1, 'more HTLCs per channel'))).toMatch(/: more HTLCs per channel$/);
    expect(verdict(fig([1, 2, 3], undefined))).toBe('');
    expect(verdict(fig([5], 4))).toBe('above the bound in this one run; one seed gives no interval to tell that from sampling noise');
    expect(verdict(fig([3], 4))).toMatch(/^at or below the bound in this one run/);
  });
});

describe('estimate --simulate over seeds (small scale)', () => {
  const input = { tps: 10 / 3, lifetimeDays: 54.9, txsPerChannel: 4, pathLength: 6 };

  it('runs seeds first … first + n − 1 and prints each figure\'s mean ± CI, the seeds and the verdict', () => {
    const sims = simulateSeeds(input, { scale: 20_000 }, 7, 2);
    expect(sims.map((s) => s.seed)).toEqual([7, 8]);
    const fs = figures(sims);
    const channels = fs.find((f) => f.label === 'channels open at once')!;
    expect(channels.values).toEqual(sims.map((s) => s.churn.meanOpen * 20_000));
    expect(channels.bound).toBe(3_952_800);
    const text = explainSeeds(sims);
    expect(text).toContain("Over 2 seeds (7–8), scaled back × 20,000: mean ± half-width of the 95% confidence interval of the mean\n(Student's t, 1 degrees of freedom)");
    for (const f of fs) {
      expect(text).toContain(`  ${f.label}`);
      expect(text).toContain(`seeds: ${f.values.map((v) => v.toLocaleString('en-US', { minimumFractionDigits: f.digits, maximumFractionDigits: f.digits })).join(', ')}`);
      if (f.bound !== undefined) expect(text).toContain(verdict(f));
    }
  });

  it('openers above the chain\'s capacity: the open count stays at the bound, the surplus gives up', () => {
    // At 4 × the opening rate block space binds: the count cannot follow demand up (≈ 1×, not 4×),
    // blocks are full, and about three quarters of the openers give up.
    const [sim] = simulateSeeds(input, { scale: 20_000, demand: 4 }, 1, 1);
    expect(sim!.demand).toBe(4);
    expect(sim!.churn.meanOpen / sim!.chain.expectedChannels).toBeGreaterThan(0.8);
    expect(sim!.churn.meanOpen / sim!.chain.expectedChannels).toBeLessThan(1.25);
    expect(sim!.churn.blockFullness!).toBeGreaterThan(0.98);
    expect(sim!.churn.gaveUp / sim!.churn.openRequests).toBeGreaterThan(0.6);
  });
});

describe('estimate --simulate at the default scale (deep)', () => {
  const input = { tps: 10 / 3, lifetimeDays: 54.9, txsPerChannel: 4, pathLength: 6 };
  const channelsOf = (demand: number) => figures(simulateSeeds(input, { scale: 1000, demand }, 1, 5)).find((f) => f.label === 'channels open at once')!;

  // Minutes on 2 cores: only under npm run test:deep.
  (process.env.PCNSIM_DEEP ? it : it.skip)('the channel bound is never exceeded beyond noise, and binds when openers ask for 4×', () => {
    const atRate = channelsOf(1);
    expect(atRate.summary.ci95[0]).toBeLessThanOrEqual(atRate.bound!);
    expect(atRate.summary.mean).toBeGreaterThan(0.9 * atRate.bound!);
    const above = channelsOf(4);
    // Four times the openers, and the count is still the bound's (block space binds), not 4×.
    expect(above.summary.ci95[0]).toBeLessThanOrEqual(above.bound!);
    expect(above.summary.mean).toBeGreaterThan(0.95 * above.bound!);
  }, 900_000);
});
