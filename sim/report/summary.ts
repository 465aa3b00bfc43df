/**
 * The report (INTERFACE.md `pcnsim.report/1`), computed only from recorded rows (STYLE §15).
 * Deterministic: no wall-clock, fixed key order, integers for msat, ratios rounded to 6 decimals.
 */
import type { ChannelEventKind, RunRecords } from './records.js';
import { crossChainBlocks } from './crossChain.js';
import { privacyBlock } from './privacy.js';
import { percentile, round6, sum } from './stats.js';

export const REPORT_SCHEMA = 'pcnsim.report/1';

export function summarize(run: RunRecords) {
  const seconds = run.simulatedMs / 1000;
  const blocks = run.chain.blocks;
  const lastHeight = blocks.length ? blocks[blocks.length - 1]!.height : run.startHeight;
  return {
    schema: REPORT_SCHEMA,
    scenario: run.scenario,
    seed: run.seed,
    simulated: { seconds: round6(seconds), blocks: blocks.length, events: run.events },
    payments: paymentsBlock(run, seconds),
    liquidity: liquidityBlock(run),
    penalties: penaltiesBlock(run),
    chain: { ...chainBlock(run), endHeight: lastHeight },
    balances: Object.fromEntries(Object.entries(run.balances).map(([node, b]) => [node, { startMsat: b.startMsat, endMsat: b.endMsat }])),
    invariants: invariantsBlock(run),
    ...(run.crossChain ? crossChainBlocks(run.crossChain) : {}),
    ...(run.privacy ? { privacy: privacyBlock(run.privacy) } : {}),
  };
}

export type Report = ReturnType<typeof summarize>;

function paymentsBlock(run: RunRecords, seconds: number) {
  const st = run.stats;
  const latencies = st.sortedLatencies();
  const routed = st.sortedRoutedLatencies();
  const activeMs = st.firstStartMs < 0 ? 0 : st.lastEndMs - st.firstStartMs;
  return {
    attempted: st.attempted,
    succeeded: st.succeeded,
    failed: st.attempted - st.succeeded,
    successRate: st.attempted ? round6(st.succeeded / st.attempted) : 0,
    throughputPerSec: seconds > 0 ? round6(st.succeeded / seconds) : 0,
    failures: Object.fromEntries([...st.failures.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    latencyMs: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99) },
    feesPaidMsat: st.feesPaidMsat,
    avgHops: st.succeeded ? round6(st.hopsTotal / st.succeeded) : 0,
    // Added in issue 17 (throughputPerSec and latencyMs keep their meaning):
    /** From the first payment's start to the last one's end. */
    activePeriod: { startSeconds: round6(Math.max(0, st.firstStartMs) / 1000), endSeconds: round6(Math.max(0, st.lastEndMs) / 1000) },
    throughputActivePerSec: activeMs > 0 ? round6(st.succeeded / (activeMs / 1000)) : 0,
    /** Succeeded payments between neighbours: one update, a round trip of two messages. */
    direct: st.direct,
    /** Latency of the succeeded routed (HTLC) payments only. */
    latencyRoutedMs: { p50: percentile(routed, 50), p90: percentile(routed, 90), p99: percentile(routed, 99) },
  };
}

function liquidityBlock(run: RunRecords) {
  return {
    channelCapacityMsat: sum(run.channels.map((c) => c.capacityMsat)),
    htlcLockedPeakMsat: run.stats.htlcLockedPeakMsat,
    htlcLockedAvgMsat: run.stats.htlcLockedAvgMsat(run.simulatedMs),
    htlcLockMsatBlocks: run.stats.htlcLockMsatBlocks,
    bondsFrozenPeakMsat: run.stats.bondsFrozenPeakMsat,
  };
}

function penaltiesBlock(run: RunRecords) {
  const st = run.stats;
  return {
    revokedBroadcasts: st.count('revoked-broadcast'),
    punished: st.count('penalty'),
    unpunished: st.count('cheat-succeeded'),
    penaltyMsat: st.penaltyMsat,
    stolenMsat: st.stolenMsat,
  };
}

function chainBlock(run: RunRecords) {
  const { txs, blocks, peakMempool } = run.chain;
  const confirmed = txs.filter((t) => t.status === 'confirmed');
  const delayBlocks = confirmed.map((t) => t.confirmedHeight - heightAt(blocks, t.validAt, run.startHeight)).sort((a, b) => a - b);
  const delaySeconds = confirmed.map((t) => (t.confirmedAt - t.validAt) / 1000).sort((a, b) => a - b);
  const count = (kind: ChannelEventKind) => run.stats.count(kind);
  return {
    transactions: confirmed.length,
    submitted: txs.length,
    unconfirmed: txs.filter((t) => t.status === 'waiting' || t.status === 'pending').length,
    dropped: txs.filter((t) => t.status === 'dropped').length,
    channelOpens: count('open'),
    cooperativeCloses: count('cooperative-close'),
    unilateralCloses: count('cash') + count('settle') + count('refund'),
    penaltyCloses: count('penalty'),
    htlcTimeouts: txs.filter((t) => t.kind === 'htlc-timeout' && t.status === 'confirmed').length,
    peakMempool,
    confirmationDelay: {
      blocks: { p50: percentile(delayBlocks, 50), p90: percentile(delayBlocks, 90), p99: percentile(delayBlocks, 99), mean: delayBlocks.length ? round6(sum(delayBlocks) / delayBlocks.length) : 0 },
      seconds: { p50: round6(percentile(delaySeconds, 50)), p90: round6(percentile(delaySeconds, 90)), p99: round6(percentile(delaySeconds, 99)), mean: delaySeconds.length ? round6(sum(delaySeconds) / delaySeconds.length) : 0 },
    },
  };
}

function invariantsBlock(run: RunRecords) {
  // Each chain block, each off-chain update and each contract transition was checked on the way
  // (a failure aborts the run), and the per-node accounting once at the end: what the nodes hold
  // plus the fees miners took against what they started with.
  const updates = run.stats.count('pay') + run.stats.count('htlc-add') + run.stats.count('htlc-settle');
  const calls = run.chain.txs.filter((t) => t.kind !== 'background' && t.status === 'confirmed').length;
  const { startMsat, endMsat, feesMsat } = run.accounting;
  const discrepancy = Math.abs(endMsat + feesMsat - startMsat);
  return { fundsConserved: discrepancy === 0, checks: run.chain.invariantChecks + updates + calls + 1, largestDiscrepancyMsat: discrepancy };
}

/** The height of the chain tip at simulated time `ms` (blocks are in time order). */
function heightAt(blocks: readonly { height: number; time: number }[], ms: number, startHeight: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.time <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? startHeight : blocks[lo - 1]!.height;
}
