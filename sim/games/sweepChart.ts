/**
 * The page of a game's sweep (`pcnsim game NAME --sweep … --out FILE`): the simulated outcome's
 * mean with its 95% confidence band over the seeds, the closed form, the break-even level and where
 * each curve crosses it, every line in the legend; axes from the data; the table as HTML.
 */
import { escapeHtml, figure, htmlPage, htmlTable, type ChartSpec } from '../report/index.js';
import type { Game } from './game.js';
import type { Crossing, Sweep } from './play.js';
import { crossingText, sweepRows } from './tables.js';

function sweepChart(game: Game, s: Sweep, seeds: number): ChartSpec {
  const xs = s.points.map((p) => p.value);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const level = game.outcome.breakEven;
  const predicted = s.points.every((p) => p.predicted !== undefined);
  // A crossing between two grid values is an interval (a shaded strip); one at a grid value a line.
  const crossing = (name: string, c: Crossing | undefined, color: string): Record<string, unknown>[] => {
    if (!c) return [];
    const label = `${name} ${crossingText(s.name, c)}`;
    const mark =
      c.from === c.to
        ? { markLine: { symbol: 'none', label: { show: false }, lineStyle: { color, type: 'dashed', width: 1.5 }, data: [{ xAxis: c.from, name: label }] } }
        : { markArea: { silent: true, itemStyle: { color, opacity: 0.15 }, data: [[{ xAxis: c.from, name: label }, { xAxis: c.to }]] } };
    return [{ name: label, type: 'line', data: [], color, ...mark }];
  };
  // Points where no run met the set-up have no mean: gaps, not zeros.
  const y = (v: number): number | null => (Number.isNaN(v) ? null : v);
  // stackStrategy 'all': the band's width sits on its base even when the base is negative.
  const series = [
    { name: '\u200bband base', type: 'line', stack: 'band', stackStrategy: 'all', data: s.points.map((p) => [p.value, y(p.low)]), showSymbol: false, lineStyle: { opacity: 0 }, color: '#4e79a7', silent: true },
    { name: `95% confidence interval over ${seeds} seeds`, type: 'line', stack: 'band', stackStrategy: 'all', data: s.points.map((p) => [p.value, y(p.high - p.low)]), showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color: '#4e79a7', opacity: 0.2 }, color: '#a9c1dc', silent: true },
    { name: 'simulated mean', type: 'line', data: s.points.map((p) => [p.value, y(p.mean)]), color: '#4e79a7', symbolSize: 5, lineStyle: { width: 2 } },
    ...(predicted ? [{ name: 'predicted (closed form)', type: 'line', data: s.points.map((p) => [p.value, p.predicted!]), color: '#59a14f', showSymbol: false, lineStyle: { width: 2, type: 'dashed' } }] : []),
    { name: `break-even (${game.outcome.format(level)})`, type: 'line', data: [[x0, level], [x1, level]], color: '#777', showSymbol: false, lineStyle: { width: 1, type: 'dotted' } },
    ...crossing('simulated crossing', s.simulatedCrossing, '#e15759'),
    ...crossing('predicted crossing', s.predictedCrossing, '#f28e2b'),
  ];
  return {
    id: 'sweep',
    title: `${game.title}: ${game.outcome.label} against ${s.name}`,
    caption: `mean over the runs of ${seeds} seeds at each value, the band its 95% confidence interval (Wilson, on the outcome's bounds)`,
    points: s.points.length,
    height: 420,
    option: {
      animation: false,
      grid: { left: 80, right: 40, top: 70, bottom: 56 },
      legend: { top: 0, left: 0, right: 0 },
      tooltip: { trigger: 'axis', confine: true, formatter: 'tip:plain|plain' },
      xAxis: { type: 'value', min: x0, max: x1, name: s.name, nameLocation: 'middle', nameGap: 30, axisLabel: { formatter: 'fmt:plain' } },
      yAxis: { type: 'value', scale: true, name: game.outcome.label, nameLocation: 'middle', nameGap: 60, axisLabel: { formatter: 'fmt:plain' } },
      dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }],
      series,
    },
    csv: [
      [s.name, 'runs', 'seeds', 'simulated_mean', 'ci_low', 'ci_high', 'simulated_min', 'simulated_max', 'predicted'],
      ...s.points.map((p) => [p.value, p.runs, p.seeds, ...[p.mean, p.low, p.high, p.min, p.max].map((v) => (Number.isNaN(v) ? '' : v)), p.predicted ?? '']),
    ],
  };
}

/** A self-contained HTML page with the sweep's chart and table. */
export function sweepHtml(game: Game, s: Sweep, seeds: number, explanation: readonly string[]): string {
  const { header, rows, footer, notes } = sweepRows(game, s, seeds);
  const body = `<h1>${escapeHtml(game.title)}</h1>
<p class="desc">${[...explanation, ...notes].map(escapeHtml).join('<br>')}</p>
${figure(sweepChart(game, s, seeds))}
<h2>Sweep of ${escapeHtml(s.name)}</h2>
${htmlTable(header, rows, new Set([0, 1, 2, 3]))}
<p>${escapeHtml(footer)}</p>`;
  return htmlPage({ title: `pcnsim game ${game.name}: sweep of ${s.name}`, body });
}
