/**
 * What each hop of a routed payment saw (issue 19, the privacy report), recorded from the payload
 * it read from its onion when the HTLC reached it (multihop.ts calls `observe`), never recomputed
 * from the route afterwards. A forwarder sees the node before it, the node its onion names as next
 * (by channel), the amount and lock of its incoming HTLC, what it must forward and the lock it must
 * offer, the chain height and the time; the payee sees a payload without a next channel.
 *
 * The payment, its payer, payee and the node's position on the route are the truth the report
 * scores the inference against: no hop knows them.
 */
import { toHex } from '../crypto/bytes.js';
import type { Payment, Try } from '../agents/payment.js';
import { shortChannelId, type ReadPayload } from '../onion/index.js';

export interface HopView {
  /** The truth, for scoring: the payment, which of its tries (0: the first), payer, payee, hash lock. */
  readonly payment: string;
  readonly part: number;
  readonly payer: string;
  readonly payee: string;
  readonly lock: string;
  /** Position on the route: 1 is the first hop's receiver; the payee's is the route's length. */
  readonly position: number;
  /** The observing node and what it saw. */
  readonly node: string;
  readonly prev: string;
  /** The channel its incoming HTLC came on. */
  readonly channel: string;
  /** The node at the other end of the channel its onion names (undefined: the payee, told no next hop). */
  readonly next: string | undefined;
  readonly incomingMsat: number;
  readonly incomingCltv: number;
  /** What it forwards (the payee: what it must receive) and the lock the next HTLC must carry. */
  readonly amountMsat: number;
  readonly outgoingCltv: number;
  readonly height: number;
  readonly time: number;
}

/** Collects the hop views of a run; `observe` is MultiHopOptions.observe. */
export class HopViews {
  readonly views: HopView[] = [];

  constructor(private readonly now: () => { height: number; time: number }) {}

  readonly observe = (p: Payment, t: Try, index: number, payload: ReadPayload): void => {
    const incoming = t.hops[index - 1]!;
    const outgoing = t.hops[index];
    // The next node is the peer on the channel the onion names; a name it cannot match is no next node.
    const named = payload.nextChannelId !== undefined && outgoing !== undefined && payload.nextChannelId === toHex(shortChannelId(outgoing.channelId));
    this.views.push({
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
      ...this.now(),
    });
  };
}
