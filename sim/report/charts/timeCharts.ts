/**
 * The run report's charts over simulated time, all on the same fixed bins (bins.ts): payments
 * per bin by outcome, value locked in HTLCs, the largest nodes' holdings, the busiest channels'
 * liquidity and the chain's mempool. Closes and penalties are marked on each.
 */
import type { Envelope } from '../bins.js';
import type { ChannelState } from '../channelLedger.js';
import { binLabel, groupDigits, unitFor, type MoneyUnit } from '../format.js';
import type { ChartSpec } from '../page/page.js';
import type { ReportContext } from '../context.js';
import { grid, legend, markerSeries, moneyPoints, PALETTE, reasonColor, timeAxes, tooltip, valueAxis, ZOOM } from './common.js';

function timeChart(ctx: ReportContext, spec: Omit<ChartSpec, 'option' | 'timeAxis'> & { series: Record<string, unknown>[]; yAxis: Record<string, unknown>; yFormat: string }): ChartSpec {
  const { series, yAxis, yFormat, ...rest } = spec;
  const markers = markerSeries(ctx.marked, (e) => `${e.channel} by ${ctx.name(e.node)}`);
  return {
    ...rest,
    timeAxis: true,
    option: {
      animation: false,
      color: PALETTE,
      grid: grid(),
      legend: legend(),
      tooltip: tooltip(yFormat),
      xAxis: timeAxes(ctx.endMs),
      yAxis,
      dataZoom: ZOOM,
      series: [...series, ...markers],
    },
  };
}

/**
 * Payments that ended in each bin: succeeded, and failed by reason, as stacked steps (a value
 * holds over its bin; drawn as areas rather than bars so the time axis keeps its exact extent).
 */
export function throughputChart(ctx: ReportContext): ChartSpec {
  const st = ctx.run.stats;
  const { widthMs, count } = st.bins;
  const steps = (values: ArrayLike<number>): [number, number][] => {
    const out: [number, number][] = [];
    for (let b = 0; b < count; b++) out.push([b * widthMs, values[b]!]);
    out.push([ctx.endMs, values[count - 1]!]);
    return out;
  };
  const failed = [...st.failedPerBin.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const area = (name: string, values: ArrayLike<number>, color: string): Record<string, unknown> => ({
    name, type: 'line', step: 'end', stack: 'payments', showSymbol: false, data: steps(values), color, lineStyle: { width: 0.8 }, areaStyle: { opacity: 0.75 },
  });
  const series = [area('succeeded', st.succeededPerBin, '#59a14f'), ...failed.map(([reason, values], i) => area(`failed: ${reason}`, values, reasonColor(reason, i)))];
  let drawn = 0;
  for (const values of [st.succeededPerBin, ...failed.map(([, v]) => v)]) for (const v of values) if (v > 0) drawn++;
  return timeChart(ctx, {
    id: 'throughput',
    title: `Payments completed and failed per ${binLabel(widthMs)}`,
    caption: `each payment counts in the bin where it ended; ${ctx.throughputLine}`,
    dataHref: 'series.csv',
    points: drawn,
    series,
    yAxis: valueAxis(`payments per ${binLabel(widthMs)}`, 'fmt:number', { minInterval: 1 }),
    yFormat: 'number',
  });
}

/**
 * A quantity over time: its exact steps when the run had few enough changes, else the last
 * value of each bin with the bin's min–max as a band (so every peak stays visible).
 */
function envelopeSeries(name: string, env: Envelope, ctx: ReportContext, unit: MoneyUnit, color: string, band: boolean, offset = 0): Record<string, unknown>[] {
  const exact = env.exactPoints()?.map((v, i) => (i % 2 ? v - offset : v));
  const last = env.current - offset;
  if (exact) {
    const data = moneyPoints([...exact, ctx.endMs, last], unit);
    return [{ name, type: 'line', step: 'end', showSymbol: false, data, color, lineStyle: { width: 1.6 } }];
  }
  const { widthMs, count } = ctx.run.stats.bins;
  const at = (b: number): number => Math.min(ctx.endMs, (b + 1) * widthMs);
  const scale = (v: number): number => moneyPoints([0, v], unit)[0]![1];
  const lastData: [number, number][] = [[0, 0]];
  const shift = (v: number): number => scale(v - offset);
  const lows: [number, number][] = [];
  const spans: [number, number][] = [];
  for (let b = 0; b < count; b++) {
    lastData.push([at(b), shift(env.last[b]!)]);
    lows.push([at(b), shift(env.min[b]!)]);
    spans.push([at(b), scale(env.max[b]! - env.min[b]!)]);
  }
  const out: Record<string, unknown>[] = [{ name, type: 'line', showSymbol: false, sampling: 'lttb', data: lastData, color, lineStyle: { width: 1.6 } }];
  if (band) {
    out.push(
      { name: `\u200b${name} low`, type: 'line', stack: name, showSymbol: false, data: lows, lineStyle: { opacity: 0 }, color, silent: true },
      { name: `${name}: min–max in each ${binLabel(widthMs)}`, type: 'line', stack: name, showSymbol: false, data: spans, lineStyle: { opacity: 0 }, areaStyle: { color, opacity: 0.25 }, color, silent: true },
    );
  }
  return out;
}

export function lockedChart(ctx: ReportContext): ChartSpec {
  const env = ctx.run.stats.locked;
  const unit = unitFor([ctx.report.liquidity.htlcLockedPeakMsat]);
  const series = envelopeSeries('value locked in HTLCs', env, ctx, unit, '#4e79a7', true);
  return timeChart(ctx, {
    id: 'locked',
    title: 'Liquidity locked in HTLCs',
    caption: env.exactPoints() ? 'sampled at every HTLC added or settled' : `last value of each ${binLabel(ctx.run.stats.bins.widthMs)}, with the range it took in that time`,
    dataHref: 'series.csv',
    points: series.reduce((n, s) => n + (s.data as unknown[]).length, 0),
    series,
    yAxis: valueAxis(`locked (${unit})`, `fmt:number:${unit}`),
    yFormat: `number:${unit}`,
  });
}

/** How the largest nodes' holdings moved: each line is the change since the start (so a hub and a spoke share one axis). */
export function holdingsChart(ctx: ReportContext): ChartSpec {
  const holdings = [...ctx.run.stats.holdings.entries()].map(([node, env]) => ({ node, env, start: ctx.report.balances[node]?.startMsat ?? 0 }));
  const unit = unitFor(holdings.flatMap(({ env, start }) => [...env.max, ...env.min].map((v) => v - start)));
  const series = holdings.flatMap(({ node, env, start }, i) => envelopeSeries(ctx.name(node), env, ctx, unit, PALETTE[i % PALETTE.length]!, false, start));
  const all = Object.keys(ctx.report.balances).length;
  return timeChart(ctx, {
    id: 'holdings',
    title: all > holdings.length ? `Holdings of the ${holdings.length} largest nodes (by channel capacity) of ${groupDigits(all)}: change since the start` : 'Holdings of every node: change since the start',
    caption: 'on-chain coins + its side of each channel + frozen bonds, minus what it held at the start; read after every block and moved by every off-chain payment',
    dataHref: 'holdings.csv',
    points: series.reduce((n, s) => n + (s.data as unknown[]).length, 0),
    series,
    yAxis: valueAxis(`change (${unit})`, `fmt:number:${unit}`),
    yFormat: `number:${unit}`,
    height: 360,
  });
}

/** The channels that carried the most payments, at most `n` (ties by id). */
export function busiestChannels(ctx: ReportContext, n: number): ChannelState[] {
  return [...ctx.run.stats.ledger.channels.values()].filter((c) => c.carried > 0).sort((a, b) => b.carried - a.carried || (a.info.id < b.info.id ? -1 : 1)).slice(0, n);
}

export function liquidityChart(ctx: ReportContext): ChartSpec {
  const { widthMs } = ctx.run.stats.bins;
  const channels = busiestChannels(ctx, 8);
  const series = channels.map((c, i) => {
    const data: [number, number][] = [[0, c.info.deposit[0] / c.capacityMsat]];
    for (let k = 0; k < c.history.length; k += 2) {
      // Flat until the bin where the balance changed, then its value at that bin's end.
      const bin = c.history[k]!;
      if (bin * widthMs > data[data.length - 1]![0]) data.push([bin * widthMs, data[data.length - 1]![1]]);
      data.push([Math.min(ctx.endMs, (bin + 1) * widthMs), c.history[k + 1]! / c.capacityMsat]);
    }
    data.push([c.close ? c.close.timeMs : ctx.endMs, c.balance[0] / c.capacityMsat]);
    return { name: `${ctx.name(c.info.between[0])} → ${ctx.name(c.info.between[1])} (${c.carried})`, type: 'line', showSymbol: false, data, color: PALETTE[i % PALETTE.length] };
  });
  return timeChart(ctx, {
    id: 'liquidity',
    title: `Liquidity of the ${channels.length} busiest channels`,
    caption: `share of each channel's capacity on its first node's side (100%: all there, 0%: drained toward the second node), at the end of each ${binLabel(widthMs)}; in brackets, payments carried`,
    dataHref: 'liquidity.csv',
    points: series.reduce((n, s) => n + s.data.length, 0),
    series,
    yAxis: valueAxis("first node's share of capacity", 'fmt:percent', { min: 0, max: 1 }),
    yFormat: 'percent',
    height: 360,
  });
}

export function chainChart(ctx: ReportContext): ChartSpec {
  const blocks = ctx.run.chain.blocks;
  const series = [
    { name: 'mempool after the block', type: 'line', step: 'end', showSymbol: false, sampling: 'lttb', data: blocks.map((b) => [b.time, b.mempoolAfter]), color: '#e15759' },
    { name: 'transactions in the block', type: 'line', showSymbol: false, sampling: 'lttb', data: blocks.map((b) => [b.time, b.txCount]), color: '#4e79a7', lineStyle: { width: 1, opacity: 0.7 } },
  ];
  return timeChart(ctx, {
    id: 'chain',
    title: 'Chain: transactions per block and waiting in the mempool',
    caption: 'one point per block',
    dataHref: 'timeline.csv',
    points: blocks.length * 2,
    series,
    yAxis: valueAxis('transactions', 'fmt:number', { minInterval: 1 }),
    yFormat: 'number',
  });
}
