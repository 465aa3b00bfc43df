/**
 * `report.html`: one self-contained page (ECharts and the data inlined; no network) with the
 * run's headline figures, its series over time on fixed bins (payments, locked liquidity,
 * holdings, the busiest channels' liquidity, the chain), a picture of the network, the
 * payments' distributions and the per-channel, per-node and event tables. Every chart links
 * to the CSV file beside the page that holds its data. Computed from the recorded rows.
 */
import type { RunRecords } from './records.js';
import { reportContext } from './context.js';
import { crossChainHtml } from './crossChainHtml.js';
import { privacyHtml } from './privacy.js';
import { distributionCharts } from './charts/distCharts.js';
import { networkChart } from './charts/networkChart.js';
import { chainChart, holdingsChart, liquidityChart, lockedChart, throughputChart } from './charts/timeCharts.js';
import { binLabel, count } from './format.js';
import { escapeHtml, figure, htmlPage, htmlTable } from './page/page.js';
import type { Report } from './summary.js';
import { balancesTable, channelsTable, eventsTable, failuresTable, runLine, summaryRows, type Table } from './tables.js';

/** Files written beside report.html (write.ts), listed on the page. */
export const REPORT_FILES: readonly [string, string][] = [
  ['report.json', 'every figure, machine-readable (pcnsim.report/1)'],
  ['report.md', 'the tables as Markdown'],
  ['series.csv', 'one row per time bin: payments by outcome, fees, value locked in HTLCs, height'],
  ['channels.csv', 'one row per channel: balances, payments carried, fees earned, HTLC slot peak, failures, close'],
  ['nodes.csv', 'one row per node: holdings, payments, fees paid and earned, penalties'],
  ['holdings.csv', 'the largest nodes’ holdings per time bin'],
  ['liquidity.csv', 'each channel’s balances whenever they changed (per time bin)'],
  ['distributions.csv', 'histograms of amounts, fees and hops; latency CDF'],
  ['timeline.csv', 'one row per block'],
  ['payments.csv', 'one row per payment'],
];

/** Written with `privacy:` only. */
const PRIVACY_FILES: readonly [string, string][] = [
  ['hop-views.csv', 'what each hop read from its onion, one row per hop of each payment'],
  ['privacy.csv', 'per coalition and payment: the payee and payer candidates it was left with'],
];

/** At most this many blocks go into the page for the block-height axis (then one per time bin). */
const MAX_BLOCKS_INLINE = 5000;

function tableHtml(t: Table): string {
  return htmlTable(t.header, t.rows, t.numeric);
}

export function reportHtml(report: Report, run: RunRecords): string {
  const ctx = reportContext(report, run);
  const p = report.payments;
  const channels = channelsTable(run, 20, ctx.name);
  // A run of swaps, state or virtual channels with no payment channel: no empty network charts.
  const hasChannels = !run.crossChain || channels.total > 0;
  const charts = {
    time: hasChannels ? [throughputChart(ctx), lockedChart(ctx), holdingsChart(ctx), ...(p.succeeded > 0 ? [liquidityChart(ctx)] : []), chainChart(ctx)] : [chainChart(ctx)],
    network: networkChart(ctx),
    dist: p.attempted > 0 ? distributionCharts(ctx) : [],
  };
  const balances = balancesTable(report, 50, ctx.name);
  const events = eventsTable(run, 100, ctx.name);
  const body = `<h1>${escapeHtml(report.scenario)}</h1>
<p class="desc">${escapeHtml(run.description)}<br>seed ${report.seed} · ${escapeHtml(runLine(report))} · bins of ${escapeHtml(binLabel(run.stats.bins.widthMs))}</p>
${htmlTable(['', ''], summaryRows(report))}
${run.crossChain ? `${crossChainHtml(report, run.crossChain, run.simulatedMs)}\n` : ''}<h2>Over time</h2>
<p class="note">Scroll or drag the slider to zoom; hover for values; click a legend entry to hide it. The upper axis gives the block height at each time.</p>
${charts.time.map(figure).join('\n')}
${hasChannels ? `<h2>The network</h2>\n${figure(charts.network)}\n` : ''}${charts.dist.length ? `<h2>Distributions</h2><div class="grid2">${charts.dist.map(figure).join('\n')}</div>` : ''}
${p.failed ? `<h2>Payment failures</h2>${tableHtml(failuresTable(report))}` : ''}
${report.privacy ? privacyHtml(report.privacy, run.aliases) : ''}
${hasChannels ? `<h2>Channels</h2>
<p class="note">${channels.total > channels.rows.length ? `The ${channels.rows.length} channels that carried the most payments, of ${count(channels.total, 'channel')}; every one is in` : 'Every channel; also in'} <a href="channels.csv">channels.csv</a>. End balances are each side’s share of the newest sheet (at the close for a closed channel).</p>
${tableHtml(channels)}
` : ''}${events.rows.length ? `<h2>Closes and penalties</h2>${run.stats.marked.length > events.rows.length ? `<p class="note">The first ${events.rows.length}.</p>` : ''}${tableHtml(events)}` : ''}
<h2>Holdings</h2>
<p class="note">${balances.total > balances.shown ? `The ${balances.shown} nodes whose holdings changed most, of ${count(balances.total, 'node')}; every one is in` : 'What each node held at the start and at the end (on-chain coins + channel sides + frozen bonds); also in'} <a href="nodes.csv">nodes.csv</a> with fees and penalties.</p>
<div class="scroll">${tableHtml(balances)}</div>
<h2>Files</h2>
${htmlTable(['file', 'holds'], [...REPORT_FILES, ...(report.privacy ? PRIVACY_FILES : [])].map(([f, d]) => [f, d])).replace(/<td>([a-z.-]+\.(?:json|md|csv))<\/td>/g, '<td><a href="$1">$1</a></td>')}
`;
  return htmlPage({ title: `pcnsim · ${report.scenario}`, body, blocks: blockAxis(run) });
}

/** [time, height] of every block, or of the block at the end of each time bin for long runs. */
function blockAxis(run: RunRecords): [number, number][] {
  const blocks = run.chain.blocks;
  if (blocks.length <= MAX_BLOCKS_INLINE) return blocks.map((b) => [b.time, b.height]);
  const out: [number, number][] = [];
  const { widthMs } = run.stats.bins;
  let nextBin = 0;
  for (const b of blocks) {
    if (b.time < nextBin) continue;
    out.push([b.time, b.height]);
    nextBin = (Math.floor(b.time / widthMs) + 1) * widthMs;
  }
  return out;
}
