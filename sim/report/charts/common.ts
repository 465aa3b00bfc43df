/**
 * Pieces shared by the run report's charts: the simulated-time axis (durations below, block
 * heights above), zoom, tooltips, a palette of distinguishable colours, and the markers of
 * closes and penalties (one legend entry and colour per kind).
 */
import type { ChannelEvent } from '../records.js';
import { formatDuration, inUnit, type MoneyUnit } from '../format.js';

/** Twelve colours that stay apart (Tableau 10 + two). */
export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f3b73', '#8cd17d'];

/** Failure reasons get fixed colours (so one reason keeps its colour on every chart). */
export function reasonColor(reason: string, i: number): string {
  const fixed: Record<string, string> = { 'no-route': '#e15759', 'insufficient-balance': '#f28e2b', timeout: '#b07aa1', expired: '#9c755f', 'peer-offline': '#bab0ac', 'too-many-htlcs': '#edc948', held: '#1f3b73' };
  return fixed[reason] ?? PALETTE[(i + 4) % PALETTE.length]!;
}

/** The two x axes of a time chart: simulated time below, block height above (same scale). */
export function timeAxes(endMs: number): Record<string, unknown>[] {
  const base = { type: 'value', min: 0, max: endMs, axisLine: { onZero: false } };
  return [
    { ...base, name: 'simulated time', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: 'fmt:duration', hideOverlap: true } },
    { ...base, position: 'top', name: 'block height', nameLocation: 'end', nameGap: 8, axisLabel: { formatter: 'fmt:height', hideOverlap: true, color: '#777' }, splitLine: { show: false } },
  ];
}

/** Zoom with the wheel or the slider; both x axes move together. */
export const ZOOM = [
  { type: 'inside', xAxisIndex: [0, 1], filterMode: 'none' },
  { type: 'slider', xAxisIndex: [0, 1], filterMode: 'none', height: 16, bottom: 6, labelFormatter: 'fmt:duration' },
];

export function grid(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { left: 90, right: 40, top: 64, bottom: 72, ...extra };
}

export function valueAxis(name: string, format: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'value', name, nameLocation: 'middle', nameGap: 70, axisLabel: { formatter: format }, ...extra };
}

export function tooltip(format: string): Record<string, unknown> {
  return { trigger: 'axis', confine: true, formatter: `tip:duration|${format}`, axisPointer: { type: 'line' } };
}

export function legend(): Record<string, unknown> {
  return { type: 'scroll', top: 0, left: 0, right: 0 };
}

const MARKS: Readonly<Record<string, { color: string; label: string }>> = {
  'cooperative-close': { color: '#59a14f', label: 'cooperative close' },
  cash: { color: '#f28e2b', label: 'unilateral close' },
  penalty: { color: '#e15759', label: 'penalty' },
  'cheat-succeeded': { color: '#b07aa1', label: 'cheat succeeded' },
  withdraw: { color: '#4e79a7', label: 'bond withdrawn' },
  settle: { color: '#9c755f', label: 'one-way settle' },
  refund: { color: '#bab0ac', label: 'one-way refund' },
};

export function markLabel(kind: string): string {
  return MARKS[kind]?.label ?? kind;
}

/**
 * One empty series per kind of marked event, carrying its vertical lines (markLine), so each kind
 * has a colour, a legend entry and can be hidden. `label(e)` names each event in its tooltip.
 */
export function markerSeries(events: readonly ChannelEvent[], label: (e: ChannelEvent) => string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [kind, mark] of Object.entries(MARKS)) {
    const mine = events.filter((e) => e.kind === kind);
    if (mine.length === 0) continue;
    out.push({
      name: `${mark.label} (${mine.length})`,
      type: 'line',
      data: [],
      color: mark.color,
      symbol: 'none',
      markLine: {
        symbol: 'none',
        silent: false,
        animation: false,
        lineStyle: { color: mark.color, type: 'dashed', width: 1.2 },
        label: { show: false },
        tooltip: { formatter: '{b}' },
        data: mine.map((e) => ({ xAxis: e.time, name: `${mark.label} at ${formatDuration(e.time)} (#${e.height}): ${label(e)}` })),
      },
    });
  }
  return out;
}

/** A step line of [ms, msat] change points in a money unit. */
export function moneyPoints(points: readonly number[], unit: MoneyUnit): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < points.length; i += 2) out.push([points[i]!, inUnit(points[i + 1]!, unit)]);
  return out;
}
