/** `report.md` and the printed summary: the report as readable tables (tables.ts). */
import type { RunRecords } from './records.js';
import { count, formatDuration, groupDigits } from './format.js';
import { REPORT_FILES } from './html.js';
import type { Report } from './summary.js';
import { privacyMarkdown } from './privacy.js';
import { balancesTable, channelsTable, eventsTable, failuresTable, failuresText, runLine, summaryRows, type Table } from './tables.js';

/** A compact summary for the terminal: aligned label/value lines. */
export function summaryText(report: Report): string {
  const rows = summaryRows(report).filter(([k]) => k !== 'channel capacity' && k !== 'invariants' && k !== 'bonds frozen');
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [`${report.scenario} (seed ${report.seed}): ${runLine(report)}`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
  const balances = balancesTable(report, 20);
  if (balances.total > 0) {
    lines.push(`  balances${balances.total > balances.shown ? ` (the ${balances.shown} largest changes of ${count(balances.total, 'node')})` : ''}:`);
    const t = textTable(balances);
    lines.push(...t.map((l) => `    ${l}`));
  }
  return lines.join('\n');
}

/** A plain-text table: first column left-aligned, numeric columns right-aligned. */
function textTable(t: Table): string[] {
  const widths = t.header.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (t.numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(t.header), ...t.rows.map(line)];
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function mdTable(t: Table): string {
  const align = t.header.map((_, i) => (t.numeric.has(i) ? '---:' : '---'));
  return [`| ${t.header.map(mdCell).join(' | ')} |`, `| ${align.join(' | ')} |`, ...t.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}

export function reportMarkdown(report: Report, run: RunRecords): string {
  const summary: Table = { header: ['', ''], rows: summaryRows(report), numeric: new Set() };
  const channels = channelsTable(run, 20);
  const balances = balancesTable(report, 50);
  const events = eventsTable(run, 100);
  const c = report.chain;
  const sections = [
    `# ${report.scenario}`,
    '',
    run.description,
    '',
    `Seed ${report.seed}; ${runLine(report)}; chain height ${groupDigits(c.endHeight)} at the end.`,
    '',
    '## Summary',
    '',
    mdTable(summary),
    '',
  ];
  if (report.payments.failed > 0) sections.push('## Payment failures', '', `${failuresText(report.payments.failures)}.`, '', mdTable(failuresTable(report)), '');
  sections.push(
    '## Channels',
    '',
    channels.total > channels.rows.length ? `The ${channels.rows.length} channels that carried the most payments, of ${count(channels.total, 'channel')} (all in channels.csv).` : 'Every channel (also in channels.csv).',
    '',
    mdTable(channels),
    '',
  );
  if (events.rows.length) sections.push('## Closes and penalties', '', mdTable(events), '');
  // What the parties of state and virtual channels did and signed, in time order (first 200 steps).
  const steps = [...(run.crossChain?.stateChannelEvents ?? []), ...(run.crossChain?.virtualChannelEvents ?? [])].map((e, i) => ({ e, i })).sort((a, b) => a.e.time - b.e.time || a.i - b.i);
  if (report.privacy) sections.push(...privacyMarkdown(report.privacy, run.aliases));
  if (steps.length) sections.push('## State and virtual channels, step by step', '', ...steps.slice(0, 200).map(({ e }) => `- ${formatDuration(e.time)} · ${e.channel} · ${e.node}: ${e.what}`), '');
  const ln = run.crossChain?.lightningSwaps ?? [];
  if (ln.length) {
    const outcomes = ln.map((r) => `- ${r.id}: ${r.payer} → ${r.exchange} → ${r.payee}, ${r.outcome} (${r.payer}’s HTLC, block ${r.payExpiryHeight}: ${r.payLeg}; ${r.exchange}’s HTLC, block ${r.receiveExpiryHeight}: ${r.receiveLeg})`);
    const lnSteps = run.crossChain!.lightningSwapEvents.slice(0, 200).map((e) => `- ${formatDuration(e.time)} · ${e.swap} · ${e.chain} · ${e.node}: ${e.what}`);
    sections.push('## Swaps over Lightning', '', ...outcomes, '', ...lnSteps, '');
  }
  sections.push(
    '## Holdings',
    '',
    balances.total > balances.shown ? `The ${balances.shown} nodes whose holdings changed most, of ${count(balances.total, 'node')} (all in nodes.csv).` : 'On-chain coins + channel sides + frozen bonds, at the start and at the end (also in nodes.csv).',
    '',
    mdTable(balances),
    '',
    '## Chain',
    '',
    mdTable({
      header: ['', 'blocks', 'seconds'],
      rows: (['p50', 'p90', 'p99', 'mean'] as const).map((q) => [`confirmation delay ${q}`, groupDigits(c.confirmationDelay.blocks[q]), formatDuration(c.confirmationDelay.seconds[q] * 1000)]),
      numeric: new Set([1, 2]),
    }),
    '',
    `${count(c.submitted, 'transaction')} submitted, ${groupDigits(c.transactions)} confirmed, ${groupDigits(c.unconfirmed)} waiting at the end, ${groupDigits(c.dropped)} dropped.`,
    '',
    '## Files',
    '',
    ...REPORT_FILES.map(([f, d]) => `- [${f}](${f}): ${d}`),
    '',
  );
  return sections.join('\n');
}
