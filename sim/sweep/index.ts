/** Sweeps: a scenario over a grid of overrides × seeds, on threads, shards or a queue. */
export { sweepGame, type GameSweepOptions } from './gameSweep.js';
export { gridFromFile, gridFromFlags, parseVary, product, type Grid, type GridValue } from './grid.js';
export { HEADLINE, metricNames, type MeasureSpec } from './metrics.js';
export { mergeSweeps } from './merge.js';
export { inThread, threadPool, type Executor } from './pool.js';
export { inShard, parseShard, shardFromEnv, type Shard } from './shard.js';
export { summarizeMetric, type MetricSummary, type PointSummary } from './stats.js';
export { runSweep, sweep, type SweepOptions, type SweepProgress, type SweepResult, type SweepSpec } from './sweep.js';
export { runTask, type RunRow, type RunSettings, type RunTask } from './task.js';
export { SWEEP_FILES } from './write.js';
export { parseQueueUrl, queueExecutor, runWorker } from './queue.js';
