/**
 * Where runs are carried out: in this thread (`jobs` 1) or on a pool of worker threads
 * (piscina). Either way the rows come back in any order; the sweep sorts them.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runTask, type RunRow, type RunSettings, type RunTask } from './task.js';

/** Carries out runs and reports each row as it comes. */
export type Executor = (tasks: readonly RunTask[], settings: RunSettings, onRow: (row: RunRow) => void) => Promise<void>;

export const inThread: Executor = async (tasks, settings, onRow) => {
  for (const task of tasks) {
    onRow(runTask(task, settings));
    await new Promise((resolve) => setImmediate(resolve)); // let a progress bar draw
  }
};

/**
 * The compiled worker: beside this file when running from dist/, else dist/sim/sweep/worker.js
 * under the package (tests run the TypeScript sources; worker threads need JavaScript).
 */
function workerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'worker.js');
  if (existsSync(beside)) return beside;
  const built = join(here, '..', '..', 'dist', 'sim', 'sweep', 'worker.js');
  if (existsSync(built)) return built;
  throw new Error(`no compiled sweep worker at ${built} (run npm run build)`);
}

export function threadPool(jobs: number): Executor {
  return async (tasks, settings, onRow) => {
    const pool = new Piscina({ filename: workerFile(), minThreads: jobs, maxThreads: jobs, idleTimeout: 1000 });
    try {
      await Promise.all(tasks.map(async (task) => onRow((await pool.run({ task, settings })) as RunRow)));
    } finally {
      await pool.destroy();
    }
  };
}
