/** Plain-text tables of a game's payoff table and sweep (the sweep's page: sweepChart.ts). */
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

/** The sweep as a table: header, rows (with crossing notes) and the break-even line under it. */
export function sweepRows(game: Game, s: Sweep, seeds: number): { header: string[]; rows: string[][]; title: string; footer: string } {
  const level = game.outcome.breakEven;
  const side = (v: number): number => Math.sign(v - level);
  const rows = s.points.map((p, i) => {
    const prev = s.points[i - 1];
    const notes = [
      prev !== undefined && side(prev.mean) !== side(p.mean) ? '← simulated crosses' : '',
      prev?.predicted !== undefined && p.predicted !== undefined && side(prev.predicted) !== side(p.predicted) ? '← predicted crosses' : '',
    ].filter(Boolean);
    const predicted = p.predicted === undefined ? '—' : game.outcome.format(p.predicted);
    return [String(p.value), game.outcome.format(p.mean), `${game.outcome.format(p.min)} … ${game.outcome.format(p.max)}`, predicted, notes.join(' ')];
  });
  const at = (x: number | undefined): string => (x === undefined ? 'not in this range' : `${s.name} ≈ ${x.toFixed(3)}`);
  return {
    title: `Sweep of ${s.name}: ${game.outcome.label}, mean (and range) over ${seeds} seeds, against the closed form.`,
    header: [s.name, 'simulated mean', 'range', 'predicted', ''],
    rows,
    footer: `Break-even (${game.outcome.format(level)}): simulated ${at(s.simulatedCrossing)}; predicted ${at(s.predictedCrossing)}.`,
  };
}

export function sweepLines(game: Game, s: Sweep, seeds: number): string[] {
  const { title, header, rows, footer } = sweepRows(game, s, seeds);
  return [title, ...textTable(header, rows), footer];
}
