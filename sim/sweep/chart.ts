/**
 * The sweep's page (`sweep.html`): for each metric that is not the same in every run, its mean
 * against the first varied path, with the 95% confidence band of the mean and the lighter
 * min–max band over the seeds; one line per combination of the other varied paths. Built on the
 * report's ECharts page helpers (self-contained, no network); the table under it is summary.csv.
 */
import { escapeHtml, figure, htmlPage, htmlTable, type ChartSpec } from '../report/index.js';
import type { GridValue } from './grid.js';
import type { PointSummary } from './stats.js';
import type { Manifest } from './tables.js';

const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/**
 * A band from `lo` to `hi` drawn as a transparent base and a stacked filled width. ECharts stacks
 * negative and positive values apart by default ('samesign'), which drew a band with a negative
 * `lo` from 0; 'all' stacks the width on the base whatever their signs.
 */
export function bandSeries(stack: string, name: string, color: string, opacity: number, points: readonly (readonly [GridValue, number, number])[]): Record<string, unknown>[] {
  const common = { type: 'line', stack, stackStrategy: 'all', showSymbol: false, silent: true, lineStyle: { opacity: 0 }, color };
  return [
    { ...common, name: `\u200b${name} base`, data: points.map(([x, lo]) => [x, lo]) },
    { ...common, name, data: points.map(([x, lo, hi]) => [x, hi - lo]), areaStyle: { color, opacity } },
  ];
}

/** Points grouped by the values of every varied path but the first (the x axis). */
function groups(m: Manifest, points: readonly PointSummary[]): { label: string; points: PointSummary[] }[] {
  const byKey = new Map<string, PointSummary[]>();
  for (const p of points) {
    const label = m.grid.names.slice(1).map((n, i) => `${n}=${String(p.values[i + 1])}`).join(', ');
    byKey.set(label, [...(byKey.get(label) ?? []), p]);
  }
  return [...byKey].map(([label, ps]) => ({ label, points: ps }));
}

function metricChart(m: Manifest, points: readonly PointSummary[], metric: string, index: number): ChartSpec {
  const xName = m.grid.names[0] ?? 'point';
  const numeric = points.every((p) => typeof p.values[0] === 'number');
  const x = (p: PointSummary): GridValue => (m.grid.names.length ? p.values[0]! : p.point);
  const series = groups(m, points).flatMap((g, gi) => {
    const color = COLORS[gi % COLORS.length]!;
    const done = g.points.filter((p) => p.metrics[metric]);
    const s = (p: PointSummary) => p.metrics[metric]!;
    const prefix = g.label ? `${g.label}: ` : '';
    return [
      ...bandSeries(`range${gi}`, `${prefix}min–max over seeds`, color, 0.1, done.map((p) => [x(p), s(p).min, s(p).max])),
      ...bandSeries(`ci${gi}`, `${prefix}95% CI of the mean`, color, 0.3, done.map((p) => [x(p), s(p).ci95[0], s(p).ci95[1]])),
      { name: `${prefix}mean`, type: 'line', color, symbolSize: 5, lineStyle: { width: 2 }, data: done.map((p) => [x(p), s(p).mean]) },
    ];
  });
  return {
    id: `metric-${index}`,
    title: `${metric} against ${xName}`,
    caption: `mean over ${m.seeds.length} seeds per point; dark band: 95% confidence interval of the mean; light band: smallest to largest run`,
    points: points.length,
    height: 360,
    option: {
      animation: false,
      grid: { left: 90, right: 30, top: 60, bottom: 50 },
      legend: { top: 0, left: 0, right: 0 },
      tooltip: { trigger: 'axis', confine: true, formatter: 'tip:plain|plain' },
      xAxis: numeric ? { type: 'value', scale: true, name: xName, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: 'fmt:plain' } } : { type: 'category', name: xName, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', scale: true, name: metric, nameLocation: 'middle', nameGap: 70, axisLabel: { formatter: 'fmt:plain' } },
      dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }],
      series,
    },
    csv: [[...m.grid.names, 'runs', 'mean', 'sd', 'ci95_low', 'ci95_high', 'min', 'max'], ...points.filter((p) => p.metrics[metric]).map((p) => [...p.values.map(String), p.runs, ...statsOf(p, metric)])],
  };
}

const statsOf = (p: PointSummary, metric: string): number[] => {
  const s = p.metrics[metric]!;
  return [s.mean, s.sd, s.ci95[0], s.ci95[1], s.min, s.max];
};

/** Metrics worth a chart: not one value over every run of the sweep. */
function varying(m: Manifest, points: readonly PointSummary[]): string[] {
  return m.metrics.filter((metric) => {
    const stats = points.flatMap((p) => (p.metrics[metric] ? [p.metrics[metric]!] : []));
    return stats.length > 0 && stats.some((s) => s.min !== stats[0]!.min || s.max !== stats[0]!.max || s.min !== s.max);
  });
}

export function sweepPage(m: Manifest, points: readonly PointSummary[]): string {
  const charted = varying(m, points);
  const constant = m.metrics.filter((x) => !charted.includes(x));
  const failed = points.reduce((n, p) => n + p.failed, 0);
  const rows = points.map((p) => [...p.values.map(String), String(p.runs), ...charted.slice(0, 4).map((x) => (p.metrics[x] ? `${p.metrics[x]!.mean} [${p.metrics[x]!.ci95[0]}, ${p.metrics[x]!.ci95[1]}]` : '—'))]);
  const body = `<h1>Sweep of ${escapeHtml(m.scenario)}</h1>
<p class="desc">${m.grid.points.length} grid points × ${m.seeds.length} seeds = ${m.runs} runs over ${escapeHtml(m.grid.names.join(', ') || 'no parameter')}${failed ? `; ${failed} runs failed (runs.csv says why)` : ''}. Files: <a href="runs.csv">runs.csv</a>, <a href="runs.ndjson">runs.ndjson</a>, <a href="summary.csv">summary.csv</a>, <a href="summary.json">summary.json</a>.</p>
${charted.map((metric, i) => figure(metricChart(m, points, metric, i))).join('\n')}
${constant.length ? `<p class="note">The same in every run (not charted): ${escapeHtml(constant.join(', '))}.</p>` : ''}
<h2>Summary</h2>
${htmlTable([...m.grid.names, 'runs', ...charted.slice(0, 4).map((x) => `${x}: mean [95% CI]`)], rows, new Set(rows[0]?.map((_, i) => i).filter((i) => i >= m.grid.names.length) ?? []))}
<p class="note">Every metric with its sd, CI, min and max: <a href="summary.csv">summary.csv</a>.</p>`;
  return htmlPage({ title: `pcnsim sweep: ${m.scenario}`, body });
}
