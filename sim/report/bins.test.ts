import fc from 'fast-check';
import { Bins, binWidthMs, Envelope, MAX_BINS } from './bins.js';

describe('time bins', () => {
  it('are round widths giving at most MAX_BINS bins', () => {
    expect(binWidthMs(2 * 3600_000)).toBe(30_000);
    expect(binWidthMs(2 * 86_400_000)).toBe(600_000);
    expect(binWidthMs(400 * 86_400_000)).toBe(86_400_000);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 * 365 * 86_400_000 }), (ms) => new Bins(ms).count <= MAX_BINS));
  });
});

describe('envelope: a value sampled at every change', () => {
  it('keeps exact steps, per-bin min/max/last and time-weighted means', () => {
    const bins = new Bins(400_000); // 1 s bins
    const env = new Envelope(bins);
    env.set(1500, 10);
    env.set(1600, 0); // a 100 ms spike inside bin 1
    env.set(3000, 5);
    expect(env.exactPoints()).toEqual([0, 0, 1500, 10, 1600, 0, 3000, 5]);
    expect([env.min[1], env.max[1], env.last[1]]).toEqual([0, 10, 0]);
    expect([env.min[2], env.max[2], env.last[2]]).toEqual([0, 0, 0]);
    expect([env.min[3], env.max[3], env.last[3]]).toEqual([0, 5, 5]); // the value carried into the bin counts too
    const means = env.means(400_000);
    expect(means[1]).toBeCloseTo(1); // 10 × 100 ms / 1000 ms
    expect(means[3]).toBe(5);
    expect(means[399]).toBe(5);
  });

  it('drops the exact points past its limit but keeps every peak in the bins', () => {
    const env = new Envelope(new Bins(1000), 3);
    for (let t = 1; t <= 10; t++) env.set(t, t % 2 ? 100 : 0);
    expect(env.exactPoints()).toBeUndefined();
    expect(Math.max(...env.max)).toBe(100);
  });
});
