/**
 * Sweeps over a Redis-backed job queue (BullMQ), for elastic pools of machines: the sweep enqueues
 * its runs (job id = run id, so a run is enqueued once however often the sweep is restarted) and
 * collects the rows; `pcnsim worker`s on any machines take runs until the queue is empty. Runs go
 * to worker threads (BullMQ's sandboxed processors), so a worker's main thread keeps renewing
 * its locks; a worker killed mid-run stops renewing, and BullMQ's stalled-job check gives the run
 * to another worker. Rows are keyed by run id, so each lands once in the runs table.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { printable, ScenarioError } from '../errors.js';
import type { Executor } from './pool.js';
import { saveRow, type RunRow, type RunSettings, type RunTask } from './task.js';

export const QUEUE_NAME = 'pcnsim-runs';
const FORM = 'redis://HOST:PORT or redis://HOST:PORT/DB (optionally redis://:PASSWORD@HOST:PORT)';

export interface QueueConnection {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly password?: string;
}

/** Locks last this long without renewal before a run counts as stalled and is given to another worker. */
const LOCK_MS = Number(process.env.PCNSIM_QUEUE_LOCK_MS ?? 10_000);

export function parseQueueUrl(text: string, flag = '--queue'): QueueConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ScenarioError('bad-queue', `'${printable(text.slice(0, 200))}': expected ${FORM}`, flag);
  }
  const db = url.pathname === '' || url.pathname === '/' ? 0 : Number(url.pathname.slice(1));
  const port = url.port === '' ? 6379 : Number(url.port);
  if (url.protocol !== 'redis:' || url.hostname === '' || !Number.isInteger(db) || db < 0 || db > 15 || !(port > 0 && port < 65536)) {
    throw new ScenarioError('bad-queue', `'${printable(text.slice(0, 200))}': expected ${FORM}`, flag);
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, db, ...(url.password ? { password: decodeURIComponent(url.password) } : {}) };
}

/** Fails fast (a few seconds) when no Redis answers there: bad input, not a hang. */
export async function checkReachable(c: QueueConnection, text: string, flag = '--queue'): Promise<void> {
  const client = new Redis({ ...c, lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // A refused connection is an 'error' event at once; connect() alone would wait for the timeout.
  const refused = new Promise<never>((_, reject) => client.once('error', reject));
  refused.catch(() => undefined);
  try {
    await Promise.race([client.connect().then(() => client.ping()), refused]);
  } catch (error) {
    throw new ScenarioError('queue-unreachable', `cannot reach a Redis server on ${printable(text)} (${printable(error instanceof Error ? error.message : String(error))}); expected a running Redis (${FORM})`, flag);
  } finally {
    client.disconnect();
  }
}

/** The executor of `pcnsim sweep --queue URL`. Workers do not write run folders (they may be on other machines): the sweep writes each row.json. */
export function queueExecutor(text: string): Executor {
  const connection = parseQueueUrl(text);
  return async (tasks, settings, onRow) => {
    await checkReachable(connection, text);
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    const { runsDir, ...remote } = settings;
    try {
      await events.waitUntilReady();
      const jobs = await queue.addBulk(tasks.map((task) => ({ name: 'run', data: { task, settings: remote }, opts: { jobId: task.id, attempts: 3, removeOnComplete: { age: 7 * 86_400 }, removeOnFail: { age: 7 * 86_400 } } })));
      await Promise.all(
        jobs.map(async (job, i) => {
          // A run finished by an earlier sweep keeps its row; its place in the grid is today's.
          const row = { ...((await job.waitUntilFinished(events)) as RunRow), point: tasks[i]!.point, values: tasks[i]!.values };
          if (runsDir !== undefined && row.error === undefined) saveRow(runsDir, row);
          onRow(row);
        }),
      );
    } finally {
      await events.close();
      await queue.close();
    }
  };
}

/** The compiled processor (BullMQ runs it in worker threads; it needs JavaScript). */
function processorFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of [join(here, 'queueProcessor.js'), join(here, '..', '..', 'dist', 'sim', 'sweep', 'queueProcessor.js')]) if (existsSync(file)) return file;
  throw new Error('no compiled queue processor (run npm run build)');
}

export interface WorkerOptions {
  /** Runs at once. */
  readonly jobs: number;
  /** Keep waiting when the queue is empty. */
  readonly stay: boolean;
  readonly out: (line: string) => void;
  /** How often to look whether the queue is empty, ms. */
  readonly pollMs?: number;
}

/** `pcnsim worker --queue URL`: takes runs until none is waiting, active or delayed. Returns the exit code. */
export async function runWorker(text: string, options: WorkerOptions): Promise<number> {
  const connection = parseQueueUrl(text);
  await checkReachable(connection, text);
  const queue = new Queue(QUEUE_NAME, { connection });
  queue.setMaxListeners(0); // each count query adds a listener until it returns
  let done = 0;
  const worker = new Worker(QUEUE_NAME, processorFile(), { connection, concurrency: options.jobs, useWorkerThreads: true, lockDuration: LOCK_MS, stalledInterval: Math.max(1000, LOCK_MS / 2), maxStalledCount: 5 });
  worker.on('completed', (_job: Job) => void done++);
  worker.on('error', () => undefined); // connection blips: BullMQ reconnects
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      const left = Object.values(counts).reduce((a, b) => a + b, 0);
      if (left === 0 && !options.stay) break;
    }
  } finally {
    await worker.close();
    await queue.close();
  }
  options.out(`worker: ${done} runs done; the queue is empty`);
  return 0;
}

export type { RunSettings, RunTask };
