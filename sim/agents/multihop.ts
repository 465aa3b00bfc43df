/**
 * Multi-hop payments (BRIEF §4) as message exchanges with latency. The payee draws R and gives
 * H = hash(R) to the payer; the payer routes from what it knows when the payment starts; HTLCs
 * are set up hop by hop with shrinking time locks; each intermediary checks its fee and its
 * lock margin and refuses otherwise; R travels back, each hop claiming its incoming HTLC. A
 * failure unwinds the HTLCs already set up and the payer retries, avoiding the channel that
 * failed. Every HTLC is guarded: if a peer stops answering, the holder goes on chain in time.
 *
 * Each hop's update (add, fulfill or fail) costs a round trip of two messages.
 */
import { hashLock, preimageFromSeed } from '../crypto/index.js';
import type { Outcome } from '../errors.js';
import { buildGraph, edgeKey, findRoute, forwardingFee, type ChannelEdge, type Hop, type HtlcStyle, type PaymentGraph, type Policy, type Weight } from '../router/index.js';
import type { Height, Msat } from '../units.js';
import type { LiveChannel } from './liveChannel.js';
import type { World } from './world.js';

export interface MultiHopOptions {
  /** One-way latency of a peer message, ms. */
  readonly messageLatencyMs: number;
  readonly finalCltvDelta: number;
  /** Routes tried per payment. */
  readonly maxAttempts: number;
  /** Blocks before an HTLC's expiry at which its holder goes on chain if the peer is silent. */
  readonly deadlineBlocks: number;
  readonly style: HtlcStyle;
  readonly weight?: Weight;
  /** A payer abandons an attempt whose HTLCs have not reached the payee after this long, ms. */
  readonly timeoutMs: number;
  /** How long a policy change takes to reach payers' view of the graph, ms. */
  readonly gossipDelayMs: number;
}

export const DEFAULT_MULTIHOP: MultiHopOptions = {
  messageLatencyMs: 100,
  finalCltvDelta: 18,
  maxAttempts: 3,
  deadlineBlocks: 6,
  style: 'lightning',
  timeoutMs: 60_000,
  gossipDelayMs: 600_000,
};

export interface PaymentOutcome {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: number;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status: 'succeeded' | 'failed';
  readonly reason: string;
  readonly hops: number;
  readonly feeMsat: number;
  readonly attempts: number;
  /** Nodes of the route taken, `a>b>c`. */
  readonly route: string;
  readonly firstChannel: string;
}

export class MultiHop {
  private graph: PaymentGraph | undefined;
  /** Policies as the forwarding nodes apply them now, by edge key; payers see them after gossip. */
  private readonly current = new Map<string, Policy>();

  constructor(
    private readonly world: World,
    /** The live RSMC channel with this id, if any (channels may open during the run). */
    private readonly channel: (id: string) => LiveChannel | undefined,
    private readonly edges: () => Iterable<ChannelEdge>,
    private readonly options: MultiHopOptions,
    private readonly seed: number,
    private readonly done: (outcome: PaymentOutcome) => void,
  ) {}

  /**
   * `node` changes its forwarding policy on `channelId`: it applies at once, and reaches the
   * payers' graph after the gossip delay; payments routed on the old one meanwhile may be refused.
   */
  setPolicy(channelId: string, node: string, change: Partial<Policy>): boolean {
    this.graph ??= buildGraph(this.edges());
    const key = edgeKey(channelId, node);
    if (!this.graph.hasEdge(key)) return false;
    const policy: Policy = { ...(this.current.get(key) ?? this.graph.getEdgeAttributes(key).policy), ...change };
    this.current.set(key, policy);
    this.world.engine.schedule(this.options.gossipDelayMs, () => this.graph!.mergeEdgeAttributes(key, { policy }), { label: 'gossip' });
    return true;
  }

  /** A channel opened during the run joins the payers' graph. */
  addChannel(edge: ChannelEdge): void {
    if (!this.graph) return; // built later from the current channels
    for (const [i, from] of edge.between.entries()) {
      const policy = edge.policies[i];
      const key = edgeKey(edge.channelId, from);
      if (policy && !this.graph.hasEdge(key)) {
        this.graph.mergeNode(edge.between[0]);
        this.graph.mergeNode(edge.between[1]);
        this.graph.addDirectedEdgeWithKey(key, from, edge.between[1 - i]!, { channelId: edge.channelId, capacityMsat: edge.capacityMsat, policy });
      }
    }
  }

  /** Starts payment `id`: `from` pays `amountMsat` to `to`. */
  send(id: string, from: string, to: string, amountMsat: Msat): void {
    const preimage = preimageFromSeed(`${this.seed}/${id}`);
    const lock = hashLock(preimage);
    this.world.preimages.learn(to, preimage, lock); // the payee's secret R
    const attempt = { id, from, to, amountMsat, lock, startedAt: this.world.engine.now, attemptStartedAt: 0, attempts: 0, excluded: new Set<string>(), lastReason: 'no-route', stuck: false };
    this.tryRoute(attempt);
  }

  private tryRoute(p: Attempt): void {
    const { chain } = this.world;
    if (p.attempts >= this.options.maxAttempts) return this.finish(p, 'failed', p.lastReason);
    this.graph ??= buildGraph(this.edges());
    const route = findRoute(this.graph, {
      source: p.from,
      target: p.to,
      amountMsat: p.amountMsat,
      currentHeight: chain.height,
      finalCltvDelta: this.options.finalCltvDelta,
      excludeChannels: p.excluded,
      spendableMsat: (channelId, node) => (node === p.from ? this.spendable(channelId, node) : undefined),
      style: this.options.style,
      ...(this.options.weight ? { weight: this.options.weight } : {}),
    });
    if (!route) return this.finish(p, 'failed', p.attempts === 0 ? 'no-route' : p.lastReason);
    p.attempts++;
    p.attemptStartedAt = this.world.engine.now;
    this.forward(p, route.hops, 0);
  }

  /** Sets up hop k (its sender checks what it receives against what it must forward). */
  private forward(p: Attempt, hops: readonly Hop[], k: number): void {
    const hop = hops[k]!;
    const live = this.channel(hop.channelId);
    const reason = live ? this.check(p, hops, k) ?? this.offer(live, hop, p.lock) : 'no-route';
    if (reason) return this.unwind(p, hops, k - 1, reason, reason === 'timeout' ? undefined : hop.channelId);
    live!.guardHtlc(hop.from, p.lock, hop.expiryHeight, this.options.deadlineBlocks);
    const next = (): void => (k + 1 < hops.length ? this.forward(p, hops, k + 1) : this.settle(p, hops, hops.length - 1));
    this.world.engine.schedule(2 * this.options.messageLatencyMs, next, { label: 'htlc-add' });
  }

  /**
   * Checks before hop k is offered: the payer gives up an attempt past its timeout; nobody offers
   * a lock too close to expiry to go on chain in time; an intermediary refuses a hop whose fee or
   * lock margin is short of the policy it applies now.
   */
  private check(p: Attempt, hops: readonly Hop[], k: number): string | undefined {
    const hop = hops[k]!;
    if (this.world.engine.now - p.attemptStartedAt > this.options.timeoutMs) return 'timeout';
    const height = this.world.chain.height;
    if (hop.expiryHeight <= height + (k === hops.length - 1 ? 1 : this.options.deadlineBlocks)) return 'expired';
    if (k === 0) return undefined;
    const incoming = hops[k - 1]!;
    const key = edgeKey(hop.channelId, hop.from);
    const policy = this.current.get(key) ?? (this.graph!.hasEdge(key) ? this.graph!.getEdgeAttributes(key).policy : undefined);
    if (!policy) return 'no-route';
    if (incoming.amountMsat - hop.amountMsat < forwardingFee(policy, hop.amountMsat)) return 'fee-rejected';
    if (incoming.expiryHeight - hop.expiryHeight < (this.options.style === 'sprites' ? 0 : policy.cltvDelta)) return 'lock-rejected';
    return undefined;
  }

  private offer(live: LiveChannel, hop: Hop, lock: string): string | undefined {
    const r: Outcome<unknown> = live.offerHtlc(hop.from, hop.amountMsat as Msat, lock, hop.expiryHeight as Height);
    return r.ok ? undefined : r.error.code;
  }

  /** R travels back: the receiver of hop k shows it to the sender, who learns it and repeats upstream. */
  private settle(p: Attempt, hops: readonly Hop[], k: number): void {
    const hop = hops[k]!;
    const policy = k === hops.length - 1 ? this.world.receiving(hop.to) : undefined;
    if (policy?.kind === 'griefer') return this.finish(p, 'succeeded', 'settled-on-chain', hops); // it claims on chain at the last moment (liveChannel.guardHtlc)
    if (policy?.kind === 'jammer') return this.hold(p, hops, policy.holdMs);
    const preimage = this.world.preimages.known(hop.to, p.lock);
    const live = this.channel(hop.channelId)!;
    // A silent sender cannot sign the fulfill: the receiver's guard takes the HTLC on chain before
    // it expires, and R, public from then on, lets every hop upstream claim the same way.
    if (!preimage || !live.fulfillHtlc(hop.from, preimage).ok) return this.finish(p, 'succeeded', 'settled-on-chain', hops);
    if (k === 0) {
      // The payer has R: paid. With every HTLC of this lock settled off-chain, nobody needs R any
      // more, unless a failed attempt left one stuck (a peer offline at the unwind).
      if (!p.stuck) this.world.preimages.forget(p.lock, [p.to, ...hops.map((h) => h.from)]);
      return this.finish(p, 'succeeded', '', hops);
    }
    this.world.engine.schedule(2 * this.options.messageLatencyMs, () => this.settle(p, hops, k - 1), { label: 'htlc-fulfill' });
  }

  /**
   * A jammer holds the HTLCs for `holdMs`, then fails them back (no retry: the hold was the
   * point) — at the latest `deadlineBlocks` + 1 before the lock expires, before its peer would go on chain.
   */
  private hold(p: Attempt, hops: readonly Hop[], holdMs: number): void {
    const last = hops.length - 1;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.unwind(p, hops, last, 'held', undefined);
    };
    this.world.engine.schedule(holdMs, release, { label: 'jammer releases' });
    this.world.chain.watchHeight(Math.max(this.world.chain.height + 1, hops[last]!.expiryHeight - this.options.deadlineBlocks - 2), release);
  }

  /** Fails hops k … 0 back toward the payer, then retries without the channel that failed. */
  private unwind(p: Attempt, hops: readonly Hop[], k: number, reason: string, failedChannel: string | undefined): void {
    if (k < 0) {
      p.lastReason = reason;
      p.failedChannel = failedChannel;
      if (failedChannel === undefined) return this.finish(p, 'failed', reason); // timed out: no retry
      p.excluded.add(failedChannel);
      return this.tryRoute(p);
    }
    const hop = hops[k]!;
    if (!this.channel(hop.channelId)!.failHtlc(hop.from, p.lock).ok) p.stuck = true;
    this.world.engine.schedule(2 * this.options.messageLatencyMs, () => this.unwind(p, hops, k - 1, reason, failedChannel), { label: 'htlc-fail' });
  }

  private spendable(channelId: string, node: string): number | undefined {
    const live = this.channel(channelId);
    const side = live?.channel.sideOf(node);
    return live && side !== undefined && live.isUsable ? live.channel.balances[side] : 0;
  }

  private finish(p: Attempt, status: 'succeeded' | 'failed', reason: string, hops: readonly Hop[] = []): void {
    this.done({
      id: p.id,
      from: p.from,
      to: p.to,
      amountMsat: p.amountMsat,
      startedAt: p.startedAt,
      endedAt: this.world.engine.now,
      status,
      reason,
      hops: hops.length,
      feeMsat: hops.length ? hops[0]!.amountMsat - p.amountMsat : 0,
      attempts: p.attempts,
      route: hops.length ? [hops[0]!.from, ...hops.map((h) => h.to)].join('>') : '',
      // A failed payment names the channel its last attempt failed at (reports charge it the failure).
      firstChannel: hops[0]?.channelId ?? p.failedChannel ?? '',
    });
  }
}

interface Attempt {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: Msat;
  readonly lock: string;
  readonly startedAt: number;
  attemptStartedAt: number;
  attempts: number;
  readonly excluded: Set<string>;
  lastReason: string;
  /** The channel the last attempt failed at (undefined for a timeout or before any attempt). */
  failedChannel?: string | undefined;
  /** An HTLC of a failed attempt could not be failed off-chain and waits on the chain's locks. */
  stuck: boolean;
}
