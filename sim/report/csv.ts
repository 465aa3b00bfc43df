/** Fixed-column CSV rows (STYLE: results written as fixed-column rows, like sim-ln). */
import type { RunRecords } from '../scenario/run.js';
import { htlcLiquidity } from './liquidity.js';

function cell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

export function paymentsCsv(run: RunRecords): string {
  return toCsv(
    ['time_ms', 'from', 'to', 'amount_msat', 'status', 'reason', 'hops', 'fee_msat', 'latency_ms', 'attempts', 'route'],
    run.payments.map((p) => [p.time, p.from, p.to, p.amountMsat, p.status, p.reason, p.hops, p.feeMsat, p.latencyMs, p.attempts, p.route]),
  );
}

/** One row per block: the chain's series over time. */
export function timelineCsv(run: RunRecords): string {
  const blocks = run.chain.blocks;
  const locked = htlcLiquidity(run.channelEvents, run.simulatedMs).at(blocks.map((b) => b.time));
  return toCsv(
    ['height', 'time_s', 'timestamp', 'txs', 'weight', 'mempool_after', 'censoring', 'htlc_locked_msat'],
    blocks.map((b, i) => [b.height, b.time / 1000, b.timestamp, b.txCount, b.weight, b.mempoolAfter, b.censoring ? 1 : 0, locked[i]]),
  );
}

/** Every channel event and transaction, one JSON object per line (`--trace`). */
export function eventsNdjson(run: RunRecords): string {
  const lines = [
    ...run.channelEvents.map((e) => ({ type: 'channel', ...e })),
    ...run.chain.txs.map((t) => ({ type: 'tx', ...t })),
  ];
  lines.sort((a, b) => ('time' in a ? a.time : a.submittedAt) - ('time' in b ? b.time : b.submittedAt));
  return lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '');
}
