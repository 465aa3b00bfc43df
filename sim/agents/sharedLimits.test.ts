import type { HtlcLimits } from '../channel/index.js';
import { rngStream } from '../engine/rng.js';
import { SharedLimits } from './sharedLimits.js';

const limits = (maxHtlcs: number, maxInFlightMsat: number, reserveMsat?: number): HtlcLimits =>
  reserveMsat === undefined ? { maxHtlcs, maxInFlightMsat, minHtlcMsat: 1, reservePpm: 10_000 } : { maxHtlcs, maxInFlightMsat, minHtlcMsat: 1, reservePpm: 10_000, reserveMsat };

describe('SharedLimits', () => {
  it('equal limits are one object; different ones stay apart', () => {
    const s = new SharedLimits();
    const a = s.one(limits(483, 1000));
    expect(s.one(limits(483, 1000))).toBe(a);
    expect(s.one(limits(30, 1000))).not.toBe(a);
    expect(s.one(limits(483, 1000, 5))).not.toBe(a);
    expect(s.one(limits(483, 1000, 5))).toEqual(limits(483, 1000, 5));
  });

  it('a pair is the same list for the same two objects, in order, and holds exactly them', () => {
    const s = new SharedLimits();
    const a = s.one(limits(483, 1000));
    const b = s.one(limits(30, 2000));
    const ab = s.pair(a, b);
    expect(ab).toEqual([a, b]);
    expect(ab[0]).toBe(a);
    expect(ab[1]).toBe(b);
    expect(s.pair(a, b)).toBe(ab);
    expect(s.pair(b, a)).not.toBe(ab);
    expect(s.pair(b, a)).toEqual([b, a]);
    expect(s.pair(a, a)).toEqual([a, a]);
  });

  it('property: shared pairs give the same limits per side as fresh pairs would', () => {
    const rng = rngStream(7, 'shared-limits');
    const s = new SharedLimits();
    const pick = (): HtlcLimits => limits(1 + Math.floor(rng.next() * 3), 1000 * Math.floor(rng.next() * 3), rng.next() < 0.5 ? undefined : 7);
    const distinct = new Set<unknown>();
    for (let i = 0; i < 2000; i++) {
      const [x, y] = [pick(), pick()];
      const pair = s.pair(s.one(x), s.one(y));
      expect(pair).toEqual([x, y]);
      distinct.add(pair);
    }
    // 3 × 3 × 2 = 18 distinct limits, so at most 18² pairs whatever the number of channels.
    expect(distinct.size).toBeLessThanOrEqual(18 * 18);
  });
});
