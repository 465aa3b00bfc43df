/**
 * The payment network as the router sees it: a directed graphology multigraph with one edge per
 * channel direction. Edge attributes hold the forwarding policy of the edge's source node and
 * what the sender knows of the channel (its capacity; its own channels' balances).
 */
import { MultiDirectedGraph } from 'graphology';

/** The forwarding policy a node announces for one direction of a channel (BOLT #7). */
export interface Policy {
  readonly feeBaseMsat: number;
  /** Proportional fee, millionths of the forwarded amount. */
  readonly feePpm: number;
  /** Blocks the node wants between its incoming and outgoing HTLC expiries. */
  readonly cltvDelta: number;
  /** Smallest HTLC the node forwards. */
  readonly minHtlcMsat: number;
  /** Disabled directions are never used. */
  readonly disabled: boolean;
}

export interface EdgeAttributes {
  readonly channelId: string;
  readonly capacityMsat: number;
  readonly policy: Policy;
}

export type PaymentGraph = MultiDirectedGraph<Record<string, never>, EdgeAttributes>;

export interface ChannelEdge {
  readonly channelId: string;
  readonly between: readonly [string, string];
  readonly capacityMsat: number;
  /** Policies by direction: [0] for between[0] → between[1], [1] for the reverse. */
  readonly policies: readonly [Policy | undefined, Policy | undefined];
  /** Largest HTLC of each direction (BOLT #7 htlc_maximum_msat), when below the capacity. */
  readonly maxHtlcMsat?: readonly [number | undefined, number | undefined];
}

/** What one direction can carry at most: its capacity, or its maximum HTLC when that is lower. */
export const directionCapacity = (c: ChannelEdge, direction: 0 | 1): number => Math.min(c.capacityMsat, c.maxHtlcMsat?.[direction] ?? Infinity);

export const edgeKey = (channelId: string, from: string): string => `${channelId}>${from}`;

export function buildGraph(channels: Iterable<ChannelEdge>): PaymentGraph {
  const graph: PaymentGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  for (const c of channels) {
    const [a, b] = c.between;
    graph.mergeNode(a);
    graph.mergeNode(b);
    const [ab, ba] = c.policies;
    if (ab) graph.addDirectedEdgeWithKey(edgeKey(c.channelId, a), a, b, { channelId: c.channelId, capacityMsat: directionCapacity(c, 0), policy: ab });
    if (ba) graph.addDirectedEdgeWithKey(edgeKey(c.channelId, b), b, a, { channelId: c.channelId, capacityMsat: directionCapacity(c, 1), policy: ba });
  }
  return graph;
}

/** The fee a node charges to forward `amountMsat` over an edge with this policy (BOLT #7). */
export function forwardingFee(policy: Policy, amountMsat: number): number {
  return policy.feeBaseMsat + Math.floor((amountMsat * policy.feePpm) / 1_000_000);
}
