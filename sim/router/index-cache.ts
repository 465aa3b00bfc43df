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
  for (const node of names) {
    const from: number[] = [];
    const attributes: EdgeAttributes[] = [];
    graph.forEachInEdge(node, (_key, a, source) => {
      from.push(ids.get(source)!);
      attributes.push(a);
    });
    inFrom.push(Int32Array.from(from));
    inAttributes.push(attributes);
  }
  const index: RoutingIndex = { names, ids, inFrom, inAttributes };
  cache.set(graph, index);
  return index;
}
