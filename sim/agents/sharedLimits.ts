/**
 * Equal HTLC limits as one object, and equal pairs of them as one pair: limits are never changed,
 * and a real snapshot's 93,000 limits are a handful of distinct ones (about 5 MB), its 31,000
 * per-side pairs a few dozen (about 2 MB as one pair per channel).
 */
import type { HtlcLimits } from '../channel/index.js';

export class SharedLimits {
  private readonly byInFlight = new Map<number, HtlcLimits[]>();
  private readonly pairs = new Map<HtlcLimits, Map<HtlcLimits, readonly [HtlcLimits, HtlcLimits]>>();

  /** The object kept for limits equal to `limits`, or `limits` itself (kept for the next ones). */
  one(limits: HtlcLimits): HtlcLimits {
    // By the in-flight limit, then compared field by field (no key strings); at most a few kept per
    // value, so that files where every channel differs cost no more than a few comparisons each.
    let same = this.byInFlight.get(limits.maxInFlightMsat);
    if (!same) this.byInFlight.set(limits.maxInFlightMsat, (same = []));
    for (const known of same) {
      if (known.maxHtlcs === limits.maxHtlcs && known.minHtlcMsat === limits.minHtlcMsat && known.reservePpm === limits.reservePpm && known.reserveMsat === limits.reserveMsat) return known;
    }
    if (same.length < 8) same.push(limits);
    return limits;
  }

  /** One pair for each two limits objects (by identity): `one` makes equal limits the same object. */
  pair(first: HtlcLimits, second: HtlcLimits): readonly [HtlcLimits, HtlcLimits] {
    let bySecond = this.pairs.get(first);
    if (!bySecond) this.pairs.set(first, (bySecond = new Map()));
    let pair = bySecond.get(second);
    if (!pair) bySecond.set(second, (pair = [first, second]));
    return pair;
  }
}
