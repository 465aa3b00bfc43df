/**
 * Per-channel and per-node results, accumulated from the channel event rows as they come (so a
 * run keeps no rows): each side's balance in the newest sheet, payments carried, forwarding fees
 * earned, the HTLC slot peak, failures, how the channel closed, penalties won and lost, and each
 * channel's balance over time (last value per time bin, only in bins where it changed).
 *
 * Balances follow the off-chain sheet: an HTLC counts to its offerer until it is fulfilled; a
 * direct payment and a fulfilled HTLC move the amount to the other side. Once a channel goes to
 * the chain its sheet stops changing: what each party then gets is in the node results.
 */
import type { ChannelEvent } from './records.js';
import type { Bins } from './bins.js';

/** What the ledger needs to know of a channel before the run: its ends and deposits. */
export interface ChannelInfo {
  readonly id: string;
  readonly between: readonly [string, string];
  readonly deposit: readonly [number, number];
}

export interface ChannelClose {
  /** cooperative, unilateral (a commitment cashed), one-way settle or refund. */
  readonly kind: 'cooperative' | 'unilateral' | 'settle' | 'refund';
  readonly by: string;
  readonly timeMs: number;
  readonly height: number;
  /** After a unilateral close: penalty (the defender took the bond), withdraw, cheat-succeeded. */
  outcome?: string;
}

export class ChannelState {
  readonly balance: [number, number];
  /** HTLCs in flight offered by each side (two fields, not a pair: one cold object fewer to touch per event). */
  inFlight0 = 0;
  inFlight1 = 0;
  carried = 0;
  volumeMsat = 0;
  feesEarnedMsat = 0;
  htlcSlotPeak = 0;
  htlcsFailed = 0;
  failuresCaused = 0;
  close: ChannelClose | undefined;
  /** HTLCs in flight by hash lock (no table while none is: most channels are idle). */
  htlcs: Map<string, Htlc> | undefined;
  /** Side 0's balance at the end of each bin where it changed: [bin, msat, bin, msat, …]. */
  readonly history: number[] = [];

  /** The channel's two ends, copied out of `info`: `side` runs at every event. */
  private readonly end0: string;
  private readonly end1: string;

  constructor(readonly info: ChannelInfo) {
    this.balance = [info.deposit[0], info.deposit[1]];
    this.end0 = info.between[0];
    this.end1 = info.between[1];
  }

  get capacityMsat(): number {
    return this.info.deposit[0] + this.info.deposit[1];
  }

  side(node: string): 0 | 1 | undefined {
    return this.end0 === node ? 0 : this.end1 === node ? 1 : undefined;
  }
}

export class NodeState {
  paymentsSent = 0;
  paymentsSucceeded = 0;
  paymentsReceived = 0;
  feesPaidMsat = 0;
  feesEarnedMsat = 0;
  forwarded = 0;
  penaltiesWonMsat = 0;
  penaltiesLostMsat = 0;
  stolenMsat = 0;
}

/**
 * A hash lock's HTLCs in flight, and what each node was paid out on its outgoing HTLC once
 * fulfilled (amount, channel), waiting for its incoming HTLC to be fulfilled: the difference is its fee.
 */
interface LockState {
  pending: number;
  readonly paid: { readonly node: string; readonly amountMsat: number; readonly channel: string }[];
}

/** An HTLC in flight: who offered it, and its amount. */
interface Htlc {
  readonly offerer: 0 | 1;
  readonly amountMsat: number;
}

export class ChannelLedger {
  readonly channels = new Map<string, ChannelState>();
  readonly nodes = new Map<string, NodeState>();
  /** Each hash lock with HTLCs in flight (one entry, where a count and a payout table were two look-ups per event). */
  private readonly locks = new Map<string, LockState>();

  constructor(
    channels: readonly ChannelInfo[],
    private readonly bins: Bins,
    /** Told of every off-chain transfer between two nodes (for the holdings series). */
    private readonly onMove: (from: string, to: string, amountMsat: number, time: number) => void = () => {},
  ) {
    for (const c of channels) this.channels.set(c.id, new ChannelState(c));
  }

  node(id: string): NodeState {
    let n = this.nodes.get(id);
    if (!n) this.nodes.set(id, (n = new NodeState()));
    return n;
  }

  onEvent(e: ChannelEvent): void {
    const c = this.channels.get(e.channel);
    if (!c) return;
    switch (e.kind) {
      case 'pay': {
        const side = c.side(e.node);
        if (side !== undefined) this.move(c, side, e.amountMsat, e.time);
        return;
      }
      case 'htlc-add': {
        const side = c.side(e.node);
        if (side === undefined) return;
        // By channel, then lock: a `channel|lock` key was a new string to hash at every event.
        (c.htlcs ??= new Map()).set(e.hashLock, { offerer: side, amountMsat: e.amountMsat });
        this.lockState(e.hashLock).pending++;
        const inFlight = side === 0 ? ++c.inFlight0 : ++c.inFlight1;
        c.htlcSlotPeak = Math.max(c.htlcSlotPeak, inFlight);
        return;
      }
      case 'htlc-settle':
        return this.settle(c, e);
      case 'cooperative-close':
        c.close ??= { kind: 'cooperative', by: e.node, timeMs: e.time, height: e.height };
        return;
      case 'cash':
        c.close ??= { kind: 'unilateral', by: e.node, timeMs: e.time, height: e.height };
        return;
      case 'settle':
      case 'refund':
        c.close ??= { kind: e.kind, by: e.node, timeMs: e.time, height: e.height };
        return;
      case 'penalty': {
        if (c.close) c.close.outcome = 'penalty';
        const side = c.side(e.node);
        this.node(e.node).penaltiesWonMsat += e.amountMsat;
        if (side !== undefined) this.node(c.info.between[1 - side]!).penaltiesLostMsat += e.amountMsat;
        return;
      }
      case 'withdraw':
        if (c.close && !c.close.outcome) c.close.outcome = 'withdraw';
        return;
      case 'cheat-succeeded':
        if (c.close) c.close.outcome = 'cheat-succeeded';
        this.node(e.node).stolenMsat += e.amountMsat;
        return;
      default:
        return;
    }
  }

  /** A payment row: counts per node; a failed payment is charged to the channel that failed last. */
  onPayment(p: { readonly from: string; readonly to: string; readonly status: string; readonly feeMsat: number; readonly channel: string }): void {
    const payer = this.node(p.from);
    payer.paymentsSent++;
    if (p.status === 'succeeded') {
      payer.paymentsSucceeded++;
      payer.feesPaidMsat += p.feeMsat;
      this.node(p.to).paymentsReceived++;
    } else if (p.status === 'failed') {
      const c = this.channels.get(p.channel);
      if (c) c.failuresCaused++;
    }
  }

  /** An HTLC fulfilled (the receiver settles: the amount moves) or failed back (its offerer settles). */
  private settle(c: ChannelState, e: ChannelEvent & { kind: 'htlc-settle' }): void {
    const lock = e.hashLock;
    const htlc = c.htlcs?.get(lock);
    if (!htlc) return;
    // The last one drops the table whole: deleting from a Map about to be dropped makes it shrink (allocate) first.
    if (c.htlcs!.size === 1) c.htlcs = undefined;
    else c.htlcs!.delete(lock);
    if (htlc.offerer === 0) c.inFlight0--;
    else c.inFlight1--;
    if (e.outcome === 'failed') c.htlcsFailed++;
    else this.fulfilled(c, htlc, lock, e.time);
    this.release(lock);
  }

  private fulfilled(c: ChannelState, htlc: Htlc, lock: string, time: number): void {
    this.move(c, htlc.offerer, htlc.amountMsat, time);
    const state = this.lockState(lock);
    // The receiver forwarded this lock and was paid out downstream: it keeps the difference.
    const receiver = c.info.between[1 - htlc.offerer]!;
    const i = state.paid.findIndex((out) => out.node === receiver);
    if (i >= 0) {
      const out = state.paid[i]!;
      const fee = htlc.amountMsat - out.amountMsat;
      const node = this.node(receiver);
      node.feesEarnedMsat += fee;
      node.forwarded++;
      const outChannel = this.channels.get(out.channel);
      if (outChannel) outChannel.feesEarnedMsat += fee;
      state.paid.splice(i, 1);
    }
    const offerer = c.info.between[htlc.offerer];
    const payout = { node: offerer, amountMsat: htlc.amountMsat, channel: c.info.id };
    const j = state.paid.findIndex((out) => out.node === offerer);
    if (j >= 0) state.paid[j] = payout;
    else state.paid.push(payout);
  }

  private lockState(lock: string): LockState {
    let state = this.locks.get(lock);
    if (!state) this.locks.set(lock, (state = { pending: 0, paid: [] }));
    return state;
  }

  /** One HTLC of `lock` fewer in flight; with none left the payment is over (the payer's entry goes too). */
  private release(lock: string): void {
    const state = this.locks.get(lock);
    // A lock fulfilled without an add seen counts as one in flight, gone now.
    if (state && state.pending > 1) state.pending--;
    else this.locks.delete(lock);
  }

  private move(c: ChannelState, from: 0 | 1, amount: number, time: number): void {
    c.balance[from] -= amount;
    c.balance[1 - from]! += amount;
    c.carried++;
    c.volumeMsat += amount;
    this.onMove(c.info.between[from], c.info.between[1 - from]!, amount, time);
    const bin = this.bins.of(time);
    const h = c.history;
    if (h.length >= 2 && h[h.length - 2] === bin) h[h.length - 1] = c.balance[0];
    else h.push(bin, c.balance[0]);
  }
}
