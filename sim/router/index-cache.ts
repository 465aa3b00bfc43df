/**
 * The router's view of a graph as flat typed arrays: nodes numbered 0…n−1 and, for each node,
 * its incoming channel directions with their policies unpacked. Iterating graphology's adjacency
 * and then following each edge's attribute and policy objects was the router's hot spot
 * (profiled): a search on the real snapshot relaxes tens of thousands of directions. The index
 * is built once per graph and dropped whenever the graph changes (graphology emits events).
 */
import type { EdgeAttributes, PaymentGraph } from './graph.js';

export interface RoutingIndex {
  readonly names: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  /**
   * The directions into node v are k = inStart[v] … inStart[v + 1] − 1: from node inFrom[k],
   * with attributes inAttributes[k] and that direction's policy and capacity unpacked below.
   */
  readonly inStart: Int32Array;
  readonly inFrom: Int32Array;
  readonly inAttributes: readonly EdgeAttributes[];
  /** The channel of direction k, numbered 0… in order of first appearance (exclusions are kept per channel number). */
  readonly inChannel: Int32Array;
  readonly channelNumbers: ReadonlyMap<string, number>;
  readonly capacityMsat: Float64Array;
  readonly feeBaseMsat: Float64Array;
  readonly feePpm: Float64Array;
  readonly cltvDelta: Float64Array;
  readonly minHtlcMsat: Float64Array;
  readonly disabled: Uint8Array;
  /**
   * The nodes u has an enabled channel direction to are outTo[outStart[u]] … outTo[outStart[u + 1] − 1]
   * (hop counts from a payer, reachability): a disabled direction never carries a route.
   */
  readonly outStart: Int32Array;
  readonly outTo: Int32Array;
  /** The enabled directions alone: what a search scans. */
  readonly enabled: EnabledDirections;
  /** The least base fee and proportional fee of any direction: the floor of a hop's fee. */
  readonly minFeeBaseMsat: number;
  readonly minFeePpm: number;
}

/**
 * The enabled directions into node v are j = start[v] … start[v + 1] − 1: direction[j] in the
 * arrays above, from node from[j], with the fields a search reads copied next to each other. A
 * quarter of the 2019 snapshot's directions are disabled; leaving them out took 11% off the search
 * (bench --routing replay). They are sorted by least fee, so that a search can leave the dear ones
 * for later (search.ts); rank[j] is the direction's place among v's in graph order, which breaks ties.
 */
export interface EnabledDirections {
  readonly start: Int32Array;
  readonly from: Int32Array;
  /** The node the direction leads to (v). */
  readonly to: Int32Array;
  readonly direction: Int32Array;
  readonly rank: Int32Array;
  readonly channel: Int32Array;
  readonly capacityMsat: Float64Array;
  readonly minHtlcMsat: Float64Array;
  readonly feeBaseMsat: Float64Array;
  readonly feePpm: Float64Array;
  readonly cltvDelta: Float64Array;
  /** A floor of the fee at any amount: the base fee, or −∞ when the proportional fee is negative. */
  readonly leastFeeMsat: Float64Array;
  /** The enabled directions out of node u: j = outOf[outOfStart[u]] … (by the node they lead to). */
  readonly outOfStart: Int32Array;
  readonly outOf: Int32Array;
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
  const index = build(graph);
  cache.set(graph, index);
  return index;
}

function build(graph: PaymentGraph): RoutingIndex {
  const names = graph.nodes();
  const ids = new Map(names.map((n, i) => [n, i]));
  const edges = graph.size;
  const inStart = new Int32Array(names.length + 1);
  const inFrom = new Int32Array(edges);
  const inAttributes: EdgeAttributes[] = [];
  const inChannel = new Int32Array(edges);
  const channelNumbers = new Map<string, number>();
  const capacityMsat = new Float64Array(edges);
  const feeBaseMsat = new Float64Array(edges);
  const feePpm = new Float64Array(edges);
  const cltvDelta = new Float64Array(edges);
  const minHtlcMsat = new Float64Array(edges);
  const disabled = new Uint8Array(edges);
  const outTo: number[][] = names.map(() => []);
  let k = 0;
  for (const [v, node] of names.entries()) {
    // In the graph's (deterministic) edge order: ties in the search depend on it.
    graph.forEachInEdge(node, (_key, a, source) => {
      const u = ids.get(source)!;
      inFrom[k] = u;
      inAttributes.push(a);
      let channel = channelNumbers.get(a.channelId);
      if (channel === undefined) channelNumbers.set(a.channelId, (channel = channelNumbers.size));
      inChannel[k] = channel;
      capacityMsat[k] = a.capacityMsat;
      feeBaseMsat[k] = a.policy.feeBaseMsat;
      feePpm[k] = a.policy.feePpm;
      cltvDelta[k] = a.policy.cltvDelta;
      minHtlcMsat[k] = a.policy.minHtlcMsat;
      disabled[k] = a.policy.disabled ? 1 : 0;
      if (!a.policy.disabled) outTo[u]!.push(v);
      k++;
    });
    inStart[v + 1] = k;
  }
  return {
    names,
    ids,
    inStart,
    inFrom,
    inAttributes,
    inChannel,
    channelNumbers,
    capacityMsat,
    feeBaseMsat,
    feePpm,
    cltvDelta,
    minHtlcMsat,
    disabled,
    enabled: enabledDirections({ inStart, inFrom, inChannel, capacityMsat, minHtlcMsat, feeBaseMsat, feePpm, cltvDelta, disabled }),
    ...compressed(outTo),
    minFeeBaseMsat: Math.max(0, least(feeBaseMsat)),
    minFeePpm: Math.max(0, least(feePpm)),
  };
}

type AllDirections = Pick<RoutingIndex, 'inStart' | 'inFrom' | 'inChannel' | 'capacityMsat' | 'minHtlcMsat' | 'feeBaseMsat' | 'feePpm' | 'cltvDelta' | 'disabled'>;

function enabledDirections({ inStart, inFrom, inChannel, capacityMsat, minHtlcMsat, feeBaseMsat, feePpm, cltvDelta, disabled }: AllDirections): EnabledDirections {
  const n = inStart.length - 1;
  const m = disabled.length - disabled.reduce((sum, d) => sum + d, 0);
  const e = {
    start: new Int32Array(n + 1),
    from: new Int32Array(m),
    to: new Int32Array(m),
    direction: new Int32Array(m),
    rank: new Int32Array(m),
    channel: new Int32Array(m),
    capacityMsat: new Float64Array(m),
    minHtlcMsat: new Float64Array(m),
    feeBaseMsat: new Float64Array(m),
    feePpm: new Float64Array(m),
    cltvDelta: new Float64Array(m),
    leastFeeMsat: new Float64Array(m),
    outOfStart: new Int32Array(n + 1),
    outOf: new Int32Array(m),
  };
  const leastFee = (k: number): number => (feePpm[k]! >= 0 ? feeBaseMsat[k]! : -Infinity);
  let j = 0;
  for (let v = 0; v < n; v++) {
    const into: number[] = [];
    for (let k = inStart[v]!; k < inStart[v + 1]!; k++) if (!disabled[k]) into.push(k);
    // A stable sort: equal fees keep the graph's order.
    const byFee = into.map((k, rank) => ({ k, rank })).sort((a, b) => leastFee(a.k) - leastFee(b.k) || a.rank - b.rank);
    for (const { k, rank } of byFee) {
      e.from[j] = inFrom[k]!;
      e.to[j] = v;
      e.direction[j] = k;
      e.rank[j] = rank;
      e.channel[j] = inChannel[k]!;
      e.capacityMsat[j] = capacityMsat[k]!;
      e.minHtlcMsat[j] = minHtlcMsat[k]!;
      e.feeBaseMsat[j] = feeBaseMsat[k]!;
      e.feePpm[j] = feePpm[k]!;
      e.cltvDelta[j] = cltvDelta[k]!;
      e.leastFeeMsat[j] = leastFee(k);
      e.outOfStart[inFrom[k]! + 1]!++;
      j++;
    }
    e.start[v + 1] = j;
  }
  for (let u = 0; u < n; u++) e.outOfStart[u + 1]! += e.outOfStart[u]!;
  const fill = e.outOfStart.slice(0, n);
  for (let i = 0; i < m; i++) e.outOf[fill[e.from[i]!]!++] = i;
  return e;
}

/** The node with the most enabled directions out (the core's hub, the first landmark). */
export function hubOf(index: RoutingIndex): number {
  const { outStart } = index;
  let best = 0;
  for (let u = 1; u < index.names.length; u++) if (outStart[u + 1]! - outStart[u]! > outStart[best + 1]! - outStart[best]!) best = u;
  return best;
}

/** The least value (0 for none); spreading a large array into Math.min would overflow the stack. */
function least(values: Float64Array): number {
  let min = values.length > 0 ? Infinity : 0;
  for (const x of values) min = Math.min(min, x);
  return min;
}

/** Adjacency lists packed into two flat arrays (compressed sparse rows): one scan, no pointer chasing. */
function compressed(lists: readonly number[][]): { outStart: Int32Array; outTo: Int32Array } {
  const outStart = new Int32Array(lists.length + 1);
  for (const [u, list] of lists.entries()) outStart[u + 1] = outStart[u]! + list.length;
  const outTo = new Int32Array(outStart[lists.length]!);
  for (const [u, list] of lists.entries()) outTo.set(list, outStart[u]!);
  return { outStart, outTo };
}
