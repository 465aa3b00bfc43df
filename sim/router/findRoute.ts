/**
 * Source routing (BRIEF §4) as a pure function over the graph: `findRoute(...) → Route | null`.
 *
 * Dijkstra runs backwards from the payee, as lnd does, because what a hop must carry depends on
 * the fees of the hops after it. The cost of an edge comes from a swappable weight getter
 * (default: the fee plus a time-lock risk term); ties are broken by an insertion counter so the
 * same graph always gives the same route. "No route" is `null`, not an exception.
 */
import { BinaryHeap } from '../heap.js';
import type { EdgeAttributes, PaymentGraph } from './graph.js';
import { inEdges } from './index-cache.js';
import { forwardingFee } from './graph.js';
import { computeHops, type Hop, type HtlcStyle, type PathEdge } from './hops.js';

/** Cost of forwarding `amountMsat` over an edge whose source node takes `feeMsat` for it. */
export type Weight = (edge: EdgeAttributes, amountMsat: number, feeMsat: number) => number;

/**
 * lnd's cost: fee plus a risk factor × amount × lock blocks (the value locked for the delta).
 * A risk factor of 15 per billion per block matches lnd's default.
 */
export const feeAndLockRisk =
  (riskPerBlockPpb = 15): Weight =>
  (edge, amountMsat, feeMsat) =>
    feeMsat + (amountMsat * edge.policy.cltvDelta * riskPerBlockPpb) / 1e9;

/**
 * Adds an lnd-style success-probability term: the a-priori chance 0.6 that a hop can forward,
 * as a cost of `attemptCostMsat` per unit of −log(probability), plus the uniform-balance estimate
 * (c + 1 − a) / (c + 1) (Pickhardt & Richter) for the amount against the capacity.
 */
export const withSuccessProbability =
  (base: Weight, attemptCostMsat = 100_000): Weight =>
  (edge, amountMsat, feeMsat) => {
    const p = 0.6 * ((edge.capacityMsat + 1 - amountMsat) / (edge.capacityMsat + 1));
    return base(edge, amountMsat, feeMsat) + attemptCostMsat * -Math.log(Math.max(p, 1e-9));
  };

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
}

export interface Route {
  readonly hops: readonly Hop[];
  readonly feeMsat: number;
  readonly totalCltv: number;
}

interface Label {
  readonly node: string;
  /** Amount that must arrive at `node` to deliver the payment from here on. */
  readonly amountMsat: number;
  /** Blocks of lock from `node`'s incoming HTLC down to the payee. */
  readonly cltv: number;
  readonly cost: number;
  readonly hops: number;
  readonly seq: number;
  /** The channel direction leaving `node` toward the payee, and the label it came from. */
  readonly via?: { readonly attributes: EdgeAttributes; readonly next: Label };
}

export function findRoute(graph: PaymentGraph, query: RouteQuery): Route | null {
  const { source, target, amountMsat } = query;
  if (!graph.hasNode(source) || !graph.hasNode(target) || source === target || amountMsat <= 0) return null;
  const weight = query.weight ?? feeAndLockRisk();
  const maxCltv = query.maxTotalCltv ?? 2016;
  const maxHops = query.maxHops ?? 20;
  const exclude = query.excludeChannels;

  const best = new Map<string, Label>();
  const settled = new Set<string>();
  const heap = new BinaryHeap<Label>(less);
  let seq = 0;
  const start: Label = { node: target, amountMsat, cltv: query.finalCltvDelta, cost: 0, hops: 0, seq: seq++ };
  best.set(target, start);
  heap.push(start);

  while (heap.size > 0) {
    const label = heap.pop()!;
    if (settled.has(label.node) || best.get(label.node) !== label) continue;
    settled.add(label.node);
    if (label.node === source) return toRoute(label, query);
    if (label.hops >= maxHops) continue;
    // Every channel direction `from → label.node`, in the graph's (deterministic) edge order.
    const carried = label.amountMsat;
    for (const { from, attributes } of inEdges(graph, label.node)) {
      const policy = attributes.policy;
      if (policy.disabled || carried > attributes.capacityMsat || carried < policy.minHtlcMsat || settled.has(from)) continue;
      if (exclude?.has(attributes.channelId)) continue;
      const atFrom = from === source;
      if (atFrom && query.spendableMsat) {
        const spendable = query.spendableMsat(attributes.channelId, from);
        if (spendable !== undefined && carried > spendable) continue;
      }
      // The sender pays no fee to itself on its first hop; every other node charges its policy.
      const feeMsat = atFrom ? 0 : forwardingFee(policy, carried);
      const cltv = label.cltv + (atFrom ? 0 : policy.cltvDelta);
      if (cltv > maxCltv) continue;
      const cost = label.cost + (atFrom ? 0 : weight(attributes, carried, feeMsat));
      const previous = best.get(from);
      if (previous && previous.cost <= cost) continue;
      const next: Label = { node: from, amountMsat: carried + feeMsat, cltv, cost, hops: label.hops + 1, seq: seq++, via: { attributes, next: label } };
      best.set(from, next);
      heap.push(next);
    }
  }
  return null;
}

function toRoute(sourceLabel: Label, query: RouteQuery): Route {
  const path: PathEdge[] = [];
  for (let l: Label | undefined = sourceLabel; l?.via; l = l.via.next) {
    path.push({ channelId: l.via.attributes.channelId, from: l.node, to: l.via.next.node, policy: l.via.attributes.policy });
  }
  const hops = computeHops(path, { amountMsat: query.amountMsat, currentHeight: query.currentHeight, finalCltvDelta: query.finalCltvDelta, ...(query.style ? { style: query.style } : {}) });
  return { hops, feeMsat: hops[0]!.amountMsat - query.amountMsat, totalCltv: hops[0]!.expiryHeight - query.currentHeight };
}

/** Dijkstra's order: cost, then insertion (equal costs pop first come, first served). */
const less = (a: Label, b: Label): boolean => a.cost < b.cost || (a.cost === b.cost && a.seq < b.seq);
