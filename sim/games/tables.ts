/** Plain-text tables of a game's payoff table and sweep (the sweep's page: sweepChart.ts). */
import { formatSat, type Game } from './game.js';
import type { Crossing, PayoffRow, Sample, Sweep } from './play.js';

/** Left-aligned first column, right-aligned others. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // The last column is free text when its header is empty (notes), so it is left-aligned.
  const left = (i: number): boolean => i === 0 || (i === header.length - 1 && header[i] === '');
  const line = (cells: readonly string[]): string => cells.map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/** "mean [low, high]", or why there is none. */
function withInterval(game: Game, s: Sample): string {
  if (s.runs === 0) return 'no run met the set-up';
  const f = game.outcome.format;
  return s.low === s.high ? f(s.mean) : `${f(s.mean)} [${f(s.low)}, ${f(s.high)}]`;
}

/** The runs counted, when the set-up failed in some. */
const counted = (s: Sample): string => (s.runs === s.seeds ? String(s.runs) : `${s.runs} of ${s.seeds}`);

/** A mark when the closed form lies outside the simulated interval (it should not, 19 times in 20). */
const outside = (s: Sample, predicted: number | undefined): boolean => predicted !== undefined && s.runs > 0 && (predicted < s.low - 1e-9 || predicted > s.high + 1e-9);

function conditioning(game: Game): string[] {
  const setUp = game.outcome.setUp;
  return setUp ? [`Only runs where ${setUp.text} count (the others are no play of the game); 'runs' says how many.`] : [];
}

export function payoffLines(game: Game, rows: readonly PayoffRow[], seeds: number): string[] {
  const header = ['strategies', 'runs', ...game.players.map((p) => `${p.node} (${p.role})`), `${game.outcome.label}, mean [95% CI]`, 'predicted', ''];
  const body = rows.map((r) => [
    r.label,
    counted(r),
    ...r.payoffs.map((v) => (r.runs === 0 ? '—' : formatSat(Number(v.toFixed(1))))),
    withInterval(game, r),
    r.predicted === undefined ? '—' : game.outcome.format(r.predicted),
    outside(r, r.predicted) ? '✗ outside the CI' : '',
  ]);
  const from = game.payoffsFromMs ? `its balance at ${clockText(game.payoffsFromMs)}, after the set-up payments` : 'its start';
  return [
    `Payoffs: each player's mean gain over ${seeds} seed${seeds === 1 ? '' : 's'} (end balance − ${from}), simulated; 'predicted' is the closed form.`,
    ...conditioning(game),
    ...textTable(header, body),
  ];
}

/** 4200000 ms → "1h10m". */
function clockText(ms: number): string {
  const m = Math.round(ms / 60_000);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Where a crossing lies, in words. */
export function crossingText(name: string, c: Crossing | undefined): string {
  if (!c) return 'not in this range';
  if (c.at) return c.from === c.to ? `at ${name} = ${c.from}` : `at ${name} = ${c.from} … ${c.to}`;
  return `between ${name} = ${c.from} and ${c.to}`;
}

/** The sweep as a table: header, rows (with crossing notes) and the break-even line under it. */
export function sweepRows(game: Game, s: Sweep, seeds: number): { header: string[]; rows: string[][]; title: string; footer: string; notes: string[] } {
  const level = game.outcome.breakEven;
  const within = (c: Crossing | undefined, v: number): boolean => c !== undefined && v > c.from - 1e-12 && v <= c.to + 1e-12 && (c.at || v > c.from);
  const rows = s.points.map((p) => {
    const notes = [
      within(s.simulatedCrossing, p.value) ? '← simulated crosses' : '',
      within(s.predictedCrossing, p.value) ? '← predicted crosses' : '',
      outside(p, p.predicted) ? '✗ predicted outside the CI' : '',
    ].filter(Boolean);
    const predicted = p.predicted === undefined ? '—' : game.outcome.format(p.predicted);
    return [String(p.value), counted(p), withInterval(game, p), predicted, notes.join(' ')];
  });
  return {
    title: `Sweep of ${s.name}: ${game.outcome.label}, mean over ${seeds} seeds with its 95% confidence interval, against the closed form.`,
    header: [s.name, 'runs', 'simulated mean [95% CI]', 'predicted', ''],
    rows,
    footer: `Break-even (${game.outcome.format(level)}): simulated ${crossingText(s.name, s.simulatedCrossing)}; predicted ${crossingText(s.name, s.predictedCrossing)}.`,
    notes: conditioning(game),
  };
}

export function sweepLines(game: Game, s: Sweep, seeds: number): string[] {
  const { title, header, rows, footer, notes } = sweepRows(game, s, seeds);
  return [title, ...notes, ...textTable(header, rows), footer];
}
