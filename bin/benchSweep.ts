/**
 * `pcnsim bench --sweep [FILE]`: what the sweep's thread pool buys and costs. The same sweep of
 * short runs (default: the bundled liquidity-drain study, 2 × 2 points × 20 seeds) is run three
 * ways, nothing written to disk: in this thread (`--jobs 1`), on a pool of one worker thread, and
 * on a pool of two (`--jobs 2`). The speed-up is `--jobs 1` over `--jobs 2`. The pool's cost, at
 * equal parallelism, is split in two: its start (a one-run sweep on a one-thread pool − the same
 * run in this thread: starting the thread, loading the simulator into it, a cold first run) and
 * the rest per run ((one-thread pool − this thread − start) / (runs − 1): passing each task and
 * row between threads, and runs on a thread that warms up alone). Each way runs `--repeat` times
 * and the median counts (the machine may be shared). Wall-clock and CPU figures go to stdout and the
 * bench file only; the three ways' rows must be equal, or the benchmark fails.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { gridFromFlags, sweep, threadPool, type Executor, type RunRow } from '../sim/sweep/index.js';
import { checkOutFile } from './outputs.js';
import { whole } from './sweep.js';

export interface BenchSweepFlags {
  sweep: string | true;
  vary: string[];
  seeds?: string;
  repeat: string;
  out: string;
}

export const DEFAULT_SWEEP = { file: join('scenarios', 'studies', 'liquidity-drain.yaml'), vary: ['defaults.feePpm=100,1000', 'workload.rate=1/min,2/min'], seeds: 20 };

interface Way {
  readonly name: string;
  readonly jobs: number;
  readonly executor?: Executor;
}

interface Timing {
  readonly name: string;
  /** Median over the repeats: wall-clock seconds, and CPU-seconds of the whole process (all threads). */
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly runsPerSecond: number;
}

export async function benchSweepCommand(root: string, flags: BenchSweepFlags, out: (s: string) => void): Promise<number> {
  const file = flags.sweep === true ? join(root, DEFAULT_SWEEP.file) : flags.sweep;
  const grid = gridFromFlags(flags.vary.length > 0 ? flags.vary : DEFAULT_SWEEP.vary);
  const seeds = flags.seeds === undefined ? DEFAULT_SWEEP.seeds : whole(flags.seeds, '--seeds', 1, 1000);
  const repeat = whole(flags.repeat, '--repeat', 1, 100);
  checkOutFile(flags.out, '--out');
  const runs = grid.points.length * seeds;
  const ways: Way[] = [{ name: 'this thread (--jobs 1)', jobs: 1 }, { name: 'pool of 1 thread', jobs: 1, executor: threadPool(1) }, { name: 'pool of 2 threads (--jobs 2)', jobs: 2 }];
  out(`sweep benchmark: ${file}, ${grid.points.length} points × ${seeds} seeds = ${runs} runs, each way ${repeat} times (median); ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} (other processes: a loaded machine gives threads no spare core)`);
  let reference: readonly RunRow[] | undefined;
  const timings: Timing[] = [];
  for (const way of ways) {
    const { seconds, cpuSeconds } = await measure(repeat, async () => {
      const { rows } = await sweep(file, grid, { seeds, jobs: way.jobs, ...(way.executor ? { executor: way.executor } : {}) });
      reference ??= rows;
      if (!isDeepStrictEqual(rows, reference)) throw new Error(`${way.name} gave other rows than ${ways[0]!.name}: the sweep is not deterministic (this is a bug)`);
    });
    timings.push({ name: way.name, seconds, cpuSeconds, runsPerSecond: runs / seconds });
    out(`  ${way.name.padEnd(28)} ${seconds.toFixed(2).padStart(7)} s wall-clock  ${cpuSeconds.toFixed(2).padStart(7)} CPU-s  ${(runs / seconds).toFixed(1).padStart(6)} runs/s`);
  }
  const [inThread, pool1, pool2] = timings as [Timing, Timing, Timing];
  const one = { names: grid.names, points: grid.points.slice(0, 1) };
  const oneRun = (executor?: Executor) => measure(repeat, () => sweep(file, one, { seeds: 1, ...(executor ? { executor } : {}) }));
  const startMs = ((await oneRun(threadPool(1))).seconds - (await oneRun()).seconds) * 1000;
  const speedUp = inThread.seconds / pool2.seconds;
  const overheadMs = runs > 1 ? ((pool1.seconds - inThread.seconds) * 1000 - startMs) / (runs - 1) : 0;
  out(`speed-up of --jobs 2 over --jobs 1: ${speedUp.toFixed(2)}×; the pool costs ${startMs.toFixed(0)} ms to start (one run: one-thread pool − this thread) and ${overheadMs.toFixed(1)} ms per further run; same rows every way`);
  const failed = reference!.filter((r) => r.error !== undefined).length;
  writeFileSync(flags.out, `${JSON.stringify({ node: process.version, cores: availableParallelism(), loadAverage: loadavg()[0], sweep: { file, grid, seeds, runs, failed, repeat, timings, speedUp, poolStartMs: startMs, poolOverheadMsPerRun: overheadMs } }, null, 2)}\n`);
  out(`wrote ${flags.out}`);
  return 0;
}

/** Runs `once` `repeat` times: the median wall-clock seconds and CPU-seconds (the whole process, every thread). */
async function measure(repeat: number, once: () => Promise<unknown>): Promise<{ seconds: number; cpuSeconds: number }> {
  const samples: { seconds: number; cpuSeconds: number }[] = [];
  for (let i = 0; i < repeat; i++) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await once();
    const used = process.cpuUsage(cpu);
    samples.push({ seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 });
  }
  return { seconds: median(samples.map((s) => s.seconds)), cpuSeconds: median(samples.map((s) => s.cpuSeconds)) };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
