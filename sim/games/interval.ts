/**
 * The 95% confidence interval of a game's mean outcome over seeds. Game outcomes are bounded and
 * often take only two values (a cheat punished or not, a payee paid or not), and many points of a
 * sweep have every seed agree; a normal interval from the sample's spread would then be a single
 * point, claiming certainty that 40 seeds cannot give. So the interval is Wilson's score interval
 * on the outcome rescaled to [0, 1] by its bounds: exact in form for two-valued outcomes, and
 * conservative for the others, whose variance is at most (μ − lo)(hi − μ) (Bhatia–Davis).
 * Wilson's formula is four lines; a statistics library would add a dependency for it alone.
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The Wilson score interval of the mean of n values known to lie in [lo, hi]. */
export function meanInterval(mean: number, n: number, lo: number, hi: number, z = Z95): Interval {
  if (n === 0) return { low: lo, high: hi };
  if (hi <= lo) return { low: lo, high: lo };
  const p = Math.min(1, Math.max(0, (mean - lo) / (hi - lo)));
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: lo + (hi - lo) * Math.max(0, centre - half), high: lo + (hi - lo) * Math.min(1, centre + half) };
}
