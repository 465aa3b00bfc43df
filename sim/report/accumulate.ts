/**
 * The report's figures, accumulated row by row as the run produces them (STYLE §15: computed
 * from the recorded rows, nothing tallied on the side), so a run need not keep its rows: a
 * million payments cost a few numbers each (the latencies, for exact percentiles), not objects.
 *
 * Per-block series (payments completed, value locked in HTLCs) are sampled when each block is
 * mined; events of the block's own instant that come after it count toward the next block.
 */
import type { ChannelEvent, ChannelEventKind } from '../agents/records.js';
import type { PaymentRecord } from '../agents/spec.js';

/** Channel events the HTML report marks on its charts and lists (closes and penalties). */
export const MARKED_KINDS: ReadonlySet<ChannelEventKind> = new Set(['cash', 'penalty', 'withdraw', 'cheat-succeeded', 'cooperative-close', 'settle', 'refund']);
/** At most this many marked events are kept for the HTML report. */
const MAX_MARKED = 200;

export class RunStats {
  // Payments.
  attempted = 0;
  succeeded = 0;
  feesPaidMsat = 0;
  hopsTotal = 0;
  readonly failures = new Map<string, number>();
  /** Latencies of succeeded payments, ms (sorted once, at the end). */
  private readonly latencies: number[] = [];
  /** Payments completed since each block (index 0: since time 0). */
  readonly completedPerBlock: number[] = [0];

  // Channel events.
  private readonly kinds = new Map<ChannelEventKind, number>();
  penaltyMsat = 0;
  stolenMsat = 0;
  private frozen = 0;
  bondsFrozenPeakMsat = 0;
  /** HTLCs in flight by channel and hash lock → amount. */
  private readonly inFlight = new Map<string, number>();
  private locked = 0;
  htlcLockedPeakMsat = 0;
  htlcLockMsatBlocks = 0;
  private lockedArea = 0;
  private lockedSince = 0;
  /** Value locked in HTLCs when each block was mined (index 0: at time 0). */
  readonly lockedAtBlock: number[] = [0];
  readonly marked: ChannelEvent[] = [];

  onPayment(p: PaymentRecord): void {
    this.attempted++;
    if (p.status === 'succeeded') {
      this.succeeded++;
      this.latencies.push(p.latencyMs);
      this.feesPaidMsat += p.feeMsat;
      this.hopsTotal += p.hops;
      this.completedPerBlock[this.completedPerBlock.length - 1]!++;
    } else {
      this.failures.set(p.reason, (this.failures.get(p.reason) ?? 0) + 1);
    }
  }

  onEvent(e: ChannelEvent): void {
    this.kinds.set(e.kind, (this.kinds.get(e.kind) ?? 0) + 1);
    if (MARKED_KINDS.has(e.kind) && this.marked.length < MAX_MARKED) this.marked.push(e);
    switch (e.kind) {
      case 'penalty':
        this.penaltyMsat += e.amountMsat ?? 0;
        this.freeze(-(e.bondMsat ?? e.amountMsat ?? 0));
        return;
      case 'withdraw':
        this.freeze(-(e.amountMsat ?? 0));
        return;
      case 'cheat-succeeded':
        this.stolenMsat += e.amountMsat ?? 0;
        return;
      case 'cash':
        this.freeze(e.amountMsat ?? 0);
        // Once a channel goes to the chain, its HTLCs are the contract's business.
        for (const key of [...this.inFlight.keys()]) if (key.startsWith(`${e.channel}|`)) this.unlock(key, e.time);
        return;
      case 'htlc-add':
        if (!e.detail) return;
        this.lockedAt(e.time, e.amountMsat ?? 0);
        this.inFlight.set(`${e.channel}|${e.detail}`, e.amountMsat ?? 0);
        this.htlcLockMsatBlocks += (e.amountMsat ?? 0) * Math.max(0, (e.expiryHeight ?? e.height) - e.height);
        return;
      case 'htlc-settle':
        if (e.detail) this.unlock(`${e.channel}|${e.detail}`, e.time);
        return;
      default:
        return;
    }
  }

  /** A block was mined: close the per-block series' interval. */
  onBlock(): void {
    this.lockedAtBlock.push(this.locked);
    this.completedPerBlock.push(0);
  }

  count(kind: ChannelEventKind): number {
    return this.kinds.get(kind) ?? 0;
  }

  /** Time-weighted average of the value locked in HTLCs over `durationMs`. */
  htlcLockedAvgMsat(durationMs: number): number {
    const area = this.lockedArea + this.locked * Math.max(0, durationMs - this.lockedSince);
    return durationMs > 0 ? Math.round(area / durationMs) : 0;
  }

  /** Succeeded payments' latencies, sorted. */
  sortedLatencies(): number[] {
    return [...this.latencies].sort((a, b) => a - b);
  }

  private freeze(delta: number): void {
    this.frozen += delta;
    this.bondsFrozenPeakMsat = Math.max(this.bondsFrozenPeakMsat, this.frozen);
  }

  private unlock(key: string, time: number): void {
    const amount = this.inFlight.get(key);
    if (amount === undefined) return;
    this.inFlight.delete(key);
    this.lockedAt(time, -amount);
  }

  private lockedAt(time: number, delta: number): void {
    this.lockedArea += this.locked * (time - this.lockedSince);
    this.lockedSince = time;
    this.locked += delta;
    this.htlcLockedPeakMsat = Math.max(this.htlcLockedPeakMsat, this.locked);
  }
}
