/**
 * The router's view of a graph as plain arrays: nodes numbered 0…n−1 and, for each node, its
 * incoming channel directions. Iterating graphology's adjacency and hashing node names for every
 * relaxation was the router's hot spot (profiled), so the index is built once per graph and
 * dropped whenever the graph changes (graphology emits events).
 */
import type { EdgeAttributes, PaymentGraph } from './graph.js';

export interface RoutingIndex {
  readonly names: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  /** inFrom[v][k] sends over inAttributes[v][k] into v. */
  readonly inFrom: readonly Int32Array[];
  readonly inAttributes: readonly (readonly EdgeAttributes[])[];
  /** The nodes u has a channel direction to are outTo[outStart[u]] … outTo[outStart[u + 1] − 1] (for hop counts from a payer). */
  readonly outStart: Int32Array;
  readonly outTo: Int32Array;
  /** The least base fee and proportional fee of any direction: the floor of a hop's fee. */
  readonly minFeeBaseMsat: number;
  readonly minFeePpm: number;
}

const cache = new WeakMap<PaymentGraph, RoutingIndex>();
const watched = new WeakSet<PaymentGraph>();

export function routingIndex(graph: PaymentGraph): RoutingIndex {
  const cached = cache.get(graph);
  if (cached) return cached;
  if (!watched.has(graph)) {
    watched.add(graph);
    const drop = (): void => void cache.delete(graph);
    for (const event of ['nodeAdded', 'nodeDropped', 'edgeAdded', 'edgeDropped', 'edgeAttributesUpdated', 'cleared', 'edgesCleared'] as const) graph.on(event, drop);
  }
  const names = graph.nodes();
  const ids = new Map(names.map((n, i) => [n, i]));
  const inFrom: Int32Array[] = [];
  const inAttributes: EdgeAttributes[][] = [];
  const outTo: number[][] = names.map(() => []);
  let minFeeBaseMsat = Infinity;
  let minFeePpm = Infinity;
  for (const [v, node] of names.entries()) {
    const from: number[] = [];
    const attributes: EdgeAttributes[] = [];
    graph.forEachInEdge(node, (_key, a, source) => {
      const u = ids.get(source)!;
      from.push(u);
      attributes.push(a);
      outTo[u]!.push(v);
      minFeeBaseMsat = Math.min(minFeeBaseMsat, a.policy.feeBaseMsat);
      minFeePpm = Math.min(minFeePpm, a.policy.feePpm);
    });
    inFrom.push(Int32Array.from(from));
    inAttributes.push(attributes);
  }
  const index: RoutingIndex = {
    names,
    ids,
    inFrom,
    inAttributes,
    ...compressed(outTo),
    minFeeBaseMsat: Math.max(0, Number.isFinite(minFeeBaseMsat) ? minFeeBaseMsat : 0),
    minFeePpm: Math.max(0, Number.isFinite(minFeePpm) ? minFeePpm : 0),
  };
  cache.set(graph, index);
  return index;
}

/** Adjacency lists packed into two flat arrays (compressed sparse rows): one scan, no pointer chasing. */
function compressed(lists: readonly number[][]): { outStart: Int32Array; outTo: Int32Array } {
  const outStart = new Int32Array(lists.length + 1);
  for (const [u, list] of lists.entries()) outStart[u + 1] = outStart[u]! + list.length;
  const outTo = new Int32Array(outStart[lists.length]!);
  for (const [u, list] of lists.entries()) outTo.set(list, outStart[u]!);
  return { outStart, outTo };
}
