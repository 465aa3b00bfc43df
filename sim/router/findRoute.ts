/**
 * Source routing (BRIEF §4) as a pure function over the graph: `findRoute(...) → Route | null`.
 *
 * Dijkstra runs backwards from the payee, as lnd does, because what a hop must carry depends on
 * the fees of the hops after it; when the weight allows, it is guided toward the payer (A*, see
 * below). The cost of an edge comes from a swappable weight getter (default: the fee plus a
 * time-lock risk term); ties are broken by an insertion counter so the same graph always gives
 * the same route. "No route" is `null`, not an exception.
 */
import type { EdgeAttributes, PaymentGraph } from './graph.js';
import { routingIndex, type RoutingIndex } from './index-cache.js';
import { computeHops, type Hop, type HtlcStyle, type PathEdge } from './hops.js';
import { HopCounts, UNREACHABLE } from './hopCounts.js';
import { Landmarks } from './landmarks.js';
import { Reachability } from './reach.js';
import { NodeHeap } from './nodeHeap.js';
import { searchStats } from './searchStats.js';

/**
 * Cost of forwarding `amountMsat` over an edge whose source node takes `feeMsat` for it. A
 * weight marked `atLeastFee` is the fee plus non-negative terms: the search may then use the
 * graph's cheapest fee as a lower bound per hop and go straight for the payer (A*). `from` is the
 * edge's source node (mission control remembers directions). A weight of +∞ rules the edge out.
 */
export type Weight = ((edge: EdgeAttributes, amountMsat: number, feeMsat: number, from: string) => number) & {
  readonly atLeastFee?: boolean;
  /** Set by feeAndLockRisk: the search computes that weight inline from its arrays (same arithmetic). */
  readonly lockRiskPpb?: number;
};

/**
 * lnd's cost: fee plus a risk factor × amount × lock blocks (the value locked for the delta).
 * A risk factor of 15 per billion per block matches lnd's default.
 */
export const feeAndLockRisk = (riskPerBlockPpb = 15): Weight =>
  Object.assign((edge: EdgeAttributes, amountMsat: number, feeMsat: number) => feeMsat + (amountMsat * edge.policy.cltvDelta * riskPerBlockPpb) / 1e9, {
    atLeastFee: riskPerBlockPpb >= 0,
    lockRiskPpb: riskPerBlockPpb,
  });

/**
 * Adds an lnd-style success-probability term: the a-priori chance 0.6 that a hop can forward,
 * as a cost of `attemptCostMsat` per unit of −log(probability), plus the uniform-balance estimate
 * (c + 1 − a) / (c + 1) (Pickhardt & Richter) for the amount against the capacity.
 */
export const withSuccessProbability = (base: Weight, attemptCostMsat = 100_000): Weight =>
  Object.assign(
    (edge: EdgeAttributes, amountMsat: number, feeMsat: number, from: string) => {
      const p = 0.6 * ((edge.capacityMsat + 1 - amountMsat) / (edge.capacityMsat + 1));
      return base(edge, amountMsat, feeMsat, from) + attemptCostMsat * -Math.log(Math.max(p, 1e-9));
    },
    { atLeastFee: base.atLeastFee === true && attemptCostMsat >= 0 },
  );

const defaultWeight = feeAndLockRisk();

export interface RouteQuery {
  readonly source: string;
  readonly target: string;
  readonly amountMsat: number;
  readonly currentHeight: number;
  readonly finalCltvDelta: number;
  readonly weight?: Weight;
  /** Channels not to use (e.g. ones that just failed). */
  readonly excludeChannels?: ReadonlySet<string>;
  /** The sender's own knowledge of spendable balances, by edge key `channelId>from`. */
  readonly spendableMsat?: (channelId: string, from: string) => number | undefined;
  /** Largest total time lock (BOLT #4 max: 2016 blocks). */
  readonly maxTotalCltv?: number;
  readonly maxHops?: number;
  readonly style?: HtlcStyle;
  /** The payer's fee limit: routes whose fees add up to more are not taken. */
  readonly maxFeeMsat?: number;
}

export interface Route {
  readonly hops: readonly Hop[];
  readonly feeMsat: number;
  readonly totalCltv: number;
  /** What the search minimised: the sum of the weight over the route's hops (fees and risk terms). */
  readonly cost: number;
}

/**
 * Per node: best cost so far, amount that must arrive there, lock blocks from there to the
 * payee, hops, and the channel direction (and next node) it leaves by toward the payee. Kept per
 * graph index and never cleared: a label counts only when its node's stamp equals the current
 * search's epoch, and a channel is excluded when its stamp does, so a search touches only what it
 * reaches and allocates nothing (searches never nest).
 */
interface Labels {
  epoch: number;
  /** The epoch in which a node's labels were last set (else its cost is +∞). */
  readonly reached: Uint32Array;
  /** The epoch in which a node was settled. */
  readonly settled: Uint32Array;
  /** The epoch in which a channel (by number) was excluded. */
  readonly excluded: Uint32Array;
  readonly cost: Float64Array;
  readonly amount: Float64Array;
  readonly cltv: Int32Array;
  readonly hops: Int32Array;
  readonly nextNode: Int32Array;
  /** The index of the direction (into the routing index's in-edge arrays) by which a node leaves. */
  readonly via: Int32Array;
  readonly heap: NodeHeap;
  readonly hopCounts: HopCounts;
  readonly reachability: Reachability;
  /** Searches run on this index: landmarks are built only once it has served a few (see below). */
  searches: number;
  landmarks: Landmarks | undefined;
  /** A node's landmark bound, computed once per search (valid when its stamp is the epoch). */
  readonly bound: Float64Array;
  readonly bounded: Uint32Array;
}

const scratch = new WeakMap<RoutingIndex, Labels>();

/** Guided searches an index serves before its landmarks are built. */
const LANDMARKS_AFTER = 16;

function labelsFor(index: RoutingIndex): Labels {
  let labels = scratch.get(index);
  const n = index.names.length;
  if (!labels) {
    const hopCounts = new HopCounts(index);
    labels = {
      epoch: 0,
      reached: new Uint32Array(n),
      settled: new Uint32Array(n),
      excluded: new Uint32Array(index.channelNumbers.size),
      cost: new Float64Array(n),
      amount: new Float64Array(n),
      cltv: new Int32Array(n),
      hops: new Int32Array(n),
      nextNode: new Int32Array(n),
      via: new Int32Array(n),
      heap: new NodeHeap(n),
      hopCounts,
      reachability: new Reachability(index),
      searches: 0,
      landmarks: undefined,
      bound: new Float64Array(n),
      bounded: new Uint32Array(n),
    };
    scratch.set(index, labels);
  }
  if (labels.epoch === 0xffffffff) {
    // After 2^32 − 1 searches the stamps would repeat: start them over.
    labels.epoch = 0;
    for (const stamps of [labels.reached, labels.settled, labels.excluded, labels.bounded]) stamps.fill(0);
  }
  labels.epoch++;
  labels.heap.clear();
  return labels;
}

export function findRoute(graph: PaymentGraph, query: RouteQuery): Route | null {
  const { source, target, amountMsat } = query;
  if (!graph.hasNode(source) || !graph.hasNode(target) || source === target || amountMsat <= 0) return null;
  searchStats.record?.(graph, query);
  searchStats.searches++;
  const weight = query.weight ?? defaultWeight;
  const maxCltv = query.maxTotalCltv ?? 2016;
  const maxHops = query.maxHops ?? 20;
  // Fees only grow toward the payer, so a partial route already over the limit is dropped.
  const maxCarried = amountMsat + (query.maxFeeMsat ?? Infinity);
  const index = routingIndex(graph);
  const src = index.ids.get(source)!;
  const dst = index.ids.get(target)!;
  const labels = labelsFor(index);
  const { epoch, reached, settled, excluded, cost, amount, cltv, hops, nextNode, via, heap, hopCounts } = labels;
  if (!labels.reachability.mayReach(src, dst)) return null;
  if (query.excludeChannels) {
    for (const id of query.excludeChannels) {
      const channel = index.channelNumbers.get(id);
      if (channel !== undefined) excluded[channel] = epoch;
    }
  }
  // A*: the heap orders by cost so far plus a lower bound of the cost still to come, (hops from
  // the payer − 1) × the cheapest fee (the payer charges itself nothing). The bound never
  // overestimates and grows by at most one hop's fee per channel, so the first route to reach
  // the payer is still the cheapest; nodes the payer cannot reach are never queued. On real
  // snapshots the cheapest base and proportional fees are 0: the bound is 0 and this is Dijkstra.
  const perHop = weight.atLeastFee ? index.minFeeBaseMsat + Math.floor((amountMsat * index.minFeePpm) / 1_000_000) : 0;
  const fromPayer = perHop > 0 ? hopCounts.from(src) : undefined;
  if (fromPayer?.[dst] === UNREACHABLE) return null;
  // The landmark bound (landmarks.ts) on top, for weights that are at least the fee. Building it
  // costs about as much as 16 searches of the whole graph, and a graph that changes (channels
  // opened, policies gossiped) gets a new index: it is built once an index has served that many.
  const landmarks = weight.atLeastFee && ++labels.searches > LANDMARKS_AFTER ? (labels.landmarks ??= new Landmarks(index)) : undefined;
  landmarks?.bindPayer(src);
  const { bound, bounded } = labels;
  const risk = weight.lockRiskPpb;
  const { inAttributes } = index;
  const { start, from, direction, channel, capacityMsat, minHtlcMsat, feeBaseMsat, feePpm, cltvDelta, leastFeeMsat } = index.enabled;
  // A weight at least the fee costs at least the base fee (leastFeeMsat): a node already reached
  // that cheaply is passed over before the fee is worked out (a third of the directions scanned).
  const atLeastFee = weight.atLeastFee === true;
  let seq = 0;
  reached[dst] = epoch;
  cost[dst] = 0;
  amount[dst] = amountMsat;
  cltv[dst] = query.finalCltvDelta;
  hops[dst] = 0;
  nextNode[dst] = -1;
  heap.set(dst, 0, seq++);

  while (heap.size > 0) {
    const v = heap.pop();
    settled[v] = epoch;
    searchStats.settled++;
    if (v === src) return toRoute(index, src, nextNode, via, query, cost[src]!);
    if (hops[v]! >= maxHops) continue;
    const carried = amount[v]!;
    const costV = cost[v]!;
    // Every enabled channel direction `u → v`, in the graph's (deterministic) edge order.
    for (let j = start[v]!, end = start[v + 1]!; j < end; j++) {
      const u = from[j]!;
      if (settled[u] === epoch) continue;
      if (atLeastFee && reached[u] === epoch && cost[u]! <= costV + leastFeeMsat[j]! && u !== src) continue;
      if (carried > capacityMsat[j]! || carried < minHtlcMsat[j]! || excluded[channel[j]!] === epoch) continue;
      const d = fromPayer ? fromPayer[u]! : 0;
      if (d === UNREACHABLE) continue;
      const atSource = u === src;
      if (atSource && query.spendableMsat) {
        const spendable = query.spendableMsat(inAttributes[direction[j]!]!.channelId, source);
        if (spendable !== undefined && carried > spendable) continue;
      }
      // The sender pays no fee to itself on its first hop; every other node charges its policy
      // (forwardingFee's arithmetic, on the unpacked policy).
      const feeMsat = atSource ? 0 : feeBaseMsat[j]! + Math.floor((carried * feePpm[j]!) / 1_000_000);
      const lock = cltv[v]! + (atSource ? 0 : cltvDelta[j]!);
      if (lock > maxCltv || carried + feeMsat > maxCarried) continue;
      const edgeCost = atSource ? 0 : risk !== undefined ? feeMsat + (carried * cltvDelta[j]! * risk) / 1e9 : weight(inAttributes[direction[j]!]!, carried, feeMsat, index.names[u]!);
      if (edgeCost === Infinity) continue;
      const c = costV + edgeCost;
      if (reached[u] === epoch && cost[u]! <= c) continue;
      let guide = d > 1 ? (d - 1) * perHop : 0;
      if (landmarks) {
        if (bounded[u] !== epoch) {
          bounded[u] = epoch;
          bound[u] = landmarks.bound(u);
        }
        if (bound[u]! > guide) guide = bound[u]!;
        if (guide === Infinity) continue; // the payer cannot reach u
      }
      reached[u] = epoch;
      cost[u] = c;
      amount[u] = carried + feeMsat;
      cltv[u] = lock;
      hops[u] = hops[v]! + 1;
      nextNode[u] = v;
      via[u] = direction[j]!;
      heap.set(u, c + guide, seq++);
    }
  }
  return null;
}

function toRoute(index: RoutingIndex, src: number, nextNode: Int32Array, via: Int32Array, query: RouteQuery, cost: number): Route {
  const path: PathEdge[] = [];
  for (let u = src; nextNode[u]! >= 0; u = nextNode[u]!) {
    const attributes = index.inAttributes[via[u]!]!;
    path.push({ channelId: attributes.channelId, from: index.names[u]!, to: index.names[nextNode[u]!]!, policy: attributes.policy });
  }
  const hops = computeHops(path, { amountMsat: query.amountMsat, currentHeight: query.currentHeight, finalCltvDelta: query.finalCltvDelta, style: query.style });
  return { hops, feeMsat: hops[0]!.amountMsat - query.amountMsat, totalCltv: hops[0]!.expiryHeight - query.currentHeight, cost };
}
