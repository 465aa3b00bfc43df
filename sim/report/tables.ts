/**
 * The report's tables for people, shared by report.md, report.html and the console summary:
 * readable numbers (grouped digits, one money unit per column, durations as `2d 0h`, plurals).
 */
import { amountOf, type RunRecords } from './records.js';
import type { ChannelState } from './channelLedger.js';
import { count, displayName, formatDuration, groupDigits, money, moneyColumn, naturalCompare, percent, perSecond, unitFor } from './format.js';
import { markLabel } from './charts/common.js';
import type { Report } from './summary.js';

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns holding numbers (right-aligned). */
  readonly numeric: ReadonlySet<number>;
}

/** "2d 0h simulated, 288 blocks, 12,345 events". */
export function runLine(report: Report): string {
  return `${formatDuration(report.simulated.seconds * 1000)} simulated, ${count(report.simulated.blocks, 'block')}, ${count(report.simulated.events, 'event')}`;
}

export function failuresText(failures: Readonly<Record<string, number>>): string {
  const entries = Object.entries(failures).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return entries.length ? entries.map(([reason, n]) => `${reason} ${groupDigits(n)}`).join(', ') : 'none';
}

/** The headline figures as [label, value] rows. */
export function summaryRows(report: Report): [string, string][] {
  const p = report.payments;
  const l = report.liquidity;
  const pen = report.penalties;
  const c = report.chain;
  const latency = p.succeeded - p.direct > 0 ? `routed payments: p50 ${groupDigits(p.latencyRoutedMs.p50)} ms, p90 ${groupDigits(p.latencyRoutedMs.p90)} ms, p99 ${groupDigits(p.latencyRoutedMs.p99)} ms` : 'no routed payment';
  const direct = p.direct ? ` (${count(p.direct, 'direct payment')} between neighbours, one update each)` : '';
  const active = p.succeeded === 0 ? '—' : p.throughputActivePerSec === 0 ? `every payment ended at ${formatDuration(p.activePeriod.endSeconds * 1000)}; ${perSecond(p.throughputPerSec)} over the whole run` : p.succeeded ? `${perSecond(p.throughputActivePerSec)} while payments ran (${formatDuration(p.activePeriod.startSeconds * 1000)} – ${formatDuration(p.activePeriod.endSeconds * 1000)}), ${perSecond(p.throughputPerSec)} over the whole run` : '—';
  return [
    ['payments', `${groupDigits(p.succeeded)} of ${count(p.attempted, 'payment')} succeeded (${percent(p.successRate)})`],
    ['failures', failuresText(p.failures)],
    ['throughput', active],
    ['latency', latency + direct],
    ['fees paid', `${money(p.feesPaidMsat)}; ${Number(p.avgHops.toFixed(2))} ${p.avgHops === 1 ? 'hop' : 'hops'} per succeeded payment on average`],
    ['channel capacity', money(l.channelCapacityMsat)],
    ['locked in HTLCs', `peak ${money(l.htlcLockedPeakMsat)}, time-weighted average ${money(l.htlcLockedAvgMsat)}`],
    ['bonds frozen', `peak ${money(l.bondsFrozenPeakMsat)}`],
    ['penalties', `${count(pen.revokedBroadcasts, 'revoked broadcast')}: ${groupDigits(pen.punished)} punished (${money(pen.penaltyMsat)} taken), ${groupDigits(pen.unpunished)} unpunished (${money(pen.stolenMsat)} stolen)`],
    ['chain', `${count(c.transactions, 'transaction')} confirmed, ${groupDigits(c.unconfirmed)} waiting at the end, peak mempool ${groupDigits(c.peakMempool)}; confirmation delay p50 ${count(c.confirmationDelay.blocks.p50, 'block')}, p99 ${count(c.confirmationDelay.blocks.p99, 'block')}`],
    ['channels', `${groupDigits(c.channelOpens)} opened; closes: ${groupDigits(c.cooperativeCloses)} cooperative, ${groupDigits(c.unilateralCloses)} unilateral, ${groupDigits(c.penaltyCloses)} by penalty; ${count(c.htlcTimeouts, 'HTLC timeout')} on chain`],
    ['invariants', `funds conserved: ${report.invariants.fundsConserved ? 'yes' : 'NO'} (${count(report.invariants.checks, 'check')})`],
  ];
}

function table(header: string[], rows: string[][], numeric: number[]): Table {
  return { header, rows, numeric: new Set(numeric) };
}

/** Columns of money: each formatted in one unit chosen for the column (named in the header). */
function moneyColumns(values: readonly (readonly number[])[]): { unitNames: string[]; cells: string[][] } {
  const columns = values[0]?.map((_, i) => values.map((r) => r[i]!)) ?? [];
  const units = columns.map((col) => unitFor(col));
  const formatted = columns.map((col, i) => moneyColumn(col, units[i]));
  return { unitNames: units, cells: values.map((_, r) => formatted.map((col) => col[r]!)) };
}

/** Start and end holdings of up to `limit` nodes: the largest changes first when there are more. */
export function balancesTable(report: Report, limit = 50, name: (n: string) => string = displayName): Table & { shown: number; total: number } {
  let entries = Object.entries(report.balances);
  const total = entries.length;
  if (total > limit) entries = entries.sort(([a, x], [b, y]) => Math.abs(y.endMsat - y.startMsat) - Math.abs(x.endMsat - x.startMsat) || naturalCompare(a, b)).slice(0, limit);
  entries.sort(([a], [b]) => naturalCompare(a, b));
  const m = moneyColumns(entries.map(([, b]) => [b.startMsat, b.endMsat, b.endMsat - b.startMsat]));
  const [su, eu, cu] = m.unitNames;
  return { ...table(['node', `start (${su ?? 'sat'})`, `end (${eu ?? 'sat'})`, `change (${cu ?? 'sat'})`], entries.map(([n], i) => [name(n), ...m.cells[i]!]), [1, 2, 3]), shown: entries.length, total };
}

/** The channels that carried the most payments (then the largest), at most `limit`. */
export function channelsTable(run: RunRecords, limit = 20, name: (n: string) => string = displayName): Table & { total: number } {
  const all = [...run.stats.ledger.channels.values()];
  const shown = all.sort((a, b) => b.carried - a.carried || b.capacityMsat - a.capacityMsat || (a.info.id < b.info.id ? -1 : 1)).slice(0, limit);
  const m = moneyColumns(shown.map((c) => [c.capacityMsat, c.balance[0], c.balance[1], c.feesEarnedMsat]));
  const [cap, a, b, fee] = m.unitNames;
  const rows = shown.map((c, i) => [c.info.id.length > 24 ? `${c.info.id.slice(0, 22)}…` : c.info.id, `${name(c.info.between[0])}\u00a0–\u00a0${name(c.info.between[1])}`, m.cells[i]![0]!, `${m.cells[i]![1]} / ${m.cells[i]![2]}`, groupDigits(c.carried), m.cells[i]![3]!, groupDigits(c.htlcSlotPeak), groupDigits(c.failuresCaused), closeText(c)]);
  const endUnit = a === b ? a : `${a} / ${b}`;
  return { ...table(['channel', 'nodes', `capacity (${cap})`, `end balances (${endUnit})`, 'payments carried', `fees earned (${fee})`, 'HTLC slots peak', 'failures caused', 'closed'], rows, [2, 3, 4, 5, 6, 7]), total: all.length };
}

function closeText(c: ChannelState): string {
  if (!c.close) return 'open';
  const how = c.close.kind === 'unilateral' ? `unilateral by ${displayName(c.close.by)}` : `${c.close.kind} by ${displayName(c.close.by)}`;
  return `${how} at ${formatDuration(c.close.timeMs)} (#${groupDigits(c.close.height)})${c.close.outcome ? `, then ${c.close.outcome}` : ''}`;
}

/** Closes and penalties in time order, at most `limit`. */
export function eventsTable(run: RunRecords, limit = 100, name: (n: string) => string = displayName): Table {
  const events = run.stats.marked.slice(0, limit);
  const amounts = events.map((e) => amountOf(e) ?? 0);
  const unit = unitFor(amounts);
  const cells = moneyColumn(amounts, unit);
  return table(['time', 'height', 'channel', 'event', 'by', `amount (${unit})`], events.map((e, i) => [formatDuration(e.time), `#${groupDigits(e.height)}`, e.channel, markLabel(e.kind), name(e.node), amountOf(e) === undefined ? '' : cells[i]!]), [1, 5]);
}

export function failuresTable(report: Report): Table {
  const entries = Object.entries(report.payments.failures).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return table(['reason', 'payments', 'share of attempts'], entries.map(([r, n]) => [r, groupDigits(n), percent(n / Math.max(1, report.payments.attempted))]), [1, 2]);
}
