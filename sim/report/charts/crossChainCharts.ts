/**
 * Charts of the sections beside the payment network (crossChainHtml.ts): the chains' heights side
 * by side (each has its own clock of blocks), the swaps' steps on one lane per chain with that
 * chain's blocks as ticks, and a virtual channel's two balances payment by payment.
 */
import type { CrossChainRecords } from '../records.js';
import type { PerunRecord } from '../crossChainRecords.js';
import { formatDuration, inUnit, unitFor } from '../format.js';
import type { ChartSpec } from '../page/page.js';
import { PALETTE, grid, legend, tooltip, valueAxis } from './common.js';

/** Simulated time from 0 to the run's end (one axis: the chains' heights differ, so no height axis on top). */
const timeAxis = (endMs: number) => ({ type: 'value', min: 0, max: endMs, name: 'simulated time', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: 'fmt:duration', hideOverlap: true } });
const ZOOM_X = [
  { type: 'inside', xAxisIndex: [0], filterMode: 'none' },
  { type: 'slider', xAxisIndex: [0], filterMode: 'none', height: 16, bottom: 6, labelFormatter: 'fmt:duration' },
];

/** Each chain's height (steps, left axis) and mempool after each block (dashed, right axis). */
export function chainHeightsChart(x: CrossChainRecords, endMs: number): ChartSpec {
  const chains = Object.entries(x.chains);
  const series = chains.flatMap(([name, c], i) => {
    const first = c.blocks.length ? c.blocks[0]!.height - 1 : 0;
    return [
      { name: `${name} height`, type: 'line', step: 'end', showSymbol: false, color: PALETTE[i % PALETTE.length], data: [[0, first], ...c.blocks.map((b) => [b.time, b.height])] },
      { name: `${name} mempool`, type: 'line', step: 'end', showSymbol: false, yAxisIndex: 1, color: PALETTE[i % PALETTE.length], lineStyle: { type: 'dashed', width: 1 }, data: c.blocks.map((b) => [b.time, b.mempoolAfter]) },
    ];
  });
  return {
    id: 'chains',
    title: 'Chains: height and mempool over time',
    caption: 'solid: blocks mined so far; dashed: transactions waiting after each block (right axis)',
    timeAxis: true,
    points: chains.reduce((s, [, c]) => s + 2 * c.blocks.length + 1, 0),
    csv: [['chain', 'height', 'time_ms', 'mempool_after'], ...chains.flatMap(([name, c]) => c.blocks.map((b) => [name, b.height, b.time, b.mempoolAfter]))],
    option: {
      animation: false,
      grid: grid({ right: 70 }),
      legend: legend(),
      tooltip: tooltip('number'),
      xAxis: timeAxis(endMs),
      yAxis: [valueAxis('block height', 'fmt:number', { minInterval: 1, nameGap: 50 }), valueAxis('mempool', 'fmt:number', { minInterval: 1, nameGap: 40, splitLine: { show: false } })],
      dataZoom: ZOOM_X,
      series,
    },
  };
}

/** One step drawn on its chain's lane. */
export interface LanePoint {
  readonly time: number;
  readonly chain: string;
  /** Its legend entry (one colour each). */
  readonly step: string;
  /** Shown above the point (TX1…), if anything. */
  readonly label?: string;
  /** The tooltip: what happened. */
  readonly text: string;
}

const STEP_COLORS: Readonly<Record<string, string>> = {
  agree: '#1f3b73',
  invoice: '#1f3b73',
  lock: '#4e79a7',
  offer: '#4e79a7',
  withhold: '#edc948',
  'learn-secret': '#b07aa1',
  settle: '#b07aa1',
  claim: '#59a14f',
  resolved: '#59a14f',
  refund: '#f28e2b',
  stop: '#e15759',
  decline: '#e15759',
  refuse: '#e15759',
  'claim-refused': '#e15759',
};

/**
 * Steps on one lane per chain: a point per step (its label above it), the lane's blocks as grey
 * ticks, so one sees which block of which chain each lock, claim and refund waited for.
 */
export function laneChart(x: CrossChainRecords, endMs: number, spec: { id: string; title: string; points: readonly LanePoint[]; deadlines?: readonly { time: number; name: string }[] }): ChartSpec {
  const lanes = Object.keys(x.chains);
  const ticks = { name: 'blocks', type: 'scatter', symbol: 'rect', symbolSize: [1, 14], color: '#bbb', silent: true, data: lanes.flatMap((lane) => x.chains[lane]!.blocks.map((b) => [b.time, lane])) };
  const steps = Object.keys(STEP_COLORS).filter((step) => spec.points.some((p) => p.step === step));
  const series = steps.map((step) => ({
    name: step,
    type: 'scatter',
    symbolSize: 11,
    color: STEP_COLORS[step],
    data: spec.points
      .filter((p) => p.step === step)
      .map((p) => ({ value: [p.time, p.chain], name: `${formatDuration(p.time)} · ${p.text}`, label: { show: p.label !== undefined, formatter: p.label ?? '', position: 'top', fontSize: 11 } })),
  }));
  // Deadlines (HTLC expiries) as dashed vertical lines, named at their top.
  const deadlines = spec.deadlines?.length
    ? [{ name: 'HTLC expiries', type: 'line', data: [], color: '#e15759', markLine: { symbol: 'none', silent: false, lineStyle: { type: 'dashed', color: '#e15759' }, label: { formatter: '{b}', position: 'insideEndTop', fontSize: 10 }, data: spec.deadlines.map((d) => ({ xAxis: d.time, name: d.name })) } }]
    : [];
  return {
    id: spec.id,
    title: spec.title,
    caption: 'one lane per chain; grey ticks are that chain’s blocks; hover a point for what happened',
    timeAxis: true,
    points: spec.points.length,
    csv: [['time_ms', 'chain', 'step', 'what'], ...spec.points.map((p) => [p.time, p.chain, p.step, p.text])],
    height: 120 + 70 * lanes.length,
    option: {
      animation: false,
      grid: grid({ left: 60, bottom: 64 }),
      legend: legend(),
      tooltip: { trigger: 'item', confine: true, formatter: '{b}' },
      xAxis: timeAxis(endMs),
      yAxis: { type: 'category', data: lanes, axisTick: { show: false }, splitLine: { show: true } },
      dataZoom: ZOOM_X,
      series: [ticks, ...series, ...deadlines],
    },
  };
}

/** The atomic swaps' steps (TX1…TX4 above their points). */
export function swapTimelineChart(x: CrossChainRecords, endMs: number): ChartSpec {
  const points = x.swapEvents.map((e) => ({ time: e.time, chain: e.chain, step: e.step, ...(e.tx ? { label: e.tx } : {}), text: `${e.swap} · ${e.node}${e.tx ? ` · ${e.tx}` : ''}: ${e.detail ?? e.step}` }));
  return laneChart(x, endMs, { id: 'swap-timeline', title: 'Swaps: each step on its chain', points });
}

/** The Lightning swaps' steps: the two HTLCs offered, R travelling back, each leg's end. */
export function lightningTimelineChart(x: CrossChainRecords, endMs: number): ChartSpec {
  const points = x.lightningSwapEvents.map((e) => ({ time: e.time, chain: e.chain, step: e.step, ...(e.step === 'offer' ? { label: 'HTLC' } : {}), text: `${e.swap} · ${e.node}: ${e.what}` }));
  const deadlines = x.lightningSwaps.flatMap((r) => [
    { time: r.payExpiryDueMs, name: `${r.payer}’s HTLC expires (#${r.payExpiryHeight})` },
    { time: r.receiveExpiryDueMs, name: `${r.exchange}’s HTLC expires (#${r.receiveExpiryHeight})` },
  ]);
  return laneChart(x, endMs, { id: 'lightning-timeline', title: 'Swaps over Lightning: each step on its chain', points, deadlines });
}

/** The two ends' balances in a virtual channel after each payment (failed payments marked on the payer's line). */
export function virtualBalanceChart(v: PerunRecord, endMs: number): ChartSpec {
  const ends = Object.keys(v.finalBalances);
  // Back from the final balances through the succeeded payments: the balances before the first.
  const balance = new Map(ends.map((n) => [n, v.finalBalances[n]!]));
  for (const p of v.payments) {
    if (!p.ok) continue;
    balance.set(p.from, balance.get(p.from)! + p.amountMsat);
    balance.set(p.to, balance.get(p.to)! - p.amountMsat);
  }
  const unit = unitFor([...balance.values(), ...ends.map((n) => v.finalBalances[n]!)]);
  const lines = new Map(ends.map((n) => [n, [[v.payments[0]!.atMs, inUnit(balance.get(n)!, unit)]] as [number, number][]]));
  for (const p of v.payments) {
    if (!p.ok) continue;
    balance.set(p.from, balance.get(p.from)! - p.amountMsat);
    balance.set(p.to, balance.get(p.to)! + p.amountMsat);
    for (const n of ends) lines.get(n)!.push([p.atMs, inUnit(balance.get(n)!, unit)]);
  }
  const failed = v.payments.filter((p) => !p.ok);
  const series: Record<string, unknown>[] = ends.map((n, i) => ({ name: n, type: 'line', step: 'end', showSymbol: true, symbolSize: 4, color: PALETTE[i % PALETTE.length], data: lines.get(n) }));
  if (failed.length) series.push({ name: `failed (${failed.length})`, type: 'scatter', color: '#e15759', symbol: 'triangle', data: failed.map((p) => [p.atMs, 0]) });
  return {
    id: `virtual-${v.id}`,
    title: `Virtual channel ${v.id}: the ends’ balances, payment by payment`,
    caption: `${v.paymentsSucceeded} payments succeeded, ${v.paidWhileIntermediaryOffline} of them while the intermediary was offline`,
    timeAxis: true,
    points: v.payments.length,
    csv: [['time_ms', 'from', 'to', 'amount_msat', 'ok', 'latency_ms'], ...v.payments.map((p) => [p.atMs, p.from, p.to, p.amountMsat, p.ok ? 1 : 0, p.latencyMs])],
    option: {
      animation: false,
      grid: grid(),
      legend: legend(),
      tooltip: tooltip(`number:${unit}`),
      xAxis: timeAxis(endMs),
      yAxis: valueAxis(unit, 'fmt:number'),
      dataZoom: ZOOM_X,
      series,
    },
  };
}
