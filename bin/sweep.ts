/**
 * `pcnsim sweep FILE`, `pcnsim sweep merge DIR…` and `pcnsim worker`: flags parsed and checked
 * before any run (bad grid, path, value, shard or queue: one line, exit 2), then the sweep
 * (sim/sweep) on this thread, a thread pool or a queue. Wall-clock time goes to stdout only.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ScenarioError } from '../sim/errors.js';
import { parseOverride, readScenarioDoc } from '../sim/scenario/index.js';
import { gridFromFile, gridFromFlags, mergeSweeps, parseShard, queueExecutor, runWorker, shardFromEnv, sweep, type RunRow, type SweepProgress, type SweepResult } from '../sim/sweep/index.js';
import { parseTimeMs } from '../sim/units.js';
import { parseCrypto } from './cli.js';
import type { Io } from './main.js';
import { prepareOutDir } from './outputs.js';


export interface SweepFlags {
  vary: string[];
  grid?: string;
  seeds: string;
  jobs?: string;
  shard?: string;
  queue?: string;
  out?: string;
  set: string[];
  until?: string;
  crypto: string;
  reports: string;
}

const collect = (value: string, all: string[]): string[] => [...all, value];

export function addSweepCommands(program: Command, io: Io, start: (run: () => Promise<number>) => void): void {
  program.enablePositionalOptions(); // so `sweep merge … --out` is merge's --out, not sweep's
  const cmd = program
    .command('sweep')
    .description('run a scenario over a grid of overrides × seeds; write runs.csv/.ndjson, summary.csv/.json (mean, sd, 95% CI, min, max) and sweep.html; resumes')
    .argument('<file>', 'scenario file')
    .option('--vary <path=values>', 'a varied path (repeatable: the Cartesian product), e.g. defaults.freeze=144..288:72 blocks or agents.bob.online=0.8,0.9,1', collect, [] as string[])
    .option('--grid <file>', "a grid file: 'vary' (path: values) and/or 'points' (a list of path: value mappings)")
    .option('--seeds <n>', 'seeds per grid point (1 … n)', '10')
    .option('--jobs <n>', 'worker threads (default: the machine\'s cores)')
    .option('--shard <i/n>', 'run only the i-th of n slices (default: from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX with PCNSIM_SHARDS)')
    .option('--queue <url>', 'enqueue the runs on a Redis queue (redis://HOST:PORT[/DB]) for `pcnsim worker`s and collect the rows')
    .option('--out <dir>', 'the sweep folder (default reports/NAME-sweep)')
    .option('--set <path=value>', 'override a scenario field at every point (repeatable)', collect, [] as string[])
    .option('--until <time>', "simulated end time of every run (default: the scenario's)")
    .option('--crypto <mode>', 'full or lazy', 'lazy')
    .option('--reports <which>', 'json: report.json per run; all: every report file per run', 'json')
    .enablePositionalOptions()
    .action((file: string, flags: SweepFlags) => {
      const run = prepareSweep(file, flags, io);
      start(run);
    });
  cmd
    .command('merge')
    .description("join shards' runs tables into one sweep folder with the aggregate and the page")
    .argument('<dirs...>', 'sweep folders written by `pcnsim sweep --shard`')
    .requiredOption('--out <dir>', 'where the merged sweep goes')
    .action((dirs: string[], flags: { out: string }) => {
      prepareOutDir(flags.out);
      const { rows, missing } = mergeSweeps(dirs, flags.out);
      io.out(`merged ${rows.length} runs from ${dirs.length} folders into ${flags.out}/`);
      if (missing > 0) io.err(`pcnsim: sweep merge: ${missing} of ${rows.length + missing} runs are in none of the folders; expected every shard's folder (rerun the missing shards)`);
      start(async () => (missing > 0 ? 2 : 0));
    });
  program
    .command('worker')
    .description('take sweep runs from a Redis queue (pcnsim sweep --queue) until it is empty')
    .requiredOption('--queue <url>', 'redis://HOST:PORT[/DB]')
    .option('--jobs <n>', 'runs at once (default 1)', '1')
    .option('--stay', 'keep waiting for runs when the queue is empty')
    .action((flags: { queue: string; jobs: string; stay?: boolean }) => {
      const jobs = whole(flags.jobs, '--jobs', 1, 256);
      start(() => runWorker(flags.queue, { jobs, stay: flags.stay ?? false, out: io.out }));
    });
}

/** A whole-number flag within bounds, or one line naming the flag. */
export function whole(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new ScenarioError('bad-flag', `'${text}': expected a whole number from ${min} to ${max}`, flag);
  return n;
}

/** Every flag checked now (synchronously: bad input fails before anything runs); the sweep later. */
function prepareSweep(file: string, flags: SweepFlags, io: Io): () => Promise<number> {
  if (flags.vary.length === 0 && flags.grid === undefined) throw new ScenarioError('bad-grid', 'nothing to vary; expected --vary path=values or --grid FILE', '--vary');
  if (flags.vary.length > 0 && flags.grid !== undefined) throw new ScenarioError('bad-grid', 'both --vary and --grid; expected one of them', '--grid');
  const grid = flags.grid !== undefined ? gridFromFile(flags.grid) : gridFromFlags(flags.vary);
  const seeds = whole(flags.seeds, '--seeds', 1, 100_000);
  const jobs = flags.jobs === undefined ? availableParallelism() : whole(flags.jobs, '--jobs', 1, 256);
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : shardFromEnv(process.env);
  if (shard && flags.queue !== undefined) throw new ScenarioError('bad-flag', 'a queue spreads runs by itself; expected --shard or --queue, not both', '--shard');
  const reports = flags.reports === 'json' || flags.reports === 'all' ? flags.reports : undefined;
  if (!reports) throw new ScenarioError('bad-flag', `'${flags.reports}': expected json or all`, '--reports');
  const crypto = parseCrypto(flags.crypto);
  const untilMs = flags.until === undefined ? undefined : parseTimeMs(flags.until, '--until');
  const set = flags.set.map((s) => parseOverride(s));
  const name = String(readScenarioDoc(file).name ?? 'sweep');
  const out = flags.out ?? join('reports', `${name.replace(/[^\w.-]/g, '_')}-sweep`);
  const executor = flags.queue !== undefined ? queueExecutor(flags.queue) : undefined;
  prepareOutDir(out);
  return async () => {
    const started = process.hrtime.bigint();
    const bar = progressBar(io);
    let result: SweepResult;
    try {
      result = await sweep(file, grid, { seeds, jobs, out, set, crypto, reports, version: io.version, ...(shard ? { shard } : {}), ...(executor ? { executor } : {}), ...(untilMs !== undefined ? { untilMs } : {}), ...(bar ? { onProgress: bar.update } : {}) });
    } finally {
      bar?.stop();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const where = executor ? `the queue ${flags.queue}` : jobs > 1 ? `${jobs} threads` : 'one thread';
    io.out(`${result.rows.length} runs (${result.resumed} already done) of ${grid.points.length} points × ${seeds} seeds${shard ? `, shard ${shard.index}/${shard.count}` : ''} on ${where}: ${seconds.toFixed(1)} s wall-clock`);
    io.out(`wrote ${out}/ (${shard ? 'sweep.json, runs.csv, runs.ndjson; pcnsim sweep merge joins the shards' : 'runs.csv, runs.ndjson, summary.csv, summary.json, sweep.html'}; run folders in ${out}/runs/)`);
    return sweepExitCode(result.rows.filter((r) => r.error !== undefined), io.err);
  };
}

/**
 * A sweep's exit code from its failed runs, with one line naming the first: 0 when none failed;
 * 2 when each failed on bad input (a scenario or file problem met only at run time is still bad
 * input: INTERFACE's one line and exit 2); 1 when any broke an invariant (a bug outranks input).
 */
export function sweepExitCode(failed: readonly Pick<RunRow, 'id' | 'point' | 'seed' | 'error' | 'cause'>[], err: (line: string) => void): number {
  if (failed.length === 0) return 0;
  const bug = failed.some((r) => r.cause !== 'input');
  const first = failed.find((r) => !bug || r.cause !== 'input')!;
  const others = failed.length > 1 ? ` (and ${failed.length - 1} other runs; runs.csv's error column lists them)` : '';
  err(`pcnsim: ${bug ? 'invariant broken in ' : ''}run ${first.id} (point ${first.point}, seed ${first.seed}) failed: ${first.error}${others}`);
  return bug ? 1 : 2;
}

/** cli-progress on stderr when it is a terminal: runs done, failures, ETA. */
export function progressBar(io: Io): { update: (p: SweepProgress) => void; stop: () => void } | undefined {
  if (!io.progress) return undefined;
  const bar = new SingleBar({ format: 'sweep [{bar}] {value}/{total} runs | {failed} failed | {resumed} resumed | ETA {eta_formatted}', hideCursor: true, stream: process.stderr });
  let started = false;
  return {
    update: (p) => {
      if (!started) bar.start(p.total, p.done, { failed: p.failed, resumed: p.resumed });
      started = true;
      bar.update(p.done, { failed: p.failed, resumed: p.resumed });
    },
    stop: () => started && bar.stop(),
  };
}
