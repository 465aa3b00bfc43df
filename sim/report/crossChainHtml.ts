/**
 * report.html's sections for what lives beside the payment network (issue 20): every chain, the
 * atomic swaps between them, the malleability stories, state channels and virtual channels. Each
 * section appears only when the run has it, so one-chain pages keep their bytes. The figures are
 * the report's (crossChain.ts), the rows the run's records.
 */
import type { CrossChainRecords } from './records.js';
import type { Report } from './summary.js';
import { chainHeightsChart, lightningTimelineChart, swapTimelineChart, virtualBalanceChart } from './charts/crossChainCharts.js';
import { count, formatDuration, groupDigits, moneyColumn, unitFor } from './format.js';
import { figure, htmlTable } from './page/page.js';

/** At most this many steps per event list (the rest are in report.json's records). */
const MAX_STEPS = 200;

/** A table whose numeric columns are listed; money columns share one unit, named in the header. */
function table(header: string[], rows: string[][], numeric: number[]): string {
  return htmlTable(header, rows, new Set(numeric));
}

/** One money column: values in one unit, the unit appended to `label`. */
function moneyCells(label: string, msat: readonly number[]): { label: string; cells: string[] } {
  const unit = unitFor(msat);
  return { label: `${label} (${unit})`, cells: moneyColumn(msat, unit) };
}

/** Time-ordered "when · who · what" steps as a table (the first MAX_STEPS). */
function stepsTable(steps: readonly { time: number; node: string; what: string; channel?: string }[], withChannel: boolean): string {
  const shown = steps.slice(0, MAX_STEPS);
  const more = steps.length > shown.length ? `<p class="note">The first ${shown.length} of ${count(steps.length, 'step')}.</p>` : '';
  const header = withChannel ? ['time', 'channel', 'node', 'what'] : ['time', 'node', 'what'];
  const rows = shown.map((s) => (withChannel ? [formatDuration(s.time), s.channel ?? '', s.node, s.what] : [formatDuration(s.time), s.node, s.what]));
  return more + table(header, rows, [0]);
}

function chainsSection(report: Report, x: CrossChainRecords, endMs: number): string {
  const chains = report.chains!;
  const names = Object.keys(chains);
  const fees = moneyCells('fees', names.map((n) => chains[n]!.feesMsat));
  const rows = names.map((n, i) => {
    const c = chains[n]!;
    return [n, formatDuration(c.blockIntervalSeconds * 1000), groupDigits(c.blocks), groupDigits(c.endHeight), groupDigits(c.transactions), groupDigits(c.dropped), fees.cells[i]!, groupDigits(c.peakMempool), `${c.fundsConserved ? 'yes' : 'NO'} (${count(c.checks, 'check')})`];
  });
  const wallets = names.flatMap((n) => Object.entries(chains[n]!.wallets).map(([node, w]) => ({ chain: n, node, ...w })));
  const start = moneyCells('start', wallets.map((w) => w.startMsat));
  const end = moneyCells('end', wallets.map((w) => w.endMsat));
  const walletTable = wallets.length
    ? `<h3>Holdings on the extra chains</h3>
<p class="note">What each node held on a chain other than the default one (its coins there plus its side of each channel there); amounts in that chain’s own coin (a chain’s msat is not another’s).</p>
${table(['chain', 'node', start.label, end.label], wallets.map((w, i) => [w.chain, w.node, start.cells[i]!, end.cells[i]!]), [2, 3])}`
    : '';
  return `<h2>Chains</h2>
<p class="note">${count(names.length, 'chain')} on one clock, each with its own blocks, mempool, fees and ledger; funds are conserved on each chain alone (money never moves between chains).${names.length > 1 ? ` The summary above and the sections from “Over time” on count the default chain, ${names[0]}, only; the other chains’ holdings are below.` : ''}</p>
${table(['chain', 'block interval', 'blocks', 'end height', 'confirmed', 'dropped', fees.label, 'peak mempool', 'funds conserved'], rows, [2, 3, 4, 5, 6, 7])}
${figure(chainHeightsChart(x, endMs))}
${walletTable}`;
}

function swapsSection(report: Report, x: CrossChainRecords, endMs: number): string {
  const s = report.swaps!;
  const gains = [...s.rows.map((r) => r.initiatorGainMsat), ...s.rows.map((r) => r.responderGainMsat)];
  const unit = unitFor(gains);
  const col = moneyColumn(gains, unit);
  const rows = s.rows.map((r, i) => [r.id, r.initiator, r.responder, r.outcome, r.tx1, r.tx3, String(r.valuationPrice), col[i]!, col[s.rows.length + i]!]);
  const outcomes = `${groupDigits(s.completed)} completed, ${groupDigits(s.unwound)} unwound, ${groupDigits(s.initiatorTookBoth)} where the initiator took both, ${groupDigits(s.responderTookBoth)} where the responder took both, ${groupDigits(s.pending)} pending at the end`;
  const events = x.swapEvents.slice(0, MAX_STEPS).map((e) => [formatDuration(e.time), e.swap, e.chain, e.node, e.step, e.tx ?? '', e.detail ?? '']);
  return `<h2>Atomic swaps</h2>
<p class="note">${count(s.started, 'swap')}: ${outcomes}. TX1 locks the initiator’s coins (refund TX2), TX3 the responder’s (refund TX4); a claim reveals the secret x. Gains are valued in the initiator’s coin at the price where it decided, fees included.</p>
${table(['swap', 'initiator', 'responder', 'outcome', 'TX1', 'TX3', 'price', `initiator gain (${unit})`, `responder gain (${unit})`], rows, [6, 7, 8])}
${figure(swapTimelineChart(x, endMs))}
<h3>Step by step</h3>
${x.swapEvents.length > events.length ? `<p class="note">The first ${events.length} of ${count(x.swapEvents.length, 'step')}.</p>` : ''}
${table(['time', 'swap', 'chain', 'node', 'step', 'tx', 'detail'], events, [0])}`;
}

function lightningSwapsSection(report: Report, x: CrossChainRecords, endMs: number): string {
  const l = report.lightningSwaps!;
  const expiry = (height: number, dueMs: number): string => `#${groupDigits(height)} (${formatDuration(dueMs)})`;
  const paid = moneyCells('paid', l.rows.map((r) => r.payMsat));
  const received = moneyCells('received', l.rows.map((r) => r.receiveMsat));
  const rows = l.rows.map((r, i) => [r.id, `${r.payer} → ${r.exchange} → ${r.payee}`, r.outcome, paid.cells[i]!, received.cells[i]!, expiry(r.payExpiryHeight, r.payExpiryDueMs), expiry(r.receiveExpiryHeight, r.receiveExpiryDueMs), `${r.payLeg} / ${r.receiveLeg}`]);
  const outcomes = `${groupDigits(l.completed)} completed, ${groupDigits(l.unwound)} unwound, ${groupDigits(l.refused)} refused by the exchange, ${groupDigits(l.exchangeLost)} where the exchange lost, ${groupDigits(l.payerLost)} where the payer lost, ${groupDigits(l.pending)} pending at the end`;
  const steps = x.lightningSwapEvents.slice(0, MAX_STEPS).map((e) => [formatDuration(e.time), e.swap, e.chain, e.node, e.what]);
  return `<h2>Swaps over Lightning</h2>
<p class="note">${count(l.started, 'swap')}: ${outcomes}. The payer’s HTLC to the exchange and the exchange’s HTLC to the payee carry the payee’s one hash lock; the leg toward the payee, who knows R, must expire first (expiry blocks of each chain, due times compared across block intervals). Amounts in each leg’s own coin.</p>
${table(['swap', 'route', 'outcome', paid.label, received.label, 'payer’s HTLC expiry', 'exchange’s HTLC expiry', 'legs (pay / receive)'], rows, [3, 4])}
${figure(lightningTimelineChart(x, endMs))}
<h3>Step by step</h3>
${x.lightningSwapEvents.length > steps.length ? `<p class="note">The first ${steps.length} of ${count(x.lightningSwapEvents.length, 'step')}.</p>` : ''}
${table(['time', 'swap', 'chain', 'node', 'what'], steps, [0])}`;
}

function malleabilitySection(report: Report, x: CrossChainRecords): string {
  const m = report.malleability!;
  const rows: [string, string][] = [
    ['confirmed under a re-encoded id', groupDigits(m.reencodedConfirmed)],
    ['withdrawals confirmed', groupDigits(m.withdrawalsConfirmed)],
    ['pre-signed refund void (its input never exists)', m.refundVoid ? 'yes' : 'no'],
    ['refunds confirmed', groupDigits(m.refundsConfirmed)],
  ];
  return `<h2>Malleability</h2>
<p class="note">Without segregated witness a transaction’s id covers its signatures, and a relayer or miner may re-encode one (s → n − s) before inclusion: the same payment confirms under another id (marked <code>'</code>).</p>
${table(['', ''], rows, [1])}
<h3>Step by step</h3>
${stepsTable(x.malleabilityEvents, false)}`;
}

function stateChannelsSection(report: Report, x: CrossChainRecords): string {
  const s = report.stateChannels!;
  const parties = s.rows.flatMap((r) => Object.keys(r.paidMsat).map((node) => ({ r, node })));
  const paid = moneyCells('paid out', parties.map(({ r, node }) => r.paidMsat[node] ?? 0));
  const fees = moneyCells('fees', parties.map(({ r, node }) => r.feesMsat[node] ?? 0));
  const rows = parties.map(({ r, node }, i) => [r.id, r.phase, r.finalVersion === undefined ? '—' : String(r.finalVersion), r.closedBy ?? 'open', groupDigits(r.onChainMoves), groupDigits(r.disputes), node, paid.cells[i]!, fees.cells[i]!]);
  return `<h2>State channels</h2>
<p class="note">${count(s.opened, 'channel')} opened: ${groupDigits(s.concluded)} concluded off chain, ${groupDigits(s.finalized)} finalized on chain after a challenge period; ${count(s.disputes, 'dispute')}, ${count(s.onChainMoves, 'move')} forced on chain. The newest co-signed version wins a dispute.</p>
${table(['channel', 'phase', 'final version', 'closed by', 'on-chain moves', 'disputes', 'party', paid.label, fees.label], rows, [2, 4, 5, 7, 8])}
<h3>Step by step</h3>
${stepsTable(x.stateChannelEvents, true)}`;
}

function virtualChannelsSection(x: CrossChainRecords, endMs: number): string {
  const collateral = moneyCells('intermediary collateral', x.virtualChannels.map((v) => v.intermediaryCollateralMsat));
  const rows = x.virtualChannels.map((v, i) => [
    v.id,
    v.finalVersion === undefined ? '—' : String(v.finalVersion),
    `${groupDigits(v.paymentsSucceeded)} of ${groupDigits(v.paymentsSucceeded + v.paymentsFailed)}`,
    groupDigits(v.paidWhileIntermediaryOffline),
    `${v.alphaClosedBy}, ${v.betaClosedBy}`,
    collateral.cells[i]!,
    `${groupDigits(Math.round(v.intermediaryLockedMsatSeconds / 1000 / 3600))} sat·h`,
  ]);
  return `<h2>Virtual channels</h2>
<p class="note">Perun virtual channels over two ledger channels (α, β) with one intermediary: the ends pay each other with no message to it (it may be offline); it locks collateral in both ledger channels for the virtual channel’s life.</p>
${table(['channel', 'final version', 'paid', 'while intermediary offline', 'α, β closed', collateral.label, 'collateral × time'], rows, [1, 2, 3, 5, 6])}
${x.virtualChannels.filter((v) => v.payments.length > 0).map((v) => figure(virtualBalanceChart(v, endMs))).join('\n')}
<h3>Step by step</h3>
${stepsTable(x.virtualChannelEvents, true)}`;
}

/** The sections this run has, in page order (empty for a run without `chains:` and friends). */
export function crossChainHtml(report: Report, x: CrossChainRecords, endMs: number): string {
  return [
    chainsSection(report, x, endMs),
    x.swaps.length ? swapsSection(report, x, endMs) : '',
    report.lightningSwaps ? lightningSwapsSection(report, x, endMs) : '',
    report.malleability ? malleabilitySection(report, x) : '',
    report.stateChannels ? stateChannelsSection(report, x) : '',
    x.virtualChannels.length ? virtualChannelsSection(x, endMs) : '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}
