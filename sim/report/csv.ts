/** Fixed-column CSV rows (STYLE: results written as fixed-column rows, like sim-ln). */
import type { RunRecords } from '../scenario/run.js';

function cell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

export function paymentsCsv(run: RunRecords): string {
  return toCsv(
    ['time_ms', 'from', 'to', 'amount_msat', 'status', 'reason', 'channel', 'hops', 'fee_msat'],
    run.payments.map((p) => [p.time, p.from, p.to, p.amountMsat, p.status, p.reason, p.channel, p.hops, p.feeMsat]),
  );
}

/** One row per block: the chain's series over time. */
export function timelineCsv(run: RunRecords): string {
  return toCsv(
    ['height', 'time_s', 'timestamp', 'txs', 'weight', 'mempool_after', 'censoring'],
    run.chain.blocks.map((b) => [b.height, b.time / 1000, b.timestamp, b.txCount, b.weight, b.mempoolAfter, b.censoring ? 1 : 0]),
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
