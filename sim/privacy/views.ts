/**
 * What each hop of a routed payment saw (issue 19, the privacy report), recorded from the payload
 * it read from its onion when the HTLC reached it (multihop.ts calls `observe`), never recomputed
 * from the route afterwards. A forwarder sees the node before it, the node its onion names as next
 * (by channel), the amount and lock of its incoming HTLC, what it must forward and the lock it must
 * offer, the chain height and the time; the payee sees a payload without a next channel.
 */
import { toHex } from '../crypto/index.js';
import { shortChannelId, type ReadPayload } from '../onion/index.js';
import type { Hop } from '../router/index.js';
import type { HopView } from './records.js';

/** What the observer is handed of a routed payment (the agents' Payment has these). */
export interface ObservedPayment {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly lock: string;
  readonly tries: readonly ObservedTry[];
}

/** One try of it: the hops of its route (the agents' Try). */
export interface ObservedTry {
  readonly hops: readonly Hop[];
}

/** What node `index` of try `t` saw, reading `payload` from its onion at `at`. */
export function hopView(p: ObservedPayment, t: ObservedTry, index: number, payload: ReadPayload, at: { height: number; time: number }): HopView {
  const incoming = t.hops[index - 1]!;
  const outgoing = t.hops[index];
  // The next node is the peer on the channel the onion names; a name it cannot match is no next node.
  const named = payload.nextChannelId !== undefined && outgoing !== undefined && payload.nextChannelId === toHex(shortChannelId(outgoing.channelId));
  return {
    payment: p.id,
    part: p.tries.indexOf(t),
    payer: p.from,
    payee: p.to,
    lock: p.lock,
    position: index,
    node: incoming.to,
    prev: incoming.from,
    channel: incoming.channelId,
    next: named ? outgoing.to : undefined,
    incomingMsat: incoming.amountMsat,
    incomingCltv: incoming.expiryHeight,
    amountMsat: payload.amountMsat,
    outgoingCltv: payload.outgoingCltv,
    ...at,
  };
}
