/**
 * Distributions of the payments, in fixed memory: amounts (attempted and succeeded, so success
 * rate against amount), fees and hops of succeeded payments, on logarithmic bins (10 per decade
 * of msat), and latencies (kept exactly for the percentiles; see RunStats).
 */

/** Bins per factor of ten. */
const PER_DECADE = 10;
/** Bin 0 holds 0 msat; bin k ≥ 1 holds [10^((k−1)/10), 10^(k/10)) msat, up to 10^18 msat. */
const LOG_BINS = 18 * PER_DECADE + 1;

export function logBin(msat: number): number {
  if (msat < 1) return 0;
  return Math.min(LOG_BINS - 1, 1 + Math.floor(Math.log10(msat) * PER_DECADE + 1e-9));
}

/** The lower edge of log bin k, msat (0 for bin 0). */
export function logBinStart(k: number): number {
  return k === 0 ? 0 : 10 ** ((k - 1) / PER_DECADE);
}

export class Distributions {
  readonly attemptedByAmount = new Float64Array(LOG_BINS);
  readonly succeededByAmount = new Float64Array(LOG_BINS);
  readonly fees = new Float64Array(LOG_BINS);
  /** Succeeded payments by hop count (index = hops). */
  readonly hops: number[] = [];

  onPayment(p: { readonly amountMsat: number; readonly status: string; readonly feeMsat: number; readonly hops: number }): void {
    const a = logBin(p.amountMsat);
    this.attemptedByAmount[a]!++;
    if (p.status !== 'succeeded') return;
    this.succeededByAmount[a]!++;
    // Fees of routed payments only: a payment between neighbours pays none by construction.
    if (p.hops > 1) this.fees[logBin(p.feeMsat)]!++;
    while (this.hops.length <= p.hops) this.hops.push(0);
    this.hops[p.hops]!++;
  }
}

/** The non-empty range of a histogram: first and last bin with a count (−1, −1 when empty). */
export function usedRange(counts: ArrayLike<number>): [number, number] {
  let first = -1;
  let last = -1;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i]! > 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return [first, last];
}

/**
 * The empirical CDF of a histogram as points [upper edge, fraction ≤ it], from [lower edge of the
 * first bin, 0]; `edge(k)` is the upper edge of bin k.
 */
export function histogramCdf(counts: ArrayLike<number>, edge: (k: number) => number): [number, number][] {
  const [first, last] = usedRange(counts);
  if (first < 0) return [];
  let total = 0;
  for (let i = first; i <= last; i++) total += counts[i]!;
  let seen = 0;
  const out: [number, number][] = [[edge(first - 1), 0]];
  for (let i = first; i <= last; i++) {
    seen += counts[i]!;
    out.push([edge(i), seen / total]);
  }
  return out;
}

/** The CDF of an ascending list as points [value, fraction ≤ value] (from [min, 0]), at most `maxPoints` + 1 of them. */
export function sortedCdf(sorted: readonly number[], maxPoints = 400): [number, number][] {
  const n = sorted.length;
  const out: [number, number][] = [];
  const points = Math.min(n, maxPoints);
  if (n > 0) out.push([sorted[0]!, 0]);
  for (let k = 1; k <= points; k++) {
    const v = sorted[Math.ceil((k * n) / points) - 1]!;
    if (out.length > 1 && out[out.length - 1]![0] === v) continue;
    out.push([v, upperBound(sorted, v) / n]);
  }
  return out;
}

/** The number of values ≤ v in an ascending list. */
function upperBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
