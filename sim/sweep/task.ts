/**
 * One run of a sweep: a grid point's scenario with one seed. The same function runs in the main
 * thread (`--jobs 1`), in a pool's worker thread and in a queue worker on another machine, so
 * every path gives the same row. A finished run leaves its folder `RUNS/<id>/` with report.json
 * (and, with `reports: 'all'`, every report file) and, last, row.json: the row itself, which a
 * rerun reads instead of running again (resume).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CryptoMode } from '../channel/index.js';
import { InvariantError, printable, ScenarioError } from '../errors.js';
import type { Params } from '../games/index.js';
import { reportFiles, reportJson, summarize } from '../report/index.js';
import { runReport, runScenario, type ScenarioDoc, scenarioFromData } from '../scenario/index.js';
import type { GridValue } from './grid.js';
import { measureRun, type MeasureSpec } from './metrics.js';

export interface RunTask {
  /** Short hash of (resolved scenario, seed, settings that shape the result): the run's folder. */
  readonly id: string;
  /** The grid point's index, and its values (aligned with the grid's names). */
  readonly point: number;
  readonly values: readonly GridValue[];
  readonly seed: number;
  /** The scenario document with the point written in, and the file it came from. */
  readonly doc: ScenarioDoc;
  readonly file: string;
  /** The overrides as written (report provenance). */
  readonly set: readonly string[];
  /** A game's parameters at this point (for a game's measure). */
  readonly gameParams?: Params;
}

export interface RunSettings {
  readonly measure: MeasureSpec;
  readonly crypto: CryptoMode;
  readonly untilMs?: number;
  /** Where run folders go; none: nothing is written (library use, game sweeps without --out). */
  readonly runsDir?: string;
  /** `json`: report.json only (default: a sweep has thousands of runs); `all`: every report file. */
  readonly reports?: 'json' | 'all';
  readonly version: string;
}

export interface RunRow {
  readonly id: string;
  readonly point: number;
  readonly values: readonly GridValue[];
  readonly seed: number;
  /** Aligned with the measure's metric names; empty when the run failed. */
  readonly metrics: readonly number[];
  /** Why the run failed (one line), when it did. */
  readonly error?: string;
  /**
   * What made it fail: `input` (bad input met at run time: the scenario or a file it reads) or
   * `invariant` (a broken invariant: a bug). Decides the sweep's exit code (2 or 1); not in the tables.
   */
  readonly cause?: 'input' | 'invariant';
}

export function runTask(task: RunTask, settings: RunSettings): RunRow {
  const base = { id: task.id, point: task.point, values: task.values, seed: task.seed };
  try {
    const scenario = scenarioFromData(task.doc, task.file);
    const all = settings.reports === 'all';
    const run = runScenario(scenario, { seed: task.seed, crypto: settings.crypto, keepRows: all || settings.measure.kind === 'game', ...(settings.untilMs !== undefined ? { untilMs: settings.untilMs } : {}) });
    const report = runReport(summarize(run), run, scenario, settings.version, { seed: run.seed, untilMs: run.simulatedMs, crypto: settings.crypto, set: task.set });
    const row: RunRow = { ...base, metrics: measureRun(settings.measure, run, report, task.gameParams ?? {}) };
    if (settings.runsDir !== undefined) {
      const dir = join(settings.runsDir, task.id);
      mkdirSync(dir, { recursive: true });
      const files: [string, () => string][] = all ? reportFiles(run, report) : [['report.json', () => reportJson(report)]];
      for (const [name, text] of files) writeFileSync(join(dir, name), text());
      saveRow(settings.runsDir, row);
    }
    return row;
  } catch (error) {
    if (!(error instanceof ScenarioError || error instanceof InvariantError)) throw error;
    return { ...base, metrics: [], error: printable(error.message), cause: error instanceof ScenarioError ? 'input' : 'invariant' };
  }
}

/** Written last and renamed into place: a row.json that exists is a whole run. */
export function saveRow(runsDir: string, row: RunRow): void {
  const dir = join(runsDir, row.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'row.json.tmp'), JSON.stringify(row));
  renameSync(join(dir, 'row.json.tmp'), join(dir, 'row.json'));
}

/** The row a previous sweep left for this run, if it finished. */
export function finishedRow(runsDir: string, task: RunTask): RunRow | undefined {
  const file = join(runsDir, task.id, 'row.json');
  if (!existsSync(file)) return undefined;
  try {
    const row = JSON.parse(readFileSync(file, 'utf8')) as RunRow;
    // The grid may have grown since: the point's place is today's.
    return row.id === task.id && Array.isArray(row.metrics) ? { ...row, point: task.point, values: task.values } : undefined;
  } catch {
    return undefined; // unreadable: run it again
  }
}
