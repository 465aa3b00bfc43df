/** Plain-text tables and the HTML chart of a game's payoff table and sweep. */
import { escapeHtml, lineChart } from '../report/svg.js';
import type { Game } from './game.js';
import type { PayoffRow, Sweep } from './play.js';

/** Left-aligned first column, right-aligned others. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // The last column is free text when its header is empty (notes), so it is left-aligned.
  const left = (i: number): boolean => i === 0 || (i === header.length - 1 && header[i] === '');
  const line = (cells: readonly string[]): string => cells.map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

export function payoffLines(game: Game, rows: readonly PayoffRow[], seeds: number): string[] {
  const header = ['strategies', ...game.players.map((p) => `${p.node} (${p.role})`), game.outcome.label, 'predicted'];
  const body = rows.map((r) => [
    r.label,
    ...r.payoffs.map((v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)} sat`),
    game.outcome.format(r.outcome),
    r.predicted === undefined ? '—' : game.outcome.format(r.predicted),
  ]);
  const from = game.payoffsFromMs ? `its balance at ${game.payoffsFromMs / 1000} s, after the set-up payments` : 'its start';
  return [`Payoffs: each player's mean gain over ${seeds} seed${seeds === 1 ? '' : 's'} (end balance − ${from}), simulated; 'predicted' is the closed form.`, ...textTable(header, body)];
}

export function sweepLines(game: Game, s: Sweep, seeds: number): string[] {
  const level = game.outcome.breakEven;
  const side = (v: number): number => Math.sign(v - level);
  const body = s.points.map((p, i) => {
    const prev = s.points[i - 1];
    const notes = [
      prev !== undefined && side(prev.mean) !== side(p.mean) ? '← simulated crosses' : '',
      prev?.predicted !== undefined && p.predicted !== undefined && side(prev.predicted) !== side(p.predicted) ? '← predicted crosses' : '',
    ].filter(Boolean);
    const predicted = p.predicted === undefined ? '—' : game.outcome.format(p.predicted);
    return [String(p.value), game.outcome.format(p.mean), `${game.outcome.format(p.min)} … ${game.outcome.format(p.max)}`, predicted, notes.join(' ')];
  });
  const at = (x: number | undefined): string => (x === undefined ? 'not in this range' : `${s.name} ≈ ${x.toFixed(3)}`);
  return [
    `Sweep of ${s.name}: ${game.outcome.label}, mean (and range) over ${seeds} seeds, against the closed form.`,
    ...textTable([s.name, 'simulated mean', 'range', 'predicted', ''], body),
    `Break-even (${game.outcome.format(level)}): simulated ${at(s.simulatedCrossing)}; predicted ${at(s.predictedCrossing)}.`,
  ];
}

/** A self-contained HTML page with the sweep's chart and table. */
export function sweepHtml(game: Game, s: Sweep, seeds: number, explanation: readonly string[]): string {
  const series = [{ name: 'simulated mean', points: s.points.map((p) => [p.value, p.mean] as const) }];
  if (s.points.every((p) => p.predicted !== undefined)) series.push({ name: 'predicted (closed form)', points: s.points.map((p) => [p.value, p.predicted!] as const) });
  series.push({ name: 'break-even', points: [[s.points[0]!.value, game.outcome.breakEven], [s.points[s.points.length - 1]!.value, game.outcome.breakEven]] });
  const markers = [
    ...(s.simulatedCrossing !== undefined ? [{ x: s.simulatedCrossing, label: `simulated crossing ${s.simulatedCrossing.toFixed(3)}`, color: '#d62728' }] : []),
    ...(s.predictedCrossing !== undefined ? [{ x: s.predictedCrossing, label: `predicted crossing ${s.predictedCrossing.toFixed(3)}`, color: '#2ca02c' }] : []),
  ];
  const chart = lineChart({ title: `${game.title}: ${game.outcome.label} against ${s.name}`, xLabel: s.name, yLabel: game.outcome.label, series, markers, lines: true, formatX: (x) => String(Number(x.toFixed(3))), formatY: (y) => String(Number(y.toFixed(3))) });
  const rows = sweepLines(game, s, seeds).map(escapeHtml).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>pcnsim game ${escapeHtml(game.name)}: sweep of ${escapeHtml(s.name)}</title>
<style>body{font:14px system-ui,sans-serif;max-width:900px;margin:2em auto;color:#222}pre{background:#f6f6f6;padding:1em;overflow:auto}.grid{stroke:#ddd}.tick,.axis{font-size:11px;fill:#444}.title{font-size:13px;font-weight:600}.series{fill:none;stroke-width:2}.marker{stroke-width:2;stroke-dasharray:4 3}.legend span{margin-right:1.5em}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}</style></head>
<body><h1>${escapeHtml(game.title)}</h1><p>${explanation.map(escapeHtml).join('<br>')}</p>${chart}<pre>${rows}</pre></body></html>
`;
}
