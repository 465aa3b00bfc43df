/**
 * A minimal backward Dijkstra with the same cost, checks and tie-breaking as `findRoute`, kept
 * as plain as possible: the yardstick of `pcnsim bench --routing` (how far the production search
 * is from a bare one on the same queries) and the reference of the router's property tests.
 *
 * Its frontier is a binary heap with lazy deletion: an improved node is pushed again and its
 * stale entries are skipped when popped. Entries are ordered by (cost, counter), the counter
 * taken at each improvement, which is the order `findRoute`'s indexed heap keeps.
 */
import type { PaymentGraph } from './graph.js';
import { routingIndex, type RoutingIndex } from './index-cache.js';
import type { RouteQuery } from './findRoute.js';

export interface ReferenceRoute {
  /** Channel ids from payer to payee. */
  readonly channels: readonly string[];
  readonly cost: number;
  /** Nodes settled before the payer was reached. */
  readonly settled: number;
}

interface Scratch {
  readonly cost: Float64Array;
  readonly amount: Float64Array;
  readonly cltv: Float64Array;
  readonly hops: Int32Array;
  readonly via: Int32Array;
  readonly settled: Uint8Array;
  readonly excluded: Uint8Array;
  heapCost: Float64Array;
  heapSeq: Float64Array;
  heapNode: Int32Array;
}

const scratches = new WeakMap<RoutingIndex, Scratch>();

function scratchFor(index: RoutingIndex): Scratch {
  let s = scratches.get(index);
  const n = index.names.length;
  const m = index.inFrom.length + 1;
  if (!s) {
    s = { cost: new Float64Array(n), amount: new Float64Array(n), cltv: new Float64Array(n), hops: new Int32Array(n), via: new Int32Array(n), settled: new Uint8Array(n), excluded: new Uint8Array(index.channelNumbers.size), heapCost: new Float64Array(m), heapSeq: new Float64Array(m), heapNode: new Int32Array(m) };
    scratches.set(index, s);
  }
  s.cost.fill(Infinity);
  s.via.fill(-1);
  s.settled.fill(0);
  return s;
}

/**
 * `guide`, when given, is a lower bound of the cost from the payer to a node (by node number in
 * the routing index; +∞: the node is never queued), added to the cost in the heap's order: the
 * A* search findRoute runs, for the property tests of its guided search.
 */
export function referenceRoute(graph: PaymentGraph, query: RouteQuery, guide?: (node: number) => number): ReferenceRoute | null {
  const { source, target, amountMsat } = query;
  if (!graph.hasNode(source) || !graph.hasNode(target) || source === target || amountMsat <= 0) return null;
  const index = routingIndex(graph);
  const s = scratchFor(index);
  const excluded = [...(query.excludeChannels ?? [])].flatMap((id) => index.channelNumbers.get(id) ?? []);
  for (const c of excluded) s.excluded[c] = 1;
  try {
    return search(index, s, query, guide);
  } finally {
    for (const c of excluded) s.excluded[c] = 0;
  }
}

function search(index: RoutingIndex, s: Scratch, query: RouteQuery, guide: ((node: number) => number) | undefined): ReferenceRoute | null {
  const src = index.ids.get(query.source)!;
  const dst = index.ids.get(query.target)!;
  const maxCltv = query.maxTotalCltv ?? 2016;
  const maxHops = query.maxHops ?? 20;
  const maxCarried = query.amountMsat + (query.maxFeeMsat ?? Infinity);
  const risk = query.weight?.lockRiskPpb ?? (query.weight ? undefined : 15);
  let size = 0;
  let seq = 0;
  const push = (node: number, cost: number): void => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (s.heapCost[p]! < cost || (s.heapCost[p] === cost && s.heapSeq[p]! < seq)) break;
      s.heapCost[i] = s.heapCost[p]!;
      s.heapSeq[i] = s.heapSeq[p]!;
      s.heapNode[i] = s.heapNode[p]!;
      i = p;
    }
    s.heapCost[i] = cost;
    s.heapSeq[i] = seq++;
    s.heapNode[i] = node;
  };
  const pop = (): number => {
    const top = s.heapNode[0]!;
    const cost = s.heapCost[--size]!;
    const sq = s.heapSeq[size]!;
    const node = s.heapNode[size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && (s.heapCost[c + 1]! < s.heapCost[c]! || (s.heapCost[c + 1] === s.heapCost[c] && s.heapSeq[c + 1]! < s.heapSeq[c]!))) c++;
      if (cost < s.heapCost[c]! || (cost === s.heapCost[c] && sq < s.heapSeq[c]!)) break;
      s.heapCost[i] = s.heapCost[c]!;
      s.heapSeq[i] = s.heapSeq[c]!;
      s.heapNode[i] = s.heapNode[c]!;
      i = c;
    }
    s.heapCost[i] = cost;
    s.heapSeq[i] = sq;
    s.heapNode[i] = node;
    return top;
  };

  s.cost[dst] = 0;
  s.amount[dst] = query.amountMsat;
  s.cltv[dst] = query.finalCltvDelta;
  s.hops[dst] = 0;
  push(dst, 0);
  let settled = 0;
  while (size > 0) {
    const v = pop();
    if (s.settled[v]) continue; // a stale entry
    s.settled[v] = 1;
    settled++;
    if (v === src) return path(index, s, src, settled);
    if (s.hops[v]! >= maxHops) continue;
    const carried = s.amount[v]!;
    for (let k = index.inStart[v]!; k < index.inStart[v + 1]!; k++) {
      const u = index.inFrom[k]!;
      if (s.settled[u] || index.disabled[k] || carried > index.capacityMsat[k]! || carried < index.minHtlcMsat[k]! || s.excluded[index.inChannel[k]!]) continue;
      const atSource = u === src;
      if (atSource && query.spendableMsat) {
        const spendable = query.spendableMsat(index.inAttributes[k]!.channelId, query.source);
        if (spendable !== undefined && carried > spendable) continue;
      }
      const fee = atSource ? 0 : index.feeBaseMsat[k]! + Math.floor((carried * index.feePpm[k]!) / 1_000_000);
      const lock = s.cltv[v]! + (atSource ? 0 : index.cltvDelta[k]!);
      if (lock > maxCltv || carried + fee > maxCarried) continue;
      const edgeCost = atSource ? 0 : risk !== undefined ? fee + (carried * index.cltvDelta[k]! * risk) / 1e9 : query.weight!(index.inAttributes[k]!, carried, fee, index.names[u]!);
      if (edgeCost === Infinity) continue;
      const c = s.cost[v]! + edgeCost;
      if (s.cost[u]! <= c) continue;
      const g = guide ? guide(u) : 0;
      if (g === Infinity) continue;
      s.cost[u] = c;
      s.amount[u] = carried + fee;
      s.cltv[u] = lock;
      s.hops[u] = s.hops[v]! + 1;
      s.via[u] = k;
      push(u, c + g);
    }
  }
  return null;
}

function path(index: RoutingIndex, s: Scratch, src: number, settled: number): ReferenceRoute {
  const channels: string[] = [];
  // Direction via[u] leads from u to the node whose in-edges hold it.
  for (let u = src, k = s.via[u]!; k >= 0; k = s.via[u]!) {
    channels.push(index.inAttributes[k]!.channelId);
    u = headOf(index, k);
  }
  return { channels, cost: s.cost[src]!, settled };
}

/** The node a direction leads to: the v whose in-edge range holds k (binary search over inStart). */
function headOf(index: RoutingIndex, k: number): number {
  let lo = 0;
  let hi = index.names.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.inStart[mid]! <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
