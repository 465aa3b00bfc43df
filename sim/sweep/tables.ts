/**
 * The files of a sweep: `sweep.json` (what was swept: scenario, grid, seeds, metric names, shard),
 * the runs table as `runs.csv` and `runs.ndjson` (one row per run, by grid point then seed), and
 * the aggregate as `summary.csv` and `summary.json`. Nothing here depends on the wall clock or on
 * how the runs were spread over threads, machines or shards.
 */
import { toCsv } from '../report/index.js';
import type { Grid, GridValue } from './grid.js';
import type { PointSummary } from './stats.js';
import type { RunRow } from './task.js';

export const MANIFEST_SCHEMA = 'pcnsim.sweep/1';
export const SUMMARY_SCHEMA = 'pcnsim.sweep-summary/1';

/** What a sweep folder holds: enough to merge shards and check they belong together. */
export interface Manifest {
  readonly schema: typeof MANIFEST_SCHEMA;
  readonly scenario: string;
  readonly grid: Grid;
  readonly seeds: readonly number[];
  readonly metrics: readonly string[];
  /** This folder's slice of the runs, `i/n`; absent for a whole sweep or a merge. */
  readonly shard?: string;
  /** The runs of the whole sweep (all shards). */
  readonly runs: number;
}

function header(m: Manifest): string[] {
  return ['run', 'point', ...m.grid.names, 'seed', ...m.metrics, 'error'];
}

export function runsCsv(m: Manifest, rows: readonly RunRow[]): string {
  return toCsv(header(m), rows.map((r) => [r.id, r.point, ...r.values, r.seed, ...(r.error === undefined ? r.metrics : m.metrics.map(() => '')), r.error ?? '']));
}

export function runsNdjson(m: Manifest, rows: readonly RunRow[]): string {
  return rows
    .map((r) => {
      const entries: [string, unknown][] = [['run', r.id], ['point', r.point], ...m.grid.names.map((n, i): [string, unknown] => [n, r.values[i]]), ['seed', r.seed]];
      if (r.error === undefined) entries.push(...m.metrics.map((n, i): [string, unknown] => [n, r.metrics[i]]));
      else entries.push(['error', r.error]);
      return `${JSON.stringify(Object.fromEntries(entries))}\n`;
    })
    .join('');
}

/** Rows back from runs.ndjson (for `sweep merge`); `where` names the file in errors. */
export function parseRunsNdjson(m: Manifest, text: string, bad: (line: number, detail: string) => Error): RunRow[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw bad(i + 1, 'not JSON');
      }
      const num = (key: string): number => {
        const v = o[key];
        if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(i + 1, `${key}: expected a number`);
        return v;
      };
      if (typeof o.run !== 'string') throw bad(i + 1, 'run: expected a run id');
      const error = typeof o.error === 'string' ? o.error : undefined;
      return {
        id: o.run,
        point: num('point'),
        values: m.grid.names.map((n) => o[n] as GridValue),
        seed: num('seed'),
        metrics: error === undefined ? m.metrics.map(num) : [],
        ...(error === undefined ? {} : { error }),
      };
    });
}

const STATS = ['mean', 'sd', 'ci95_low', 'ci95_high', 'min', 'max'] as const;

export function summaryCsv(m: Manifest, points: readonly PointSummary[]): string {
  const leftOut = points.some((p) => p.leftOut !== undefined);
  const head = ['point', ...m.grid.names, 'runs', 'failed', ...(leftOut ? ['left_out'] : []), ...m.metrics.flatMap((n) => STATS.map((s) => `${n}_${s}`))];
  const rows = points.map((p) => [
    p.point,
    ...p.values,
    p.runs,
    p.failed,
    ...(leftOut ? [p.leftOut ?? 0] : []),
    ...m.metrics.flatMap((n): (number | string)[] => {
      const s = p.metrics[n];
      return s ? [s.mean, s.sd, s.ci95[0], s.ci95[1], s.min, s.max] : STATS.map(() => '');
    }),
  ]);
  return toCsv(head, rows);
}

export function summaryJson(m: Manifest, points: readonly PointSummary[]): string {
  const body = {
    schema: SUMMARY_SCHEMA,
    scenario: m.scenario,
    seeds: m.seeds.length,
    parameters: m.grid.names,
    metrics: m.metrics,
    points: points.map((p) => ({ point: p.point, parameters: Object.fromEntries(m.grid.names.map((n, i) => [n, p.values[i]])), runs: p.runs, failed: p.failed, ...(p.leftOut !== undefined ? { leftOut: p.leftOut } : {}), metrics: p.metrics })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
