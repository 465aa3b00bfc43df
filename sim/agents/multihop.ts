/**
 * Multi-hop payments (BRIEF §4) as message exchanges with latency. The payee draws R and gives
 * H = hash(R) to the payer; the payer routes from what it knows when the payment starts; HTLCs
 * are set up hop by hop with shrinking time locks; each intermediary checks its fee and its
 * lock margin and refuses otherwise; R travels back, each hop claiming its incoming HTLC. A
 * failure unwinds the HTLCs already set up and the payer retries, avoiding the channel that
 * failed.
 *
 * The payment's course is the pure machine of attempt.ts; each HTLC's, the machine of hop.ts
 * (inside LiveChannel). This class wires them: a hop's resolution moves the payment and the hop
 * upstream — a node that learns R by any means (off-chain, or from the chain) claims upstream at
 * once; a node whose outgoing HTLC failed or timed out fails its incoming one — and what each
 * node does with an HTLC comes from its hooks (hooks.ts: honest, jammer, griefer).
 *
 * Each hop's update (add, fulfil or fail) costs a round trip of two messages.
 */
import { hashLock, preimageFromSeed } from '../crypto/index.js';
import { sha256, toHex, utf8 } from '../crypto/bytes.js';
import { OnionCarrier, shortChannelId, type HopPayload, type OnionFormat, type Packet, type ReadPayload, type Sealed } from '../onion/index.js';
import { buildGraph, directionCapacity, edgeKey, feeAndLockRisk, findRoute, forwardingFee, MissionControl, type ChannelEdge, type Hop, type HtlcStyle, type MissionControlOptions, type PaymentGraph, type Policy, type Weight } from '../router/index.js';
import type { Height, Msat } from '../units.js';
import { START, stepPayment, type PaymentEvent, type PaymentState } from './attempt.js';
import type { HopOutcome } from './hop.js';
import { failureReason, type FailureReason } from '../reasons.js';
import type { LiveChannel } from './liveChannel.js';
import type { World } from './world.js';
import { DEADLINE_BLOCKS, FINAL_CLTV_DELTA, GOSSIP_DELAY_MS, MAX_ATTEMPTS, MESSAGE_LATENCY_MS, PAYMENT_TIMEOUT_MS } from '../defaults.js';

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
  /** The largest fee a payer accepts for an amount (none: any fee). */
  readonly maxFee?: (amountMsat: number) => number;
  /** A payer abandons an attempt whose HTLCs have not reached the payee after this long, ms. */
  readonly timeoutMs: number;
  /** How long a policy change takes to reach payers' view of the graph, ms. */
  readonly gossipDelayMs: number;
  /** Payers remember what failed and what went through (lnd's mission control); absent: they only avoid the failed channel. */
  readonly missionControl?: MissionControlOptions;
  /** Onions as real Sphinx bytes (`full`) or the same information without them (`lazy`, default). */
  readonly crypto?: 'full' | 'lazy';
  readonly onionFormat?: OnionFormat;
}

export const DEFAULT_MULTIHOP: MultiHopOptions = {
  messageLatencyMs: MESSAGE_LATENCY_MS,
  finalCltvDelta: FINAL_CLTV_DELTA,
  maxAttempts: MAX_ATTEMPTS,
  deadlineBlocks: DEADLINE_BLOCKS,
  style: 'lightning',
  timeoutMs: PAYMENT_TIMEOUT_MS,
  gossipDelayMs: GOSSIP_DELAY_MS,
};

export interface PaymentOutcome {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: number;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status: 'succeeded' | 'failed' | 'stuck';
  readonly reason: FailureReason | '';
  /** The payer learned R (it may differ from the status when a hop went silent). */
  readonly payerKnowsR: boolean;
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
  /** Payments by hash lock, until recorded and every HTLC of theirs is resolved. */
  private readonly byLock = new Map<string, Payment>();
  private readonly onion: OnionCarrier;
  /** What payers learned from earlier attempts (undefined: mission control is off). */
  readonly missionControl: MissionControl | undefined;

  constructor(
    private readonly world: World,
    /** The live RSMC channel with this id, if any (channels may open during the run). */
    private readonly channel: (id: string) => LiveChannel | undefined,
    private readonly edges: () => Iterable<ChannelEdge>,
    private readonly options: MultiHopOptions,
    private readonly seed: number,
    private readonly done: (outcome: PaymentOutcome) => void,
  ) {
    world.preimages.onLearn((node, lock) => this.learned(node, lock));
    this.onion = new OnionCarrier(options.crypto ?? 'lazy', seed, options.onionFormat);
    this.missionControl = options.missionControl && new MissionControl(options.missionControl);
  }

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
        this.graph.addDirectedEdgeWithKey(key, from, edge.between[1 - i]!, { channelId: edge.channelId, capacityMsat: directionCapacity(edge, i as 0 | 1), policy });
      }
    }
  }

  /** Starts payment `id`: `from` pays `amountMsat` to `to`. */
  send(id: string, from: string, to: string, amountMsat: Msat): void {
    const preimage = preimageFromSeed(`${this.seed}/${id}`);
    const lock = hashLock(preimage);
    // The invoice's payment secret (BOLT #11 `s`), known to payer and payee only: not the hash.
    const secret = toHex(sha256(utf8(`pcnsim/${this.seed}/${id}/secret`)));
    const p: Payment = { id, from, to, amountMsat, lock, secret, startedAt: this.world.engine.now, attemptStartedAt: 0, excluded: new Set(), routes: [], packets: [], state: START };
    this.byLock.set(lock, p);
    this.world.preimages.learn(to, preimage, lock); // the payee's secret R
    this.route(p);
  }

  /** Every payment not recorded yet is recorded as it stands (succeeded if its payee was paid, else stuck). */
  finish(): void {
    for (const p of [...this.byLock.values()]) this.step(p, { type: 'run-end' });
  }

  private step(p: Payment, event: PaymentEvent): void {
    const { state, actions } = stepPayment(p.state, event, this.options.maxAttempts);
    p.state = state;
    for (const action of actions) {
      if (action.do === 'find-route') this.route(p);
      else this.record(p, action.status, action.reason, action.payerKnowsR);
    }
  }

  private route(p: Payment): void {
    this.graph ??= buildGraph(this.edges());
    const route = findRoute(this.graph, {
      source: p.from,
      target: p.to,
      amountMsat: p.amountMsat,
      currentHeight: this.world.chain.height,
      finalCltvDelta: this.options.finalCltvDelta,
      excludeChannels: p.excluded,
      spendableMsat: (channelId, node) => (node === p.from ? this.spendable(channelId, node) : undefined),
      style: this.options.style,
      ...this.weightFor(p),
      ...(this.options.maxFee ? { maxFeeMsat: this.options.maxFee(p.amountMsat) } : {}),
    });
    if (route) {
      p.routes.push(route.hops);
      p.attemptStartedAt = this.world.engine.now;
      p.sealed = this.wrap(p, route.hops);
      p.packets = [p.sealed.packet];
    }
    this.step(p, { type: 'routed', found: route !== null });
    if (route) this.forward(p, route.hops, 0);
  }

  private weightFor(p: Payment): { weight?: Weight } {
    if (!this.missionControl) return this.options.weight ? { weight: this.options.weight } : {};
    return { weight: this.missionControl.weight(p.from, this.world.engine.now, this.options.weight ?? feeAndLockRisk()) };
  }

  /**
   * The attempt's onion: node i (the receiver of hop i) is told what to forward on hop i + 1, and
   * the payee what it must receive, with the payment secret and the payment's total.
   */
  private wrap(p: Payment, hops: readonly Hop[]): Sealed {
    const payloads: HopPayload[] = hops.map((hop, i) => {
      const next = hops[i + 1];
      if (next) return { amountMsat: next.amountMsat, outgoingCltv: next.expiryHeight, nextChannel: next.channelId };
      return { amountMsat: hop.amountMsat, outgoingCltv: hop.expiryHeight, paymentSecret: p.secret, totalMsat: p.amountMsat };
    });
    return this.onion.wrap(`${p.id}/${p.routes.length}`, hops.map((h) => h.to), payloads, p.lock);
  }

  /** Sets up hop k (its sender checks what it receives against what it must forward). */
  private forward(p: Payment, hops: readonly Hop[], k: number): void {
    const hop = hops[k]!;
    const live = this.channel(hop.channelId);
    const reason = live ? this.check(p, hops, k) ?? this.offer(live, hop, p.lock) : 'no-route';
    if (reason) {
      // The payer's own channel refused: it knows at once. Otherwise the refusing node's failure
      // message travels back to the payer as an error onion, which names the node and the reason.
      const told = k === 0 ? reason : (this.onion.read(p.sealed!, this.onion.fail(p.sealed!, k - 1, reason, hop.amountMsat))?.reason ?? 'bad-onion');
      const retry = told !== 'timeout';
      if (retry) p.excluded.add(hop.channelId);
      p.failedChannel = retry ? hop.channelId : undefined;
      this.learnFailure(p, hops, k, told, hop.amountMsat);
      this.step(p, { type: 'refused', reason: told, retry });
      return k === 0 ? this.step(p, { type: 'payer-resolved', outcome: 'failed' }) : this.failUpstream(p, hops, k, 0);
    }
    const next = (): void => (k + 1 < hops.length ? this.forward(p, hops, k + 1) : this.arrive(p, hops));
    this.world.engine.schedule(2 * this.options.messageLatencyMs, next, { label: 'htlc-add' });
  }

  /**
   * Checks before hop k is offered: the payer gives up an attempt past its timeout; nobody offers
   * a lock too close to expiry to go on chain in time; an intermediary refuses a hop whose fee or
   * lock margin is short of the policy it applies now (or whatever its hooks decide).
   */
  private check(p: Payment, hops: readonly Hop[], k: number): string | undefined {
    const hop = hops[k]!;
    if (this.world.engine.now - p.attemptStartedAt > this.options.timeoutMs) return 'timeout';
    const height = this.world.chain.height;
    if (hop.expiryHeight <= height + (k === hops.length - 1 ? 1 : this.options.deadlineBlocks)) return 'expired';
    if (k === 0) return undefined;
    return this.world.hooks(hop.from).forward(this.policyCheck(p, hops, k));
  }

  /**
   * Mission control: the hops before k carried their HTLCs; hop k's direction could not carry its
   * amount when the failure is about liquidity (a policy or timing refusal says nothing of it).
   */
  private learnFailure(p: Payment, hops: readonly Hop[], k: number, reason: string, amountMsat: number): void {
    const mc = this.missionControl;
    if (!mc) return;
    for (let i = 1; i < k; i++) mc.succeed(p.from, hops[i]!.channelId, hops[i]!.from, hops[i]!.amountMsat);
    if (k > 0 && !POLICY_REFUSALS.has(reason)) mc.fail(p.from, hops[k]!.channelId, hops[k]!.from, amountMsat, this.world.engine.now);
  }

  /**
   * Node k − 1 (hop k's sender) peels the onion that came with its incoming HTLC: it learns what
   * to forward, at which lock, on which channel, and nothing else of the route.
   */
  private peel(p: Payment, hops: readonly Hop[], k: number): ReadPayload | undefined {
    const packet = p.packets[k - 1];
    const peeled = packet && this.onion.peel(hops[k]!.from, packet, p.lock);
    if (!peeled?.ok) return undefined;
    if (peeled.next) p.packets[k] = peeled.next;
    return peeled.payload;
  }

  private policyCheck(p: Payment, hops: readonly Hop[], k: number): string | undefined {
    const told = this.peel(p, hops, k);
    if (!told) return 'bad-onion';
    if (told.nextChannelId !== toHex(shortChannelId(hops[k]!.channelId))) return 'no-route'; // unknown_next_peer
    const hop = { ...hops[k]!, amountMsat: told.amountMsat, expiryHeight: told.outgoingCltv };
    const incoming = hops[k - 1]!;
    const key = edgeKey(hop.channelId, hop.from);
    const policy = this.current.get(key) ?? (this.graph!.hasEdge(key) ? this.graph!.getEdgeAttributes(key).policy : undefined);
    if (!policy) return 'no-route';
    if (incoming.amountMsat - hop.amountMsat < forwardingFee(policy, hop.amountMsat)) return 'fee-rejected';
    if (incoming.expiryHeight - hop.expiryHeight < (this.options.style === 'sprites' ? 0 : policy.cltvDelta)) return 'lock-rejected';
    return undefined;
  }

  private offer(live: LiveChannel, hop: Hop, lock: string): string | undefined {
    const claimHeight = this.world.hooks(hop.to).claimHeight(hop.expiryHeight, this.options.deadlineBlocks);
    const r = live.offerHtlc(hop.from, hop.amountMsat as Msat, lock, hop.expiryHeight as Height, claimHeight, this.options.style === 'sprites');
    return r.ok ? undefined : r.error.code;
  }

  /** The HTLCs reached the payee: what it does is its own business (hooks.ts). */
  private arrive(p: Payment, hops: readonly Hop[]): void {
    const last = hops[hops.length - 1]!;
    const live = this.channel(last.channelId)!;
    const decision = this.world.hooks(p.to).receive(last.expiryHeight, this.options.deadlineBlocks);
    switch (decision.do) {
      case 'settle':
        return live.resolveHtlc(last.from, p.lock, 'fulfil');
      case 'withhold':
        return;
      case 'hold': {
        // A jammer fails its HTLCs back after the hold (no retry: the hold was the point).
        const release = (): void => {
          if (!live.hasHtlc(last.from, p.lock)) return;
          this.step(p, { type: 'refused', reason: 'held', retry: false });
          live.resolveHtlc(last.from, p.lock, 'fail');
        };
        this.world.engine.schedule(decision.ms, release, { label: 'jammer releases' });
        this.world.chain.watchHeight(Math.max(this.world.chain.height + 1, decision.height), release);
        return;
      }
    }
  }

  /** An HTLC of this payment ended: the payment, and the hop upstream, move on. */
  resolved(channelId: string, offerer: string, lock: string, outcome: HopOutcome): void {
    const p = this.byLock.get(lock);
    if (!p) return;
    const current = p.routes.length - 1;
    p.routes.forEach((hops, attempt) => {
      const k = hops.findIndex((h) => h.channelId === channelId && h.from === offerer);
      if (k < 0) return;
      const paid = outcome === 'fulfilled' || outcome === 'claimed';
      if (attempt === current && k === hops.length - 1) {
        if (paid) hops.slice(1).forEach((h) => this.missionControl?.succeed(p.from, h.channelId, h.from, h.amountMsat));
        this.step(p, { type: paid ? 'payee-paid' : 'payee-unpaid' });
      }
      if (k > 0 && !paid) this.failUpstream(p, hops, k, outcome === 'failed' ? 2 * this.options.messageLatencyMs : 0);
      if (k === 0 && attempt === current) {
        // A failure reaches the payer one message round trip after its first hop failed.
        const tell = (): void => this.step(p, { type: 'payer-resolved', outcome });
        if (outcome === 'failed') this.world.engine.schedule(2 * this.options.messageLatencyMs, tell, { label: 'htlc-fail' });
        else tell();
      }
    });
    this.cleanUp(p);
  }

  /** Hop k failed or timed out: its sender fails its incoming HTLC (hop k − 1), or fulfils it if it knows R after all. */
  private failUpstream(p: Payment, hops: readonly Hop[], k: number, delayMs: number): void {
    const incoming = hops[k - 1]!;
    const live = this.channel(incoming.channelId)!;
    this.world.engine.schedule(delayMs, () => {
      const knows = this.world.preimages.known(incoming.to, p.lock) !== undefined;
      live.resolveHtlc(incoming.from, p.lock, knows ? 'fulfil' : 'fail');
    }, { label: 'htlc-fail' });
  }

  /** `node` learned R (undefined: it appeared on the chain): it claims its incoming HTLCs of that lock. */
  private learned(node: string | undefined, lock: string): void {
    const p = this.byLock.get(lock);
    if (!p) return;
    // Off-chain, R reaches the next hop one round trip later; from the chain, everyone moves right after the block.
    const delayMs = node === undefined ? 0 : 2 * this.options.messageLatencyMs;
    for (const hops of p.routes) {
      // The payee's own HTLC is its hooks' business; every other receiver claims at once.
      hops.slice(0, -1).forEach((hop) => {
        if (node !== undefined && hop.to !== node) return;
        const live = this.channel(hop.channelId);
        if (!live?.hasHtlc(hop.from, lock)) return;
        this.world.engine.schedule(delayMs, () => live.resolveHtlc(hop.from, lock, 'fulfil'), { label: 'htlc-fulfil' });
      });
    }
  }

  private spendable(channelId: string, node: string): number | undefined {
    const live = this.channel(channelId);
    const side = live?.channel.sideOf(node);
    return live && side !== undefined && live.isUsable ? live.channel.balances[side] : 0;
  }

  private record(p: Payment, status: 'succeeded' | 'failed' | 'stuck', reason: string, payerKnowsR: boolean): void {
    const hops = status === 'failed' ? [] : (p.routes[p.routes.length - 1] ?? []);
    this.done({
      id: p.id,
      from: p.from,
      to: p.to,
      amountMsat: p.amountMsat,
      startedAt: p.startedAt,
      endedAt: this.world.engine.now,
      status,
      reason: status === 'succeeded' ? '' : failureReason(reason),
      payerKnowsR,
      hops: hops.length,
      feeMsat: hops.length ? hops[0]!.amountMsat - p.amountMsat : 0,
      attempts: p.routes.length,
      route: hops.length ? [hops[0]!.from, ...hops.map((h) => h.to)].join('>') : '',
      // A failed payment names the channel its last attempt was refused at (reports charge it the failure).
      firstChannel: hops[0]?.channelId ?? (status === 'failed' ? p.failedChannel : undefined) ?? '',
    });
    this.cleanUp(p);
  }

  /**
   * Once a payment is recorded and no HTLC of its lock is left anywhere, nobody needs R or the
   * payment any more: a long run must not keep a secret per payment and hop.
   */
  private cleanUp(p: Payment): void {
    const final = p.state.phase === 'succeeded' || p.state.phase === 'failed' || p.state.phase === 'stuck';
    if (!final) return;
    if (p.routes.some((hops) => hops.some((h) => this.channel(h.channelId)?.hasHtlc(h.from, p.lock)))) return;
    this.byLock.delete(p.lock);
    this.world.preimages.forget(p.lock, [p.to, ...p.routes.flatMap((hops) => hops.map((h) => h.from))]);
  }
}

/** Refusals about a hop's policy or timing: they say nothing of the channel's balance. */
const POLICY_REFUSALS: ReadonlySet<string> = new Set(['fee-rejected', 'lock-rejected', 'expired', 'timeout', 'bad-onion']);

interface Payment {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: Msat;
  readonly lock: string;
  readonly secret: string;
  readonly startedAt: number;
  attemptStartedAt: number;
  readonly excluded: Set<string>;
  /** The hops of every attempt, in order (the last is the current one). */
  readonly routes: (readonly Hop[])[];
  /** The current attempt's onion as the payer keeps it, and the packet each hop's receiver got. */
  sealed?: Sealed;
  packets: Packet[];
  state: PaymentState;
  /** The channel the last attempt was refused at (undefined for a timeout or before any attempt). */
  failedChannel?: string | undefined;
}
