/**
 * The aggregate of a sweep: per grid point and metric, over the seeds that finished, the mean,
 * the sample standard deviation, the 95% confidence interval of the mean (Student's t with n − 1
 * degrees of freedom: mean ± t₀.₉₇₅ · sd / √n) and the range. Computed from the runs table's rows
 * in their fixed order, so a merge of shards gives the same figures as one machine.
 */
import jstatModule from 'jstat';
import type { Grid, GridValue } from './grid.js';
import type { RunRow } from './task.js';

const { jStat } = jstatModule as unknown as typeof import('jstat');

export interface MetricSummary {
  readonly mean: number;
  /** Sample standard deviation (0 for one run). */
  readonly sd: number;
  /** The 95% confidence interval of the mean; equal to the mean with one run or no spread. */
  readonly ci95: readonly [number, number];
  readonly min: number;
  readonly max: number;
}

export interface PointSummary {
  readonly point: number;
  readonly values: readonly GridValue[];
  /** Runs counted in the aggregate, and runs that failed. */
  readonly runs: number;
  readonly failed: number;
  /** Runs that finished but are no play of the study (a game's failed set-up); only when the study says. */
  readonly leftOut?: number;
  /** By metric name; absent when no run of the point finished. */
  readonly metrics: Readonly<Record<string, MetricSummary>>;
}

/** Rounded to 12 significant digits: the last bits of a sum depend on nothing but the order, but read better. */
const tidy = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(12)) : x);

export function summarizeMetric(values: readonly number[]): MetricSummary {
  const n = values.length;
  const mean = jStat.mean(values);
  const sd = n > 1 ? jStat.stdev(values, true) : 0;
  const half = n > 1 && sd > 0 ? jStat.studentt.inv(0.975, n - 1) * (sd / Math.sqrt(n)) : 0;
  return { mean: tidy(mean), sd: tidy(sd), ci95: [tidy(mean - half), tidy(mean + half)], min: jStat.min(values), max: jStat.max(values) };
}

/** How a study other than a scenario's figures aggregates its rows (a game's sweep). */
export interface Aggregate {
  /** Whether a finished run counts; the others are `leftOut`. */
  readonly counts: (row: RunRow) => boolean;
  /** A metric's 95% interval at a point instead of Student's t (undefined: Student's t). */
  readonly interval?: (point: number, metric: string, values: readonly number[], mean: number) => readonly [number, number] | undefined;
}

/** One summary per grid point, in grid order; rows must be sorted (sortRows). */
export function summarize(grid: Grid, metrics: readonly string[], rows: readonly RunRow[], aggregate?: Aggregate): PointSummary[] {
  return grid.points.map((values, point) => {
    const mine = rows.filter((r) => r.point === point);
    const finished = mine.filter((r) => r.error === undefined);
    const ok = aggregate ? finished.filter(aggregate.counts) : finished;
    const summaries = ok.length === 0 ? {} : Object.fromEntries(metrics.map((m, i) => [m, metricAt(point, m, ok.map((r) => r.metrics[i]!), aggregate)]));
    return { point, values, runs: ok.length, failed: mine.length - finished.length, ...(aggregate ? { leftOut: finished.length - ok.length } : {}), metrics: summaries };
  });
}

function metricAt(point: number, metric: string, values: readonly number[], aggregate: Aggregate | undefined): MetricSummary {
  const s = summarizeMetric(values);
  const ci = aggregate?.interval?.(point, metric, values, s.mean);
  return ci ? { ...s, ci95: [tidy(ci[0]), tidy(ci[1])] } : s;
}

/** Rows by grid point, then seed: the one order of every runs table. */
export function sortRows(rows: readonly RunRow[]): RunRow[] {
  return [...rows].sort((a, b) => a.point - b.point || a.seed - b.seed);
}
