/**
 * Source routing (BRIEF §4) as a pure function over the graph: `findRoute(...) → Route | null`.
 *
 * Dijkstra runs backwards from the payee, as lnd does, because what a hop must carry depends on
 * the fees of the hops after it; when the weight allows, it is guided toward the payer (A*, see
 * search.ts). The cost of an edge comes from a swappable weight getter (default: the fee plus a
 * time-lock risk term); ties are broken by a counter (the order in which a search would meet
 * the offers relaxing each settled node's directions in graph order) so the same graph always
 * gives the same route. "No route" is `null`, not an exception.
 */
import type { EdgeAttributes, PaymentGraph } from './graph.js';
import { routingIndex, type RoutingIndex } from './index-cache.js';
import { computeHops, type Hop, type HtlcStyle, type PathEdge } from './hops.js';
import { labelsFor } from './labels.js';
import { searcherFor } from './search.js';
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

export function findRoute(graph: PaymentGraph, query: RouteQuery): Route | null {
  const { source, target, amountMsat } = query;
  if (!graph.hasNode(source) || !graph.hasNode(target) || source === target || amountMsat <= 0) return null;
  searchStats.record?.(graph, query);
  searchStats.searches++;
  const index = routingIndex(graph);
  const labels = labelsFor(index);
  const found = searcherFor(index, labels)(query, query.weight ?? defaultWeight);
  return found === undefined ? null : toRoute(index, index.ids.get(source)!, labels.nextNode, labels.via, query, found);
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
