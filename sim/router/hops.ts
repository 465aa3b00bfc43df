/**
 * Hop amounts and shrinking time locks for a chosen path (BRIEF §4), computed from the payee
 * backwards: the payee's hop carries the amount and expires `finalCltvDelta` blocks from now;
 * each earlier hop adds the fee and the cltv delta of the node that forwards it on. Lightning
 * time locks grow with the path (the payer's first hop expires last); `sprites` locks do not:
 * every hop gets the same expiry, as with Sprites' shared dispute contract (DEFAULTS.md).
 */
import { forwardingFee, type Policy } from './graph.js';

export interface PathEdge {
  readonly channelId: string;
  readonly from: string;
  readonly to: string;
  /** The policy of `from` for this direction. */
  readonly policy: Policy;
}

export interface Hop {
  readonly channelId: string;
  readonly from: string;
  readonly to: string;
  /** Amount of the HTLC `from` offers `to`. */
  readonly amountMsat: number;
  /** Absolute height at which this HTLC expires. */
  readonly expiryHeight: number;
  /** Fee `to` earns by forwarding (0 for the payee). */
  readonly feeMsat: number;
}

export type HtlcStyle = 'lightning' | 'sprites';

export interface HopOptions {
  readonly amountMsat: number;
  readonly currentHeight: number;
  readonly finalCltvDelta: number;
  readonly style?: HtlcStyle;
}

export function computeHops(path: readonly PathEdge[], options: HopOptions): Hop[] {
  const hops: Hop[] = new Array(path.length);
  let amount = options.amountMsat;
  let expiry = options.currentHeight + options.finalCltvDelta;
  let fee = 0;
  for (let i = path.length - 1; i >= 0; i--) {
    const edge = path[i]!;
    hops[i] = { channelId: edge.channelId, from: edge.from, to: edge.to, amountMsat: amount, expiryHeight: expiry, feeMsat: fee };
    if (i === 0) break;
    // The node `edge.from` forwards this hop: it charges its fee and needs its delta on top.
    fee = forwardingFee(edge.policy, amount);
    amount += fee;
    if (options.style !== 'sprites') expiry += edge.policy.cltvDelta;
  }
  if (options.style === 'sprites') {
    // Sprites-style: one shared dispute period Δ (the path's largest delta, at least the final
    // one) plus one block per hop, the same for every hop: v·ℓ·(Δ + ℓ) amount-blocks in all.
    const dispute = Math.max(options.finalCltvDelta, ...path.map((e) => e.policy.cltvDelta));
    const expiryHeight = options.currentHeight + dispute + path.length;
    return hops.map((h) => ({ ...h, expiryHeight }));
  }
  return hops;
}

/** Total fees the payer pays on top of the amount. */
export function totalFees(hops: readonly Hop[]): number {
  return hops.length === 0 ? 0 : hops[0]!.amountMsat - hops[hops.length - 1]!.amountMsat;
}
