/**
 * `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network) with
 * charts of throughput, locked liquidity and balances over time, markers for penalties and
 * closes, and the report's tables. Computed from the recorded rows, like every report.
 */
import type { RunRecords } from '../scenario/run.js';
import { formatMsat } from '../units.js';
import type { Report } from './summary.js';
import { escapeHtml, lineChart, type Marker } from './svg.js';

const MARKERS: Readonly<Record<string, { color: string; label: string }>> = {
  penalty: { color: '#d62728', label: 'penalty' },
  'cheat-succeeded': { color: '#9467bd', label: 'cheat succeeded' },
  cash: { color: '#ff7f0e', label: 'unilateral close' },
  'cooperative-close': { color: '#2ca02c', label: 'cooperative close' },
  settle: { color: '#ff7f0e', label: 'one-way settle' },
  refund: { color: '#ff7f0e', label: 'one-way refund' },
};

export function reportHtml(report: Report, run: RunRecords): string {
  const markers: Marker[] = run.stats.marked
    .filter((e) => MARKERS[e.kind])
    .map((e) => ({ x: e.time, color: MARKERS[e.kind]!.color, label: `${MARKERS[e.kind]!.label}: ${e.channel} by ${e.node} at height ${e.height}` }));
  const blockTimes = [0, ...run.chain.blocks.map((b) => b.time)];
  const charts = [throughputChart(run, blockTimes, markers), liquidityChart(run, blockTimes, markers), balancesChart(run, markers), chainChart(run, markers)];
  const failures = Object.entries(report.payments.failures);
  const events = run.stats.marked.filter((e) => MARKERS[e.kind]).slice(0, 100);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pcnsim · ${escapeHtml(report.scenario)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:900px;color:#222;padding:0 12px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}p.desc{color:#555;margin:0 0 16px}
table{border-collapse:collapse;margin:8px 0}td,th{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:12px 0}svg{width:100%;height:auto;background:#fcfcfc;border:1px solid #eee}
.title{font-weight:600;font-size:13px}.tick{font-size:10px;fill:#666}.axis{font-size:11px;fill:#444}
.grid{stroke:#eee}.series{fill:none;stroke-width:1.6}.marker{stroke-dasharray:4 3;stroke-width:1.2}
.legend span{display:inline-block;margin-right:12px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
.keys span{margin-right:14px;font-size:12px}.keys i{display:inline-block;width:14px;border-top:2px dashed;margin-right:4px;vertical-align:middle}
</style></head><body>
<h1>${escapeHtml(report.scenario)}</h1>
<p class="desc">${escapeHtml(run.description)}<br>seed ${report.seed} · ${report.simulated.seconds} s simulated · ${report.simulated.blocks} blocks · ${report.simulated.events} events</p>
<table>
${row('payments', `${report.payments.succeeded} of ${report.payments.attempted} succeeded (${(report.payments.successRate * 100).toFixed(1)}%), ${report.payments.throughputPerSec}/s, latency p50 ${report.payments.latencyMs.p50} ms`)}
${row('fees paid', formatMsat(report.payments.feesPaidMsat))}
${row('HTLC locked', `peak ${formatMsat(report.liquidity.htlcLockedPeakMsat)}, average ${formatMsat(report.liquidity.htlcLockedAvgMsat)}`)}
${row('penalties', `${report.penalties.revokedBroadcasts} revoked broadcasts, ${report.penalties.punished} punished (${formatMsat(report.penalties.penaltyMsat)}), ${report.penalties.unpunished} unpunished (${formatMsat(report.penalties.stolenMsat)} stolen)`)}
${row('chain', `${report.chain.transactions} confirmed, peak mempool ${report.chain.peakMempool}, ${report.chain.channelOpens} opens, ${report.chain.cooperativeCloses} cooperative / ${report.chain.unilateralCloses} unilateral / ${report.chain.penaltyCloses} penalty closes`)}
</table>
<p class="keys">${Object.values(MARKERS).filter((m, i, a) => a.findIndex((x) => x.label === m.label) === i).map((m) => `<span><i style="border-color:${m.color}"></i>${m.label}</span>`).join('')}</p>
${charts.join('\n')}
${failures.length ? `<h2>Payment failures</h2><table><tr><th>reason</th><th>count</th></tr>${failures.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td class="n">${v}</td></tr>`).join('')}</table>` : ''}
${events.length ? `<h2>Closes and penalties</h2><table><tr><th>time</th><th>height</th><th>channel</th><th>event</th><th>by</th><th>amount</th></tr>${events.map((e) => `<tr><td>${(e.time / 1000).toFixed(0)} s</td><td class="n">${e.height}</td><td>${escapeHtml(e.channel)}</td><td>${escapeHtml(MARKERS[e.kind]!.label)}</td><td>${escapeHtml(e.node)}</td><td class="n">${e.amountMsat === undefined ? '' : escapeHtml(formatMsat(e.amountMsat))}</td></tr>`).join('')}</table>` : ''}
<h2>Balances</h2>
<table><tr><th>node</th><th>start</th><th>end</th></tr>${Object.entries(report.balances).slice(0, 50).map(([n, b]) => `<tr><td>${escapeHtml(n)}</td><td class="n">${escapeHtml(formatMsat(b.startMsat))}</td><td class="n">${escapeHtml(formatMsat(b.endMsat))}</td></tr>`).join('')}</table>
</body></html>
`;
}

function row(label: string, value: string): string {
  return `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

/** Successful payments per block interval. */
function throughputChart(run: RunRecords, blockTimes: readonly number[], markers: readonly Marker[]): string {
  const points = blockTimes.map((t, i) => [t, run.stats.completedPerBlock[i] ?? 0] as const);
  return lineChart({ title: 'Throughput: payments completed per block interval', xLabel: 'simulated time', yLabel: 'payments', series: [{ name: 'payments', points }], markers });
}

function liquidityChart(run: RunRecords, blockTimes: readonly number[], markers: readonly Marker[]): string {
  return lineChart({
    title: 'Locked liquidity: value in HTLCs when each block is mined',
    xLabel: 'simulated time',
    yLabel: 'locked',
    series: [{ name: 'HTLCs in flight', points: blockTimes.map((t, i) => [t, run.stats.lockedAtBlock[i] ?? 0] as const) }],
    markers,
    formatY: formatMsat,
  });
}

function balancesChart(run: RunRecords, markers: readonly Marker[]): string {
  const { nodes, samples } = run.balanceSeries;
  const series = nodes.map((name, i) => ({ name, points: samples.map((s) => [s.time, s.values[i]!] as const) }));
  const shown = nodes.length < Object.keys(run.balances).length ? ` (first ${nodes.length} nodes)` : '';
  return lineChart({ title: `Balances over time${shown}: on-chain coins + channel sides + bonds`, xLabel: 'simulated time', yLabel: 'balance', series, markers, formatY: formatMsat });
}

function chainChart(run: RunRecords, markers: readonly Marker[]): string {
  const points = run.chain.blocks.map((b) => [b.time, b.mempoolAfter] as const);
  return lineChart({ title: 'Chain: mempool after each block', xLabel: 'simulated time', yLabel: 'transactions waiting', series: [{ name: 'mempool', points }], markers });
}
