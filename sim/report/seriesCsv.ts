/**
 * The data behind the report's charts, one CSV per chart family (raw integers: msat, ms):
 * series.csv (one row per time bin: payments by outcome, fees, value locked in HTLCs, chain
 * height), holdings.csv (the largest nodes per bin), liquidity.csv (each channel that carried a
 * payment, per bin where its balance changed) and distributions.csv (the log-binned histograms
 * of amounts, fees and hops; the routed payments' latency CDF).
 */
import type { RunRecords } from './records.js';
import { toCsv } from './csv.js';
import { logBinStart, sortedCdf } from './distributions.js';

/** The chain height at the end of each bin (blocks are in time order). */
function heightsAtBinEnds(run: RunRecords): number[] {
  const { widthMs, count } = run.stats.bins;
  const out: number[] = [];
  let i = 0;
  let height = run.startHeight;
  for (let b = 0; b < count; b++) {
    const end = (b + 1) * widthMs;
    while (i < run.chain.blocks.length && run.chain.blocks[i]!.time < end) height = run.chain.blocks[i++]!.height;
    out.push(height);
  }
  return out;
}

export function seriesCsv(run: RunRecords): string {
  const st = run.stats;
  const { widthMs, count } = st.bins;
  const reasons = [...st.failedPerBin.keys()].sort();
  const means = st.locked.means(run.simulatedMs);
  const heights = heightsAtBinEnds(run);
  const rows = [];
  for (let b = 0; b < count; b++) {
    rows.push([
      b * widthMs, Math.min(run.simulatedMs, (b + 1) * widthMs), heights[b],
      st.succeededPerBin[b], ...reasons.map((r) => st.failedPerBin.get(r)![b]), st.feesPerBin[b],
      st.locked.min[b], st.locked.max[b], st.locked.last[b], Math.round(means[b]!),
    ]);
  }
  const header = ['bin_start_ms', 'bin_end_ms', 'height_at_end', 'succeeded', ...reasons.map((r) => `failed_${r}`), 'fees_paid_msat',
    'htlc_locked_min_msat', 'htlc_locked_max_msat', 'htlc_locked_end_msat', 'htlc_locked_mean_msat'];
  return toCsv(header, rows);
}

export function holdingsCsv(run: RunRecords): string {
  const st = run.stats;
  const { widthMs, count } = st.bins;
  const nodes = [...st.holdings.keys()];
  const rows = [];
  for (let b = 0; b < count; b++) {
    const row: (string | number)[] = [Math.min(run.simulatedMs, (b + 1) * widthMs)];
    for (const n of nodes) {
      const env = st.holdings.get(n)!;
      row.push(env.last[b]!, env.min[b]!, env.max[b]!);
    }
    rows.push(row);
  }
  return toCsv(['bin_end_ms', ...nodes.flatMap((n) => [`${n}_end_msat`, `${n}_min_msat`, `${n}_max_msat`])], rows);
}

export function liquidityCsv(run: RunRecords): string {
  const { widthMs } = run.stats.bins;
  const rows: (string | number)[][] = [];
  for (const c of run.stats.ledger.channels.values()) {
    if (c.carried === 0) continue;
    rows.push([c.info.id, 0, c.info.deposit[0], c.info.deposit[1]]);
    for (let k = 0; k < c.history.length; k += 2) {
      const a = c.history[k + 1]!;
      rows.push([c.info.id, Math.min(run.simulatedMs, (c.history[k]! + 1) * widthMs), a, c.capacityMsat - a]);
    }
  }
  return toCsv(['channel', 'time_ms', 'balance_a_msat', 'balance_b_msat'], rows);
}

export function distributionsCsv(run: RunRecords): string {
  const d = run.stats.distributions;
  const rows: (string | number)[][] = [];
  for (let k = 0; k < d.attemptedByAmount.length; k++) {
    const [lo, hi] = [Math.ceil(logBinStart(k)), Math.ceil(logBinStart(k + 1)) - 1];
    if (d.attemptedByAmount[k]) rows.push(['amount_msat', lo, hi, d.attemptedByAmount[k]!, d.succeededByAmount[k]!, '']);
    if (d.fees[k]) rows.push(['fee_msat', lo, hi, d.fees[k]!, d.fees[k]!, '']);
  }
  d.hops.forEach((n, h) => n && rows.push(['hops', h, h, n, n, '']));
  for (const [ms, fraction] of sortedCdf(run.stats.sortedRoutedLatencies(), 1000)) rows.push(['latency_ms', ms, ms, '', '', fraction]);
  return toCsv(['quantity', 'low', 'high', 'payments', 'succeeded', 'fraction_at_most'], rows);
}
