/**
 * The router's view of a graph as plain arrays: for each node, its incoming channel directions.
 * Iterating graphology's adjacency for every relaxation is the router's hot spot, so the arrays
 * are built once per graph and dropped whenever the graph changes (graphology emits events).
 */
import type { EdgeAttributes, PaymentGraph } from './graph.js';

export interface InEdge {
  readonly from: string;
  readonly attributes: EdgeAttributes;
}

const cache = new WeakMap<PaymentGraph, Map<string, readonly InEdge[]>>();
const watched = new WeakSet<PaymentGraph>();

/** The incoming channel directions of `node`, in the graph's (deterministic) edge order. */
export function inEdges(graph: PaymentGraph, node: string): readonly InEdge[] {
  let byNode = cache.get(graph);
  if (!byNode) {
    byNode = new Map();
    cache.set(graph, byNode);
    if (!watched.has(graph)) {
      watched.add(graph);
      const drop = (): void => void cache.delete(graph);
      for (const event of ['nodeAdded', 'nodeDropped', 'edgeAdded', 'edgeDropped', 'edgeAttributesUpdated', 'cleared', 'edgesCleared'] as const) {
        graph.on(event, drop);
      }
    }
  }
  let list = byNode.get(node);
  if (!list) {
    const built: InEdge[] = [];
    graph.forEachInEdge(node, (_key, attributes, from) => void built.push({ from, attributes }));
    byNode.set(node, (list = built));
  }
  return list;
}
