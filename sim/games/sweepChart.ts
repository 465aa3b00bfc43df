/**
 * The page of a game's sweep (`pcnsim game NAME --sweep … --out FILE`): the simulated outcome's
 * mean with its min–max band over the seeds, the closed form, the break-even level and where
 * each curve crosses it, every line in the legend; axes from the data; the table as HTML.
 */
import { escapeHtml, figure, htmlPage, htmlTable, type ChartSpec } from '../report/page/page.js';
import type { Game } from './game.js';
import type { Sweep } from './play.js';
import { sweepRows } from './tables.js';

function sweepChart(game: Game, s: Sweep, seeds: number): ChartSpec {
  const xs = s.points.map((p) => p.value);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const level = game.outcome.breakEven;
  const predicted = s.points.every((p) => p.predicted !== undefined);
  const crossing = (name: string, x: number | undefined, color: string): Record<string, unknown>[] =>
    x === undefined
      ? []
      : [{ name: `${name} ≈ ${Number(x.toFixed(3))}`, type: 'line', data: [], color, markLine: { symbol: 'none', label: { show: false }, lineStyle: { color, type: 'dashed', width: 1.5 }, data: [{ xAxis: x, name: `${name} ≈ ${Number(x.toFixed(3))}` }] } }];
  const series = [
    { name: '\u200bband base', type: 'line', stack: 'band', data: s.points.map((p) => [p.value, p.min]), showSymbol: false, lineStyle: { opacity: 0 }, color: '#4e79a7', silent: true },
    { name: `simulated min–max over ${seeds} seeds`, type: 'line', stack: 'band', data: s.points.map((p) => [p.value, p.max - p.min]), showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color: '#4e79a7', opacity: 0.2 }, color: '#a9c1dc', silent: true },
    { name: 'simulated mean', type: 'line', data: s.points.map((p) => [p.value, p.mean]), color: '#4e79a7', symbolSize: 5, lineStyle: { width: 2 } },
    ...(predicted ? [{ name: 'predicted (closed form)', type: 'line', data: s.points.map((p) => [p.value, p.predicted!]), color: '#59a14f', showSymbol: false, lineStyle: { width: 2, type: 'dashed' } }] : []),
    { name: `break-even (${game.outcome.format(level)})`, type: 'line', data: [[x0, level], [x1, level]], color: '#777', showSymbol: false, lineStyle: { width: 1, type: 'dotted' } },
    ...crossing('simulated crossing', s.simulatedCrossing, '#e15759'),
    ...crossing('predicted crossing', s.predictedCrossing, '#f28e2b'),
  ];
  return {
    id: 'sweep',
    title: `${game.title}: ${game.outcome.label} against ${s.name}`,
    caption: `mean over ${seeds} seeds at each value, the band from the smallest to the largest seed's outcome`,
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
    csv: [[s.name, 'simulated_mean', 'simulated_min', 'simulated_max', 'predicted'], ...s.points.map((p) => [p.value, p.mean, p.min, p.max, p.predicted ?? ''])],
  };
}

/** A self-contained HTML page with the sweep's chart and table. */
export function sweepHtml(game: Game, s: Sweep, seeds: number, explanation: readonly string[]): string {
  const { header, rows, footer } = sweepRows(game, s, seeds);
  const body = `<h1>${escapeHtml(game.title)}</h1>
<p class="desc">${explanation.map(escapeHtml).join('<br>')}</p>
${figure(sweepChart(game, s, seeds))}
<h2>Sweep of ${escapeHtml(s.name)}</h2>
${htmlTable(header, rows, new Set([0, 1, 2, 3]))}
<p>${escapeHtml(footer)}</p>`;
  return htmlPage({ title: `pcnsim game ${game.name}: sweep of ${s.name}`, body });
}
