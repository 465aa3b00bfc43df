/**
 * Source routing (BRIEF §4) as a pure function over the graph: `findRoute(...) → Route | null`.
 *
 * Dijkstra runs backwards from the payee, as lnd does, because what a hop must carry depends on
 * the fees of the hops after it; when the weight allows, it is guided toward the payer (A*, see
 * below). The cost of an edge comes from a swappable weight getter (default: the fee plus a
 * time-lock risk term); ties are broken by a counter (the order in which a search would meet
 * the offers relaxing each settled node's directions in graph order) so the same graph always
 * gives the same route. "No route" is `null`, not an exception.
 */
import type { EdgeAttributes, PaymentGraph } from './graph.js';
import { routingIndex, type RoutingIndex } from './index-cache.js';
import { computeHops, type Hop, type HtlcStyle, type PathEdge } from './hops.js';
import { UNREACHABLE } from './hopCounts.js';
import { labelsFor } from './labels.js';
import { Landmarks } from './landmarks.js';
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

/** Guided searches an index serves before its landmarks are built. */
const LANDMARKS_AFTER = 16;

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
  const { epoch, reached, settled, excluded, cost, seq, amount, cltv, hops, nextNode, via, heap, waiting, next, seqBase, payerPeer, payerFirst } = labels;
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
  const atLeastFee = weight.atLeastFee === true;
  const perHop = atLeastFee ? index.minFeeBaseMsat + Math.floor((amountMsat * index.minFeePpm) / 1_000_000) : 0;
  const fromPayer = perHop > 0 ? labels.hopCounts.from(src) : undefined;
  if (fromPayer?.at(dst) === UNREACHABLE) return null;
  const hopGuide = (u: number): number => {
    const d = fromPayer ? fromPayer.at(u) : 0;
    return d > 1 ? (d - 1) * perHop : 0;
  };
  // The landmark bound (landmarks.ts) on top, for weights that are at least the fee. Building it
  // costs about as much as 16 searches of the whole graph, and a graph that changes (channels
  // opened, policies gossiped) gets a new index: it is built once an index has served that many.
  const landmarks = atLeastFee && ++labels.searches > LANDMARKS_AFTER ? (labels.landmarks ??= new Landmarks(index)) : undefined;
  landmarks?.bindPayer(src);
  const { bound, bounded } = labels;
  const risk = weight.lockRiskPpb;
  const { inAttributes } = index;
  const { start, from, to, direction, rank, channel, capacityMsat, minHtlcMsat, feeBaseMsat, feePpm, cltvDelta, leastFeeMsat, outOfStart, outOf } = index.enabled;

  /**
   * Offers u the label "leave by direction j to settled node v". Ties are broken by a counter,
   * seqBase[v] + the direction's rank: the order in which a search relaxing each settled node's
   * directions at once, in graph order, would have met them. So the order in which this search
   * relaxes them does not matter: a label stands against any later offer as cheap.
   */
  const relax = (j: number, v: number): void => {
    const u = from[j]!;
    const carried = amount[v]!;
    if (settled[u] === epoch || carried > capacityMsat[j]! || carried < minHtlcMsat[j]! || excluded[channel[j]!] === epoch) return;
    if (fromPayer?.at(u) === UNREACHABLE) return;
    const atSource = u === src;
    if (atSource && query.spendableMsat) {
      const spendable = query.spendableMsat(inAttributes[direction[j]!]!.channelId, source);
      if (spendable !== undefined && carried > spendable) return;
    }
    // The sender pays no fee to itself on its first hop; every other node charges its policy
    // (forwardingFee's arithmetic, on the unpacked policy).
    const feeMsat = atSource ? 0 : feeBaseMsat[j]! + Math.floor((carried * feePpm[j]!) / 1_000_000);
    const lock = cltv[v]! + (atSource ? 0 : cltvDelta[j]!);
    if (lock > maxCltv || carried + feeMsat > maxCarried) return;
    const edgeCost = atSource ? 0 : risk !== undefined ? feeMsat + (carried * cltvDelta[j]! * risk) / 1e9 : weight(inAttributes[direction[j]!]!, carried, feeMsat, index.names[u]!);
    if (edgeCost === Infinity) return;
    const c = cost[v]! + edgeCost;
    const s = seqBase[v]! + rank[j]!;
    if (reached[u] === epoch && (cost[u]! < c || (cost[u] === c && seq[u]! < s))) return;
    let guide = hopGuide(u);
    if (bounded[u] === epoch) {
      if (bound[u]! > guide) guide = bound[u]!;
      if (guide === Infinity) return; // the payer cannot reach u
    }
    reached[u] = epoch;
    cost[u] = c;
    seq[u] = s;
    amount[u] = carried + feeMsat;
    cltv[u] = lock;
    hops[u] = hops[v]! + 1;
    nextNode[u] = v;
    via[u] = direction[j]!;
    heap.set(u, c + guide, s);
  };

  /**
   * Relaxes v's directions in order of least fee while they could give a key up to `limit`; the
   * rest wait. A weight at least the fee costs at least the base fee, so a direction whose
   * cost[v] + least fee exceeds the frontier's least key cannot change what is settled next: on
   * the 2019 snapshot three quarters of the directions scanned never had to be, and a node already
   * reached for less is passed over before the fee is worked out.
   */
  const scan = (v: number, limit: number): void => {
    const costV = cost[v]!;
    const end = start[v + 1]!;
    let j = next[v]!;
    for (; j < end; j++) {
      const floor = atLeastFee ? costV + leastFeeMsat[j]! : -Infinity;
      if (floor > limit) break;
      const u = from[j]!;
      // The payer's own directions were relaxed when v was settled (at no fee, they cannot wait).
      if (u === src || (reached[u] === epoch && cost[u]! < floor)) continue;
      relax(j, v);
    }
    next[v] = j;
    if (j < end) waiting.set(v, costV + leastFeeMsat[j]!, 0);
  };

  // The payer's directions, by the node they lead to.
  for (let i = outOfStart[src]!; i < outOfStart[src + 1]!; i++) {
    const v = to[outOf[i]!]!;
    if (payerPeer[v] === epoch) continue;
    payerPeer[v] = epoch;
    payerFirst[v] = i;
  }
  let counter = 1;
  reached[dst] = epoch;
  cost[dst] = 0;
  seq[dst] = 0;
  amount[dst] = amountMsat;
  cltv[dst] = query.finalCltvDelta;
  hops[dst] = 0;
  nextNode[dst] = -1;
  heap.set(dst, 0, 0);

  for (;;) {
    // The landmark bound is worked out only for a node that comes to the top (a fifth of those
    // queued): until then its key is the lower cost + hop guide.
    while (landmarks && heap.size > 0 && bounded[heap.peek()] !== epoch) {
      const top = heap.peek();
      bounded[top] = epoch;
      bound[top] = landmarks.bound(top);
      if (bound[top] === Infinity) heap.pop();
      else if (bound[top]! > hopGuide(top)) heap.raiseTop(cost[top]! + bound[top]!);
    }
    const least = heap.size > 0 ? heap.peekKey() : Infinity;
    if (waiting.size > 0 && waiting.peekKey() <= least) {
      scan(waiting.pop(), least);
      continue;
    }
    if (heap.size === 0) return null;
    const v = heap.pop();
    settled[v] = epoch;
    searchStats.settled++;
    if (v === src) return toRoute(index, src, nextNode, via, query, cost[src]!);
    if (hops[v]! >= maxHops) continue;
    seqBase[v] = counter;
    counter += start[v + 1]! - start[v]!;
    if (payerPeer[v] === epoch) for (let i = payerFirst[v]!; i < outOfStart[src + 1]! && to[outOf[i]!] === v; i++) relax(outOf[i]!, v);
    next[v] = start[v]!;
    scan(v, atLeastFee ? least : Infinity);
  }
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
