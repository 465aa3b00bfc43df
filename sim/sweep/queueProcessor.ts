/** BullMQ's sandboxed processor for `pcnsim worker`: one run per job, in a worker thread. */
import type { Job } from 'bullmq';
import { runTask, type RunRow, type RunSettings, type RunTask } from './task.js';

export default async function process(job: Job<{ task: RunTask; settings: RunSettings }>): Promise<RunRow> {
  return runTask(job.data.task, job.data.settings);
}
