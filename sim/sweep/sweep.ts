/**
 * A sweep: one scenario, a grid of overrides, every point with the same seeds. Plans the runs
 * (each point validated before any runs), skips those a previous sweep into the same folder
 * finished (resume), carries out the rest on an executor (this thread, a thread pool, a queue),
 * and writes the runs table, the aggregate and the chart page. Same grid and seeds ⇒ the same
 * bytes, whatever the executor, the number of threads or the shards.
 */
import { join } from 'node:path';
import type { CryptoMode } from '../channel/index.js';
import { applyOverrides, overriddenScenario, readScenarioDoc, type Override, type ScenarioDoc } from '../scenario/index.js';
import { overridesOf, type Grid, type GridValue } from './grid.js';
import { metricNames, type MeasureSpec } from './metrics.js';
import { MAX_RUNS, planRuns, seedList, type BuiltPoint } from './plan.js';
import { inThread, threadPool, type Executor } from './pool.js';
import { inShard, shardText, type Shard } from './shard.js';
import { sortRows, summarize, type Aggregate, type PointSummary } from './stats.js';
import { MANIFEST_SCHEMA, type Manifest } from './tables.js';
import { finishedRow, type RunRow, type RunSettings } from './task.js';
import { writeSweep } from './write.js';
import { ScenarioError } from '../errors.js';

export interface SweepProgress {
  readonly done: number;
  readonly failed: number;
  /** Runs found finished in the output folder and not run again. */
  readonly resumed: number;
  readonly total: number;
}

export interface SweepOptions {
  /** Seeds per grid point: 1 … seeds (default 10), or the list itself. */
  readonly seeds?: number | readonly number[];
  /** Worker threads (default 1: this thread). */
  readonly jobs?: number;
  /** Another executor (a queue); overrides `jobs`. */
  readonly executor?: Executor;
  /** The sweep folder: tables, page, and a folder per run under `runs/`. None: nothing written. */
  readonly out?: string;
  readonly shard?: Shard;
  /** Overrides applied to every point before the grid's (`--set`). */
  readonly set?: readonly Override[];
  readonly crypto?: CryptoMode;
  readonly untilMs?: number;
  readonly reports?: 'json' | 'all';
  /** pcnsim's version, for the runs' provenance. */
  readonly version?: string;
  readonly onProgress?: (p: SweepProgress) => void;
}

/** What to sweep: the scenario, the grid, how a point becomes a scenario, what to record. */
export interface SweepSpec {
  readonly file: string;
  readonly name: string;
  readonly grid: Grid;
  readonly measure: MeasureSpec;
  readonly build: (values: readonly GridValue[]) => BuiltPoint;
  /** Which runs count and which intervals differ from the default (a game's sweep). */
  readonly aggregate?: Aggregate;
}

export interface SweepResult {
  readonly manifest: Manifest;
  /** This shard's rows (all of them without a shard), by grid point then seed. */
  readonly rows: readonly RunRow[];
  /** Per grid point; empty for a shard (`sweep merge` aggregates shards). */
  readonly summary: readonly PointSummary[];
  readonly resumed: number;
}

/** A sweep of a scenario file over scenario paths, recording the report's headline figures. */
export function sweep(file: string, grid: Grid, options: SweepOptions = {}): Promise<SweepResult> {
  const doc = readScenarioDoc(file);
  const fixed = options.set ?? [];
  const base: ScenarioDoc = applyOverrides(doc, fixed);
  const build = (values: readonly GridValue[]): BuiltPoint => {
    const overrides = overridesOf(grid, values);
    const scenario = overriddenScenario(base, overrides, file, undefined, '--vary');
    return { doc: applyOverrides(base, overrides), scenario, set: [...fixed, ...overrides].map((o) => o.text) };
  };
  if (grid.names.includes('seed')) throw new ScenarioError('bad-grid', 'seed is not swept as a path; expected --seeds N', '--vary');
  return runSweep({ file, name: String(doc.name ?? file), grid, measure: { kind: 'report' }, build }, options);
}

export async function runSweep(spec: SweepSpec, options: SweepOptions = {}): Promise<SweepResult> {
  const seeds = typeof options.seeds === 'object' ? [...options.seeds] : seedList(options.seeds ?? 10);
  const total = spec.grid.points.length * seeds.length;
  if (total > MAX_RUNS) throw new ScenarioError('bad-grid', `${spec.grid.points.length} points × ${seeds.length} seeds = ${total} runs; expected at most ${MAX_RUNS}`, '--seeds');
  const runsDir = options.out === undefined ? undefined : join(options.out, 'runs');
  const settings: RunSettings = {
    measure: spec.measure,
    crypto: options.crypto ?? 'lazy',
    ...(options.untilMs !== undefined ? { untilMs: options.untilMs } : {}),
    ...(runsDir !== undefined ? { runsDir } : {}),
    reports: options.reports ?? 'json',
    version: options.version ?? 'library',
  };
  const tasks = inShard(planRuns(spec.file, spec.grid, seeds, settings, spec.build), options.shard);
  const metrics = metricNames(spec.measure);
  const manifest: Manifest = { schema: MANIFEST_SCHEMA, scenario: spec.name, grid: spec.grid, seeds, metrics, ...(options.shard ? { shard: shardText(options.shard) } : {}), runs: total };

  const rows: RunRow[] = [];
  const todo = tasks.filter((t) => {
    const row = runsDir === undefined ? undefined : finishedRow(runsDir, t);
    if (row) rows.push(row);
    return !row;
  });
  const resumed = rows.length;
  let failed = 0;
  const progress = (): void => options.onProgress?.({ done: rows.length, failed, resumed, total: tasks.length });
  progress();
  const executor = options.executor ?? ((options.jobs ?? 1) > 1 && todo.length > 1 ? threadPool(Math.min(options.jobs!, todo.length)) : inThread);
  await executor(todo, settings, (row) => {
    rows.push(row);
    if (row.error !== undefined) failed++;
    progress();
  });
  const sorted = sortRows(rows);
  const summary = options.shard ? [] : summarize(spec.grid, metrics, sorted, spec.aggregate);
  if (options.out !== undefined) writeSweep(options.out, manifest, sorted, summary);
  return { manifest, rows: sorted, summary, resumed };
}
