/**
 * Bounds on how much work a scenario may ask for, checked when it is resolved: a value that
 * validates must also run to the end in bounded time and memory (a 1 ms block interval over a
 * day, a million background transactions per second, a billion payments would not). Each bound is
 * far above what a study needs and names the fields to change.
 */
import { ScenarioError } from '../errors.js';

/** Blocks a run may mine: every block is kept for the reports (≈ 9.5 years of 600 s blocks). */
export const MAX_BLOCKS = 500_000;
/** Background transactions a run may generate (each is kept as a row of the chain's record). */
export const MAX_TRAFFIC_TXS = 2_000_000;
/** Payments a workload may make (the bench runs 1M). */
export const MAX_WORKLOAD_PAYMENTS = 10_000_000;
/** Payments listed or repeated in `payments` and imported workloads. */
export const MAX_LISTED_PAYMENTS = 1_000_000;
/** Transactions a griefer's accomplices may flood the chain with (a block holds ≈ 2,000–4,000). */
export const MAX_FLOOD = 100_000;
/**
 * Nodes and channels of a network: the public graph of 2023–2025 (≈ 17k nodes, 60k channels) fits
 * with room; 100,000 generated nodes (≈ 200k channels) take ≈ 3 GB, too much beside other work.
 */
export const MAX_NODES = 50_000;
export const MAX_CHANNELS = 150_000;
/** Shortest block interval, ms. */
export const MIN_BLOCK_INTERVAL_MS = 1;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The run's length against the block interval: at most MAX_BLOCKS blocks. */
export function checkBlocks(untilMs: number, blockIntervalMs: number, path: string): void {
  const blocks = untilMs / blockIntervalMs;
  if (blocks > MAX_BLOCKS) {
    throw new ScenarioError(
      'run-too-long',
      `a run of ${fmt(untilMs / 1000)} s with blocks every ${blockIntervalMs} ms mines ≈ ${fmt(blocks)} blocks; expected at most ${fmt(MAX_BLOCKS)} (shorten the run or lengthen chain.blockInterval)`,
      path,
    );
  }
}

/** Expected arrivals of a Poisson process over a span, against a bound. */
export function checkArrivals(ratePerSecond: number, spanMs: number, max: number, what: string, path: string, fix: string): void {
  const expected = (ratePerSecond * spanMs) / 1000;
  if (expected > max) throw new ScenarioError('run-too-long', `${what}: ≈ ${fmt(expected)} over the run; expected at most ${fmt(max)} (${fix})`, path);
}
