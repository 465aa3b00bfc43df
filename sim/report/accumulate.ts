/**
 * The report's figures, accumulated row by row as the run produces them (STYLE §15: computed
 * from the recorded rows, nothing tallied on the side), so a run need not keep its rows: a
 * million payments cost a few numbers each (the latencies, for exact percentiles), not objects.
 *
 * Time series are binned on fixed time bins chosen for the run's length (bins.ts): payments
 * count in the bin where they end; the value locked in HTLCs and the holdings of the largest
 * nodes are sampled at every change. `lockedAtBlock` keeps the per-block series of timeline.csv.
 */
import type { ChannelEvent, ChannelEventKind, PaymentRecord } from './records.js';
import { Bins, Envelope } from './bins.js';
import { ChannelLedger, type ChannelInfo } from './channelLedger.js';
import { Distributions } from './distributions.js';
import { naturalCompare } from './format.js';

/** Channel events the HTML report marks on its charts and lists (closes and penalties). */
export const MARKED_KINDS: ReadonlySet<ChannelEventKind> = new Set(['cash', 'penalty', 'withdraw', 'cheat-succeeded', 'cooperative-close', 'settle', 'refund']);
/** At most this many marked events are kept for the HTML report. */
const MAX_MARKED = 200;
/** Holdings over time are followed for this many nodes: the largest by capacity. */
export const TRACKED_NODES = 12;

export interface RunStatsOptions {
  /** The run's length, ms: it sets the time bins. */
  readonly untilMs: number;
  /** Every channel the run may open (ends and deposits), for per-channel results. */
  readonly channels: readonly ChannelInfo[];
}

export class RunStats {
  readonly bins: Bins;
  // Payments.
  attempted = 0;
  succeeded = 0;
  feesPaidMsat = 0;
  hopsTotal = 0;
  /** Succeeded payments between neighbours: one RSMC update each, no HTLC. */
  direct = 0;
  readonly failures = new Map<string, number>();
  /** Latencies of succeeded routed payments, ms (sorted once, at the end). */
  private readonly latencies: number[] = [];
  /** Latencies of succeeded direct payments (one update each), ms. */
  private readonly directLatencies: number[] = [];
  /** The active period: first payment started, last one ended (ms; -1 before any payment). */
  firstStartMs = -1;
  lastEndMs = -1;
  /** Per time bin: payments succeeded, failed by reason, fees paid. */
  readonly succeededPerBin: Float64Array;
  readonly failedPerBin = new Map<string, Float64Array>();
  readonly feesPerBin: Float64Array;

  // Channel events.
  private readonly kinds = new Map<ChannelEventKind, number>();
  penaltyMsat = 0;
  stolenMsat = 0;
  private frozen = 0;
  bondsFrozenPeakMsat = 0;
  /** HTLCs in flight by channel, then hash lock → amount (nested: a `channel|lock` key was a new string to hash at every event). */
  private readonly inFlight = new Map<string, Map<string, number>>();
  /** Value locked in HTLCs, at every change. */
  readonly locked: Envelope;
  htlcLockMsatBlocks = 0;
  private lockedArea = 0;
  private lockedSince = 0;
  /** Value locked in HTLCs when each block was mined (index 0: at time 0). */
  readonly lockedAtBlock: number[] = [0];
  readonly marked: ChannelEvent[] = [];

  readonly ledger: ChannelLedger;
  readonly distributions = new Distributions();
  /** The largest nodes' holdings over time (on-chain coins + channel sides + bonds). */
  readonly holdings = new Map<string, Envelope>();
  private balanceOf: ((node: string) => number) | undefined;

  constructor(options: RunStatsOptions = { untilMs: 0, channels: [] }) {
    this.bins = new Bins(options.untilMs);
    this.succeededPerBin = new Float64Array(this.bins.count);
    this.feesPerBin = new Float64Array(this.bins.count);
    this.locked = new Envelope(this.bins);
    this.ledger = new ChannelLedger(options.channels, this.bins, (from, to, amount, time) => {
      this.shift(from, -amount, time);
      this.shift(to, amount, time);
    });
    const capacity = new Map<string, number>();
    for (const c of options.channels) for (const n of c.between) capacity.set(n, (capacity.get(n) ?? 0) + c.deposit[0] + c.deposit[1]);
    const largest = [...capacity.entries()].sort(([a, x], [b, y]) => y - x || naturalCompare(a, b)).slice(0, TRACKED_NODES);
    for (const [node] of largest.sort(([a], [b]) => naturalCompare(a, b))) this.holdings.set(node, new Envelope(this.bins));
  }

  /**
   * Follows the tracked nodes' holdings: read exactly at the start and after every block (where
   * every on-chain change happens), moved by each off-chain transfer in between.
   */
  trackHoldings(balanceOf: (node: string) => number): void {
    this.balanceOf = balanceOf;
    for (const [node, env] of this.holdings) env.set(0, balanceOf(node));
  }

  onPayment(p: PaymentRecord): void {
    this.attempted++;
    const end = p.time + p.latencyMs;
    if (this.firstStartMs < 0 || p.time < this.firstStartMs) this.firstStartMs = p.time;
    this.lastEndMs = Math.max(this.lastEndMs, end);
    const bin = this.bins.of(end);
    this.ledger.onPayment(p);
    this.distributions.onPayment(p);
    if (p.status === 'succeeded') {
      this.succeeded++;
      if (isDirect(p)) {
        this.direct++;
        this.directLatencies.push(p.latencyMs);
      } else this.latencies.push(p.latencyMs);
      this.feesPaidMsat += p.feeMsat;
      this.hopsTotal += p.hops;
      this.succeededPerBin[bin]!++;
      this.feesPerBin[bin]! += p.feeMsat;
    } else {
      this.failures.set(p.reason, (this.failures.get(p.reason) ?? 0) + 1);
      let perBin = this.failedPerBin.get(p.reason);
      if (!perBin) this.failedPerBin.set(p.reason, (perBin = new Float64Array(this.bins.count)));
      perBin[bin]!++;
    }
  }

  onEvent(e: ChannelEvent): void {
    this.kinds.set(e.kind, (this.kinds.get(e.kind) ?? 0) + 1);
    if (MARKED_KINDS.has(e.kind) && this.marked.length < MAX_MARKED) this.marked.push(e);
    this.ledger.onEvent(e);
    switch (e.kind) {
      case 'penalty':
        this.penaltyMsat += e.amountMsat;
        this.freeze(-e.bondMsat);
        return;
      case 'withdraw':
        this.freeze(-e.amountMsat);
        return;
      case 'cheat-succeeded':
        this.stolenMsat += e.amountMsat;
        return;
      case 'cash':
        this.freeze(e.amountMsat);
        // Once a channel goes to the chain, its HTLCs are the contract's business.
        for (const lock of [...(this.inFlight.get(e.channel)?.keys() ?? [])]) this.unlock(e.channel, lock, e.time);
        return;
      case 'htlc-add':
        this.lockedAt(e.time, e.amountMsat);
        this.inFlightOf(e.channel).set(e.hashLock, e.amountMsat);
        this.htlcLockMsatBlocks += e.amountMsat * Math.max(0, e.expiryHeight - e.height);
        return;
      case 'htlc-settle':
        this.unlock(e.channel, e.hashLock, e.time);
        return;
      default:
        return;
    }
  }

  /** A block was mined at `time`: the per-block series and the tracked holdings are read. */
  onBlock(time: number): void {
    this.lockedAtBlock.push(this.locked.current);
    this.readHoldings(time);
  }

  /** The tracked nodes' holdings read exactly (after each block, and at the end of the run). */
  readHoldings(time: number): void {
    if (!this.balanceOf) return;
    for (const [node, env] of this.holdings) env.set(time, this.balanceOf(node));
  }

  count(kind: ChannelEventKind): number {
    return this.kinds.get(kind) ?? 0;
  }

  get htlcLockedPeakMsat(): number {
    let peak = 0;
    for (const v of this.locked.max) peak = Math.max(peak, v);
    return peak;
  }

  /** Time-weighted average of the value locked in HTLCs over `durationMs`. */
  htlcLockedAvgMsat(durationMs: number): number {
    const area = this.lockedArea + this.locked.current * Math.max(0, durationMs - this.lockedSince);
    return durationMs > 0 ? Math.round(area / durationMs) : 0;
  }

  /** Succeeded payments' latencies, sorted (a direct payment's is its one update's round trip). */
  sortedLatencies(): number[] {
    return [...this.directLatencies, ...this.latencies].sort((a, b) => a - b);
  }

  /** Succeeded routed payments' latencies, sorted. */
  sortedRoutedLatencies(): number[] {
    return [...this.latencies].sort((a, b) => a - b);
  }

  private shift(node: string, delta: number, time: number): void {
    const env = this.holdings.get(node);
    if (env && this.balanceOf) env.set(time, env.current + delta);
  }

  private freeze(delta: number): void {
    this.frozen += delta;
    this.bondsFrozenPeakMsat = Math.max(this.bondsFrozenPeakMsat, this.frozen);
  }

  private inFlightOf(channel: string): Map<string, number> {
    let locks = this.inFlight.get(channel);
    if (!locks) this.inFlight.set(channel, (locks = new Map()));
    return locks;
  }

  private unlock(channel: string, lock: string, time: number): void {
    const locks = this.inFlight.get(channel);
    const amount = locks?.get(lock);
    if (amount === undefined) return;
    // The last one drops the table whole (a Map shrinks, allocating, when emptied entry by entry).
    if (locks!.size === 1) this.inFlight.delete(channel);
    else locks!.delete(lock);
    this.lockedAt(time, -amount);
  }

  private lockedAt(time: number, delta: number): void {
    this.lockedArea += this.locked.current * (time - this.lockedSince);
    this.lockedSince = time;
    this.locked.set(time, this.locked.current + delta);
  }
}

/** A payment between neighbours: one RSMC update (no HTLC), a round trip of two messages. */
export function isDirect(p: PaymentRecord): boolean {
  // Neighbours pay each other with one RSMC update; every routed payment crosses two channels or more.
  return p.status === 'succeeded' && p.hops <= 1;
}
