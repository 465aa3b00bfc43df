/**
 * The pool's worker-thread entry (piscina calls the default export with each task). A thread
 * stays up for many runs, so an imported graph is parsed once per thread (the import cache in
 * sim/scenario/topology) and reused by all its runs.
 */
import { runTask, type RunRow, type RunSettings, type RunTask } from './task.js';

export default function run({ task, settings }: { task: RunTask; settings: RunSettings }): RunRow {
  return runTask(task, settings);
}
