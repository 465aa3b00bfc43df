/** Fixed-column CSV rows (STYLE: results written as fixed-column rows, like sim-ln). */
import type { ChannelEvent, PaymentRecord, RunRecords } from './records.js';

function cell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

export const PAYMENTS_HEADER = ['time_ms', 'from', 'to', 'amount_msat', 'status', 'reason', 'hops', 'fee_msat', 'latency_ms', 'attempts', 'route', 'payer_knows_r', 'parts'] as const;

/** One payments.csv line (no newline). */
export function paymentLine(p: PaymentRecord): string {
  return [p.time, p.from, p.to, p.amountMsat, p.status, p.reason, p.hops, p.feeMsat, p.latencyMs, p.attempts, p.route, p.payerKnowsR, p.parts].map(cell).join(',');
}

/** payments.csv from the rows kept in memory (the CLI streams the same lines as the run goes). */
export function paymentsCsv(run: RunRecords): string {
  return [PAYMENTS_HEADER.join(','), ...run.payments.map(paymentLine)].join('\n') + '\n';
}

/** One row per block: the chain's series over time. */
export function timelineCsv(run: RunRecords): string {
  const blocks = run.chain.blocks;
  const locked = run.stats.lockedAtBlock; // index 0 is time 0; block i is index i + 1
  return toCsv(
    ['height', 'time_s', 'timestamp', 'txs', 'weight', 'mempool_after', 'censoring', 'htlc_locked_msat'],
    blocks.map((b, i) => [b.height, b.time / 1000, b.timestamp, b.txCount, b.weight, b.mempoolAfter, b.censoring ? 1 : 0, locked[i + 1] ?? 0]),
  );
}

/** One events.ndjson line: a channel event as it happens. */
export function eventLine(e: ChannelEvent): string {
  return JSON.stringify({ type: 'channel', ...e });
}

/** The transactions part of events.ndjson, written after the run (a row is final only then). */
export function txLines(run: RunRecords): string[] {
  return run.chain.txs.map((t) => JSON.stringify({ type: 'tx', ...t }));
}

/** events.ndjson (`--trace`): every channel event in time order, then one row per transaction. */
export function eventsNdjson(run: RunRecords): string {
  const lines = [...run.channelEvents.map(eventLine), ...txLines(run)];
  return lines.join('\n') + (lines.length ? '\n' : '');
}
