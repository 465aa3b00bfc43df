/** `report.md` and the printed summary: the report as readable tables. */
import { formatMsat } from '../units.js';
import type { Report } from './summary.js';

function table(rows: readonly (readonly [string, string | number])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

/** A compact summary for the terminal. */
export function summaryText(report: Report): string {
  const p = report.payments;
  const c = report.chain;
  const pen = report.penalties;
  const lines = [
    `${report.scenario} (seed ${report.seed}): ${report.simulated.seconds} s simulated, ${report.simulated.blocks} blocks, ${report.simulated.events} events`,
    table([
      ['payments', `${p.succeeded}/${p.attempted} succeeded (${(p.successRate * 100).toFixed(1)}%)`],
      ['chain', `${c.transactions} confirmed, ${c.unconfirmed} waiting, peak mempool ${c.peakMempool}, delay p50 ${c.confirmationDelay.blocks.p50} / p99 ${c.confirmationDelay.blocks.p99} blocks`],
      ['channels', `${c.channelOpens} opened, ${c.cooperativeCloses} cooperative, ${c.unilateralCloses} unilateral, ${c.penaltyCloses} penalty closes`],
      ['penalties', `${pen.revokedBroadcasts} revoked broadcasts, ${pen.punished} punished (${formatMsat(pen.penaltyMsat)}), ${pen.unpunished} unpunished (${formatMsat(pen.stolenMsat)} stolen)`],
    ]),
  ];
  const balances = Object.entries(report.balances);
  if (balances.length > 0 && balances.length <= 20) {
    lines.push('  balances');
    lines.push(table(balances.map(([node, b]) => [`  ${node}`, `${formatMsat(b.startMsat)} → ${formatMsat(b.endMsat)}`])));
  }
  return lines.join('\n');
}

export function reportMarkdown(report: Report, description: string): string {
  const section = (title: string, obj: Record<string, unknown>): string =>
    [`## ${title}`, '', '| field | value |', '|---|---|', ...Object.entries(obj).map(([k, v]) => `| ${k} | ${typeof v === 'object' ? JSON.stringify(v) : String(v)} |`), ''].join('\n');
  const balances = ['## balances', '', '| node | start | end |', '|---|---|---|', ...Object.entries(report.balances).map(([n, b]) => `| ${n} | ${formatMsat(b.startMsat)} | ${formatMsat(b.endMsat)} |`), ''].join('\n');
  return [
    `# ${report.scenario}`,
    '',
    description,
    '',
    `Seed ${report.seed}; ${report.simulated.seconds} s simulated; ${report.simulated.blocks} blocks; ${report.simulated.events} events.`,
    '',
    section('payments', report.payments),
    section('liquidity', report.liquidity),
    section('penalties', report.penalties),
    section('chain', report.chain),
    balances,
    section('invariants', report.invariants),
  ].join('\n');
}
