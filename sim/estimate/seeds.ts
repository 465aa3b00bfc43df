/**
 * `estimate --simulate` over several seeds: each measured figure as its mean with the 95%
 * confidence interval of the mean (Student's t, n − 1 degrees of freedom, as sweeps use:
 * sim/sweep/stats.ts), next to the bound, and a plain verdict on where the bound lies.
 *
 * One run is a finite sample (Poisson arrivals, exponential block times and lifetimes), so a
 * single seed can land above a long-run upper bound; only the interval over seeds says whether
 * a figure really exceeds it.
 */
import { summarizeMetric, type MetricSummary } from '../sweep/index.js';
import type { EstimateInput } from './bound.js';
import { peakStage, simulate, type SimulateOptions, type Simulation } from './simulate.js';

/** Seeds per `estimate --simulate` unless told: enough for an interval, short enough to wait for. */
export const DEFAULT_SEEDS = 5;

/** Seeds `first`, `first + 1`, … `first + count − 1`, simulated one after the other. */
export function simulateSeeds(input: EstimateInput, options: Omit<SimulateOptions, 'seed'>, first: number, count: number): Simulation[] {
  return Array.from({ length: count }, (_, i) => {
    options.onProgress?.(`seed ${first + i} (${i + 1} of ${count})`);
    return simulate(input, { ...options, seed: first + i });
  });
}

export interface Figure {
  readonly label: string;
  /** Per seed, in seed order, in the bound's units (counts × scale). */
  readonly values: readonly number[];
  readonly summary: MetricSummary;
  /** What the bound says for this figure (undefined: nothing to compare with). */
  readonly bound: number | undefined;
  readonly digits: number;
  /** Why the figure can lie above the bound other than by chance (undefined: it should not). */
  readonly aboveWhy?: string;
}

export function figures(sims: readonly Simulation[]): Figure[] {
  const first = sims[0]!;
  const { bound, scale } = first;
  const peak = (s: Simulation) => peakStage(s.payments);
  const figure = (label: string, value: (s: Simulation) => number, b: number | undefined, digits = 0, aboveWhy?: string): Figure => {
    const values = sims.map(value);
    return { label, values, summary: summarizeMetric(values), bound: b, digits, ...(aboveWhy ? { aboveWhy } : {}) };
  };
  return [
    figure('channels open at once', (s) => s.churn.meanOpen * scale, bound.channels),
    figure('channel opens per day', (s) => s.churn.opensPerDay * scale, bound.opensPerDay),
    figure('blocks full (%)', (s) => 100 * (s.churn.blockFullness ?? 0), undefined, 1),
    figure('openers who gave up (%)', (s) => (100 * s.churn.gaveUp) / Math.max(1, s.churn.openRequests), undefined, 1),
    figure('concurrent payments', (s) => (peak(s)?.meanInFlight ?? 0) * scale, bound.concurrentPayments, 0,
      'not an upper bound of this network: it allows one payment per channel, while a channel carries HTLCs of many payments until its liquidity runs out'),
    figure('hops per payment', (s) => peak(s)?.meanHops ?? 0, bound.pathLength, 2),
    figure('HTLC hold (ms, mean per hop)', (s) => peak(s)?.meanHoldMs ?? 0, undefined, 0),
  ];
}

const num = (x: number, digits: number): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Where the bound lies against the interval, in words. */
export function verdict(f: Figure): string {
  if (f.bound === undefined) return '';
  const [low, high] = f.summary.ci95;
  const above = f.values.flatMap((v, i) => (v > f.bound! ? [i] : []));
  if (f.values.length < 2) return `${above.length > 0 ? 'above' : 'at or below'} the bound in this one run; one seed gives no interval to tell that from sampling noise`;
  if (high < f.bound) return 'below the bound';
  if (low > f.bound) {
    const why = f.aboveWhy ?? 'not sampling noise, and not expected of an upper bound: a bias of the simulation (its steady point, or the scaled chain) is the first suspect';
    return `ABOVE the bound beyond sampling noise (the whole interval is ${num((100 * low) / f.bound - 100, 1)}% or more above it): ${why}`;
  }
  const some = above.length > 0 ? `; ${above.length} of ${f.values.length} seeds above it, which so few seeds cannot tell from sampling noise (arrivals, block times and lifetimes are random, and one run is a finite sample)` : '';
  return `the bound lies inside the interval: not distinguishable from it with ${f.values.length} seeds${some}`;
}

export function explainSeeds(sims: readonly Simulation[]): string {
  const n = sims.length;
  const seeds = sims.map((s) => s.seed);
  const lines = [
    '',
    ...(n === 1
      ? [`Over 1 seed (${seeds[0]}), scaled back × ${num(sims[0]!.scale, 0)}`, '(one seed gives no interval: use --seeds 2 or more)']
      : [`Over ${n} seeds (${seeds[0]}–${seeds[n - 1]}), scaled back × ${num(sims[0]!.scale, 0)}: mean ± half-width of the 95% confidence interval of the mean`, `(Student's t, ${n - 1} degrees of freedom)`]),
  ];
  const width = 30;
  for (const f of figures(sims)) {
    const s = f.summary;
    const half = (s.ci95[1] - s.ci95[0]) / 2;
    const ratio = (x: number): string => `${num((100 * x) / f.bound!, 1)}%`;
    const vs = f.bound === undefined ? '' : `   bound ${num(f.bound, f.digits)}: ${ratio(s.mean)}${n < 2 ? '' : ` [${ratio(s.ci95[0])}, ${ratio(s.ci95[1])}]`}`;
    lines.push(`  ${f.label.padEnd(width)}${num(s.mean, f.digits)}${n < 2 ? '' : ` ± ${num(half, f.digits)}`}${vs}`);
    lines.push(`  ${''.padEnd(width)}seeds: ${f.values.map((v) => num(v, f.digits)).join(', ')}`);
    const v = verdict(f);
    if (v) lines.push(`  ${''.padEnd(width)}${v}`);
  }
  return lines.join('\n');
}
