/**
 * A picture of the network: nodes placed by ForceAtlas2 (graphology-layout-forceatlas2, from a
 * deterministic start, so the same run draws the same picture), sized by channel capacity;
 * channels coloured by how unbalanced they ended, grey when closed. Drawn on a canvas as one
 * scatter series and one line series per colour class (null-separated segments), so a few
 * thousand nodes and tens of thousands of channels stay quick to zoom and pan.
 */
import { UndirectedGraph } from 'graphology';
import { createRequire } from 'node:module';
import type { ChannelState } from '../channelLedger.js';
import type { ReportContext } from '../context.js';
import { count, money, naturalCompare } from '../format.js';
import type { ChartSpec } from '../page/page.js';

// A CommonJS package whose typings describe an ES default export: loaded with require, typed from them.
const forceAtlas2 = createRequire(import.meta.url)('graphology-layout-forceatlas2') as typeof import('graphology-layout-forceatlas2').default;

/** End imbalance classes: |side 0 − side 1| / capacity. */
const CLASSES = [
  { max: 0.2, label: 'balanced (imbalance < 20%)', color: '#4e79a7' },
  { max: 0.6, label: 'imbalance 20–60%', color: '#76b7b2' },
  { max: 0.9, label: 'imbalance 60–90%', color: '#f28e2b' },
  { max: 1.01, label: 'drained (imbalance ≥ 90%)', color: '#e15759' },
];

/** Node positions by ForceAtlas2; fewer iterations as the graph grows (Barnes–Hut past 500 nodes). */
export function layout(nodes: readonly string[], channels: readonly ChannelState[]): Map<string, [number, number]> {
  const graph = new UndirectedGraph();
  nodes.forEach((n, i) => {
    // A deterministic start: a spiral in name order.
    const r = Math.sqrt(i + 1);
    graph.addNode(n, { x: r * Math.cos(i * 2.4), y: r * Math.sin(i * 2.4) });
  });
  for (const c of channels) {
    const [a, b] = c.info.between;
    if (!graph.hasEdge(a, b)) graph.addEdge(a, b, { weight: 1 });
  }
  const iterations = nodes.length <= 200 ? 400 : nodes.length <= 2000 ? 150 : 60;
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: nodes.length > 500 };
  const positions = forceAtlas2(graph, { iterations, settings });
  const out = new Map<string, [number, number]>();
  for (const n of nodes) out.set(n, [round2(positions[n]!.x), round2(positions[n]!.y)]);
  return out;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function networkChart(ctx: ReportContext): ChartSpec {
  const channels = [...ctx.run.stats.ledger.channels.values()];
  const capacity = new Map<string, number>();
  for (const c of channels) for (const n of c.info.between) capacity.set(n, (capacity.get(n) ?? 0) + c.capacityMsat);
  const nodes = [...capacity.keys()].sort(naturalCompare);
  const pos = layout(nodes, channels);
  const maxCap = Math.max(1, ...capacity.values());
  const segments = CLASSES.map(() => [] as (number[] | null)[]);
  const closed: (number[] | null)[] = [];
  for (const c of channels) {
    const [a, b] = c.info.between;
    const seg = [pos.get(a)!, pos.get(b)!, null];
    if (c.close) closed.push(...seg);
    else {
      const imbalance = Math.abs(c.balance[0] - c.balance[1]) / c.capacityMsat;
      segments[CLASSES.findIndex((k) => imbalance < k.max)]!.push(...seg);
    }
  }
  const big = nodes.length > 1000;
  const edgeSeries = CLASSES.map((k, i) => ({ name: k.label, type: 'line', data: segments[i], color: k.color, showSymbol: false, connectNulls: false, silent: true, lineStyle: { width: big ? 0.4 : 1.4, opacity: big ? 0.35 : 0.8 } }));
  edgeSeries.push({ name: 'closed', type: 'line', data: closed, color: '#999', showSymbol: false, connectNulls: false, silent: true, lineStyle: { width: big ? 0.4 : 1.2, opacity: 0.6, type: 'dashed' } as never });
  const nodeData = nodes.map((n) => ({
    value: pos.get(n)!,
    name: `${ctx.name(n)}: ${money(capacity.get(n)!)} in channels`,
    symbolSize: Math.max(big ? 2 : 5, Math.sqrt(capacity.get(n)! / maxCap) * (big ? 22 : 30)),
  }));
  const edgesShown = channels.length;
  return {
    id: 'network',
    title: `The network: ${count(nodes.length, 'node')}, ${count(edgesShown, 'channel')}`,
    caption: 'ForceAtlas2 layout; node area grows with channel capacity; channels coloured by how unbalanced they ended (grey dashed: closed); scroll to zoom, drag to pan, hover a node for its name',
    dataHref: 'channels.csv',
    points: nodes.length,
    height: nodes.length > 200 ? 640 : 480,
    option: {
      animation: false,
      grid: { left: 8, right: 8, top: 36, bottom: 8 },
      legend: { type: 'scroll', top: 0, left: 0, right: 0 },
      tooltip: { trigger: 'item', confine: true, formatter: '{b}' },
      xAxis: { type: 'value', show: false, scale: true },
      yAxis: { type: 'value', show: false, scale: true },
      dataZoom: [
        { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
        { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
      ],
      series: [...edgeSeries.filter((s) => (s.data ?? []).length > 0), { name: 'nodes', type: 'scatter', data: nodeData, color: '#333', large: nodes.length > 5000, itemStyle: { opacity: 0.85 }, z: 3 }],
    },
  };
}
