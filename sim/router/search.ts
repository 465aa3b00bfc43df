/**
 * The backward search itself, made once per routing index and reused by every search on it
 * (findRoute.ts asks it and builds the route). Its steps are closures over the index's arrays and
 * the labels (labels.ts), made with the searcher; a query only sets the variables they read, so a
 * search allocates nothing.
 *
 * Dijkstra runs backwards from the payee, guided toward the payer (A*) when the weight allows.
 * Ties are broken by a counter: the order in which a search relaxing each settled node's
 * directions at once, in graph order, would meet the offers.
 */
import type { Weight, RouteQuery } from './findRoute.js';
import { UNREACHABLE, type PayerHops } from './hopCounts.js';
import type { RoutingIndex } from './index-cache.js';
import type { Labels } from './labels.js';
import { Landmarks } from './landmarks.js';
import { searchStats } from './searchStats.js';

/** Runs one search: the payer's cost when a route was found (its labels then lead to the payee), else undefined. */
export type Searcher = (query: RouteQuery, weight: Weight) => number | undefined;

/** Guided searches an index serves before its landmarks are built. */
const LANDMARKS_AFTER = 16;

const searchers = new WeakMap<RoutingIndex, Searcher>();

/** The searcher of `index`, whose working memory is `labels` (the same object for every search on it). */
export function searcherFor(index: RoutingIndex, labels: Labels): Searcher {
  let searcher = searchers.get(index);
  if (!searcher) searchers.set(index, (searcher = makeSearcher(index, labels)));
  return searcher;
}

function makeSearcher(index: RoutingIndex, labels: Labels): Searcher {
  const { reached, settled, excluded, cost, seq, amount, cltv, hops, nextNode, via, heap, waiting, next, seqBase, payerPeer, payerFirst, bound, bounded } = labels;
  const { inAttributes } = index;
  const { start, from, to, direction, rank, channel, capacityMsat, minHtlcMsat, feeBaseMsat, feePpm, cltvDelta, leastFeeMsat, outOfStart, outOf } = index.enabled;
  // What the query at hand sets (a search never nests in another).
  let epoch = 0;
  let src = -1;
  let query: RouteQuery | undefined;
  let weight: Weight | undefined;
  let risk: number | undefined;
  let atLeastFee = false;
  let perHop = 0;
  let fromPayer: PayerHops | undefined;
  let maxCltv = 0;
  let maxCarried = 0;

  /** (Hops from the payer − 1) × the cheapest fee: a lower bound of the cost still to come. */
  const hopGuide = (u: number): number => {
    const d = fromPayer ? fromPayer.at(u) : 0;
    return d > 1 ? (d - 1) * perHop : 0;
  };

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
    if (atSource && query!.spendableMsat) {
      const spendable = query!.spendableMsat(inAttributes[direction[j]!]!.channelId, query!.source);
      if (spendable !== undefined && carried > spendable) return;
    }
    // The sender pays no fee to itself on its first hop; every other node charges its policy
    // (forwardingFee's arithmetic, on the unpacked policy).
    const feeMsat = atSource ? 0 : feeBaseMsat[j]! + Math.floor((carried * feePpm[j]!) / 1_000_000);
    const lock = cltv[v]! + (atSource ? 0 : cltvDelta[j]!);
    if (lock > maxCltv || carried + feeMsat > maxCarried) return;
    const edgeCost = atSource ? 0 : risk !== undefined ? feeMsat + (carried * cltvDelta[j]! * risk) / 1e9 : weight!(inAttributes[direction[j]!]!, carried, feeMsat, index.names[u]!);
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

  return (q, w) => {
    query = q;
    weight = w;
    epoch = labels.epoch;
    src = index.ids.get(q.source)!;
    const dst = index.ids.get(q.target)!;
    maxCltv = q.maxTotalCltv ?? 2016;
    const maxHops = q.maxHops ?? 20;
    // Fees only grow toward the payer, so a partial route already over the limit is dropped.
    maxCarried = q.amountMsat + (q.maxFeeMsat ?? Infinity);
    risk = w.lockRiskPpb;
    if (!labels.reachability.mayReach(src, dst)) return undefined;
    if (q.excludeChannels) {
      for (const id of q.excludeChannels) {
        const number = index.channelNumbers.get(id);
        if (number !== undefined) excluded[number] = epoch;
      }
    }
    // A*: the heap orders by cost so far plus a lower bound of the cost still to come, (hops from
    // the payer − 1) × the cheapest fee (the payer charges itself nothing). The bound never
    // overestimates and grows by at most one hop's fee per channel, so the first route to reach
    // the payer is still the cheapest; nodes the payer cannot reach are never queued. On real
    // snapshots the cheapest base and proportional fees are 0: this bound is 0 there.
    atLeastFee = w.atLeastFee === true;
    perHop = atLeastFee ? index.minFeeBaseMsat + Math.floor((q.amountMsat * index.minFeePpm) / 1_000_000) : 0;
    fromPayer = perHop > 0 ? labels.hopCounts.from(src) : undefined;
    if (fromPayer?.at(dst) === UNREACHABLE) return undefined;
    // The landmark bound (landmarks.ts) on top, for weights that are at least the fee. Building it
    // costs about as much as 16 searches of the whole graph, and a graph that changes (channels
    // opened, policies gossiped) gets a new index: it is built once an index has served that many.
    const landmarks = atLeastFee && ++labels.searches > LANDMARKS_AFTER ? (labels.landmarks ??= new Landmarks(index)) : undefined;
    landmarks?.bindPayer(src);

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
    amount[dst] = q.amountMsat;
    cltv[dst] = q.finalCltvDelta;
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
      if (heap.size === 0) return undefined;
      const v = heap.pop();
      settled[v] = epoch;
      searchStats.settled++;
      if (v === src) return cost[src]!;
      if (hops[v]! >= maxHops) continue;
      seqBase[v] = counter;
      counter += start[v + 1]! - start[v]!;
      if (payerPeer[v] === epoch) for (let i = payerFirst[v]!; i < outOfStart[src + 1]! && to[outOf[i]!] === v; i++) relax(outOf[i]!, v);
      next[v] = start[v]!;
      scan(v, atLeastFee ? least : Infinity);
    }
  };
}
