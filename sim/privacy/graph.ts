/**
 * The public graph a coalition reasons on: every channel direction with its capacity (what one
 * HTLC can carry at most) and its sender's policy, as gossip announces them, in both directions of
 * travel: out-edges to follow a payment downstream, in-edges to trace it back upstream.
 */
import { directionCapacity, forwardingFee, type ChannelEdge, type Policy } from '../router/index.js';

export interface Arc {
  readonly channelId: string;
  readonly from: string;
  readonly to: string;
  readonly capacityMsat: number;
  /** The policy of `from`, which forwards over this arc. */
  readonly policy: Policy;
}

export interface PublicGraph {
  readonly out: ReadonlyMap<string, readonly Arc[]>;
  readonly in: ReadonlyMap<string, readonly Arc[]>;
  /** Channels per node, both directions counted once (what "hub" means in `top-hubs`). */
  readonly degree: ReadonlyMap<string, number>;
  readonly capacity: ReadonlyMap<string, number>;
}

export function publicGraph(edges: Iterable<ChannelEdge>): PublicGraph {
  const out = new Map<string, Arc[]>();
  const into = new Map<string, Arc[]>();
  const degree = new Map<string, number>();
  const capacity = new Map<string, number>();
  const push = (map: Map<string, Arc[]>, key: string, arc: Arc): void => void (map.get(key) ?? map.set(key, []).get(key)!).push(arc);
  for (const c of edges) {
    for (const i of [0, 1] as const) {
      const from = c.between[i];
      degree.set(from, (degree.get(from) ?? 0) + 1);
      capacity.set(from, (capacity.get(from) ?? 0) + c.capacityMsat);
      const policy = c.policies[i];
      if (!policy || policy.disabled) continue;
      const arc = { channelId: c.channelId, from, to: c.between[1 - i]!, capacityMsat: directionCapacity(c, i), policy };
      push(out, arc.from, arc);
      push(into, arc.to, arc);
    }
  }
  return { out, in: into, degree, capacity };
}

/** The `k` nodes with the most channels (ties: more capacity, then name order). */
export function topHubs(graph: PublicGraph, k: number): string[] {
  return [...graph.degree.keys()]
    .sort((a, b) => graph.degree.get(b)! - graph.degree.get(a)! || graph.capacity.get(b)! - graph.capacity.get(a)! || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, k);
}

/**
 * What `from` forwards when it receives `receivedMsat` (the fee is on the forwarded amount b:
 * received = b + base + ⌊b·ppm / 10⁶⌋, strictly increasing in b), or undefined when no whole b
 * gives exactly that: then no payment reached `from` with that amount to forward over this arc.
 */
export function forwardedAmount(policy: Policy, receivedMsat: number): number | undefined {
  const net = receivedMsat - policy.feeBaseMsat;
  if (net <= 0) return undefined;
  // b·(10⁶ + ppm)/10⁶ ≤ net + 1 and > net − 1 around the solution; BigInt keeps b·ppm exact past 2^53.
  const guess = Number((BigInt(net) * 1_000_000n) / BigInt(1_000_000 + policy.feePpm));
  for (const b of [guess - 1, guess, guess + 1]) if (b > 0 && b + forwardingFee(policy, b) === receivedMsat) return b;
  return undefined;
}
