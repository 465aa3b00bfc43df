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
import { hashLock, preimageFromSeed, sha256, toHex, utf8 } from '../crypto/index.js';
import { OnionCarrier, type HopPayload, type ReadPayload, type Sealed } from '../onion/index.js';
import { buildGraph, directionCapacity, edgeKey, feeAndLockRisk, findRoute, forwardingFee, MissionControl, type ChannelEdge, type Hop, type PaymentGraph, type Policy, type Weight } from '../router/index.js';
import type { Height, Msat } from '../units.js';
import { START, startParts, stepPayment, stepParts, type MultiPartEvent, type MultiPartState, type PaymentEvent, type PaymentState } from './attempt.js';
import type { HopOutcome } from './hop.js';
import type { LiveChannel } from './liveChannel.js';
import { failureFrom, learnFailure, POLICY_REFUSALS } from './failureMessages.js';
import { arrive, type PayeeSide } from './payee.js';
import type { World } from './world.js';
import { outcomeOf, type MultiHopOptions, type Payment, type PaymentOutcome, type Try } from './payment.js';

export { DEFAULT_MULTIHOP, type MppOptions, type MultiHopOptions, type PaymentOutcome } from './payment.js';

/** The engine labels of a payment's messages, made once (each HTLC update schedules one). */
const ADD = { label: 'htlc-add' };
const FULFIL = { label: 'htlc-fulfil' };
const FAIL = { label: 'htlc-fail' };

export class MultiHop {
  private graph: PaymentGraph | undefined;
  /** Policies as the forwarding nodes apply them now, by edge key; payers see them after gossip. */
  private readonly current = new Map<string, Policy>();
  /** Payments by hash lock, until recorded and every HTLC of theirs is resolved. */
  private readonly byLock = new Map<string, Payment>();
  private readonly onion: OnionCarrier;
  /** What payers learned from earlier attempts (undefined: mission control is off). */
  readonly missionControl: MissionControl | undefined;
  /** What the payee side needs (payee.ts). */
  private readonly payee: PayeeSide;

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
    this.payee = { world, deadlineBlocks: options.deadlineBlocks, refuse: (p, t, reason, retry) => this.payeeFailed(p, t, reason, retry) };
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

  /**
   * Starts payment `id`: `from` pays `amountMsat` to `to`. A probe (`probed` given) carries a hash
   * whose preimage nobody knows, is tried once, and tells `probed` how it ended.
   */
  send(id: string, from: string, to: string, amountMsat: Msat, probed?: (outcome: PaymentOutcome) => void): void {
    const preimage = preimageFromSeed(`${this.seed}/${id}`);
    const lock = hashLock(preimage);
    // The invoice's payment secret (BOLT #11 `s`), known to payer and payee only: not the hash.
    const secret = toHex(sha256(utf8(`pcnsim/${this.seed}/${id}/secret`)));
    // A probe is never split: its amount is the question.
    const mpp = probed ? undefined : this.options.mpp;
    const p: Payment = { id, from, to, amountMsat, lock, secret, probed, mpp, startedAt: this.world.engine.now, excluded: undefined, failedFrom: undefined, tries: [], state: START, held: mpp ? { tries: [], msat: 0, set: 0 } : undefined };
    this.byLock.set(lock, p);
    if (!probed) this.world.preimages.learn(to, preimage, lock); // the payee's secret R
    if (!p.mpp) return this.route(p, amountMsat);
    const { state, actions } = startParts(amountMsat);
    p.state = state;
    for (const action of actions) if (action.do === 'find-route') this.route(p, action.amountMsat);
  }

  /** Every payment not recorded yet is recorded as it stands (succeeded if its payee was paid, else stuck). */
  finish(): void {
    for (const p of [...this.byLock.values()]) this.step(p, { type: 'run-end' });
  }

  private step(p: Payment, event: PaymentEvent | MultiPartEvent): void {
    const { state, actions } = p.mpp
      ? // A multi-part payment may launch `maxAttempts` times as many parts as it may hold at once.
        stepParts(p.state as MultiPartState, event as MultiPartEvent, { ...p.mpp, maxTries: p.mpp.maxParts * this.options.maxAttempts })
      : stepPayment(p.state as PaymentState, event as PaymentEvent, this.options.maxAttempts);
    p.state = state;
    for (const action of actions) {
      if (action.do === 'find-route') this.route(p, 'amountMsat' in action ? action.amountMsat : p.amountMsat);
      else this.record(p, action.status, action.reason, action.payerKnowsR);
    }
  }

  /** Routes `amountMsat` of `p` (the whole payment, or a shard of it) and sends it as a new try. */
  private route(p: Payment, amountMsat: number): void {
    this.graph ??= buildGraph(this.edges());
    const route = findRoute(this.graph, {
      source: p.from,
      target: p.to,
      amountMsat,
      currentHeight: this.world.chain.height,
      finalCltvDelta: this.options.finalCltvDelta,
      excludeChannels: p.mpp ? this.busy(p, amountMsat) : p.excluded,
      spendableMsat: (channelId, node) => (node === p.from ? this.spendable(channelId, node) : undefined),
      style: this.options.style,
      ...this.weightFor(p),
      ...(this.options.maxFee ? { maxFeeMsat: this.options.maxFee(amountMsat) } : {}),
    });
    const t: Try | undefined = route
      ? { hops: route.hops, channels: route.hops.map((h) => this.channel(h.channelId)), amountMsat, startedAt: this.world.engine.now, packets: [], open: new Set(), reason: '', retry: true, payeeDone: false, payerDone: false, paid: false }
      : undefined;
    if (t) {
      p.tries.push(t);
      t.sealed = this.wrap(p, t);
      t.packets = [t.sealed.packet];
    }
    this.step(p, { type: 'routed', found: t !== undefined, amountMsat });
    if (!t) return;
    // Parts go out once the split is decided (an event later at the same instant), so a part's
    // first answer never reaches the payment while it is still placing shards.
    if (p.mpp) this.world.engine.schedule(0, () => this.forward(p, t, 0), ADD);
    else this.forward(p, t, 0);
  }

  /**
   * Parts of one payment never share a channel: LiveChannel and the contract know an HTLC by its
   * offerer and hash lock (README, "Multi-path payments"). Excluded: the channels that refused a
   * part as large (a smaller shard may pass: what lnd's splitting counts on) and every channel of
   * a part still in flight or holding an HTLC of this payment.
   */
  private busy(p: Payment, amountMsat: number): Set<string> {
    const busy = new Set<string>();
    for (const [channelId, failedMsat] of p.failedFrom ?? []) if (amountMsat >= failedMsat) busy.add(channelId);
    for (const t of p.tries) {
      for (const [i, h] of t.hops.entries()) if (!t.payerDone || t.channels[i]?.hasHtlc(h.from, p.lock)) busy.add(h.channelId);
    }
    return busy;
  }

  private weightFor(p: Payment): { weight?: Weight } {
    if (!this.missionControl) return this.options.weight ? { weight: this.options.weight } : {};
    return { weight: this.missionControl.weight(p.from, this.world.engine.now, this.options.weight ?? feeAndLockRisk()) };
  }

  /**
   * The try's onion: node i (the receiver of hop i) is told what to forward on hop i + 1, and
   * the payee what it must receive, with the payment secret and the payment's total.
   */
  private wrap(p: Payment, t: Try): Sealed {
    const hops = t.hops;
    const payloads: HopPayload[] = hops.map((hop, i) => {
      const next = hops[i + 1];
      if (next) return { amountMsat: next.amountMsat, outgoingCltv: next.expiryHeight, nextChannel: next.channelId };
      return { amountMsat: hop.amountMsat, outgoingCltv: hop.expiryHeight, paymentSecret: p.secret, totalMsat: p.amountMsat };
    });
    return this.onion.wrap(`${p.id}/${p.tries.length}`, hops.map((h) => h.to), payloads, p.lock);
  }

  /** Sets up hop k (its sender checks what it receives against what it must forward). */
  private forward(p: Payment, t: Try, k: number): void {
    const hops = t.hops;
    const hop = hops[k]!;
    const live = t.channels[k];
    const reason = live ? this.check(p, t, k) ?? this.offer(live, hop, p.lock) : 'no-route';
    if (reason) {
      // The payer's own channel refused: it knows at once. Otherwise the refusing node's failure
      // message travels back to the payer as an error onion, which names the node and the reason.
      const told = k === 0 ? reason : (failureFrom(this.onion, t.sealed!, k, reason, hop.amountMsat)?.reason ?? 'bad-onion');
      const retry = told !== 'timeout' && !p.probed;
      if (retry) this.exclude(p, hop.channelId, POLICY_REFUSALS.has(told) ? 0 : t.amountMsat);
      p.failedChannel = retry ? hop.channelId : undefined;
      learnFailure(this.missionControl, p.from, hops, k, told, hop.amountMsat, this.world.engine.now);
      this.refuse(p, t, told, retry);
      if (k > 0) return this.failUpstream(p, t, k, 0);
      t.payerDone = true;
      return this.payerResolved(p, t, 'failed');
    }
    t.open.add(k);
    // The payee reads its onion only for the privacy report: pcnsim's payee checks the HTLC, not the payload.
    const next = (): void => (k + 1 < hops.length ? this.forward(p, t, k + 1) : (this.options.observe && this.peel(p, t, k + 1), arrive(this.payee, p, t)));
    this.world.engine.schedule(2 * this.options.messageLatencyMs, next, ADD);
  }

  /** A single-path payment avoids a channel that refused it; a part avoids it for shards from `fromMsat` up. */
  private exclude(p: Payment, channelId: string, fromMsat: number): void {
    (p.excluded ??= new Set()).add(channelId);
    (p.failedFrom ??= new Map()).set(channelId, Math.min(fromMsat, p.failedFrom.get(channelId) ?? fromMsat));
  }

  /** What a failure said about a try: the single-path payment hears it at once, a part keeps it until its payer HTLC is back. */
  private refuse(p: Payment, t: Try, reason: string, retry: boolean): void {
    if (!p.mpp) return this.step(p, { type: 'refused', reason, retry });
    t.reason = reason;
    t.retry = retry;
  }

  /** The payee fails the HTLC of try t (a probe, a jammer's hold, an MPP timeout): its error onion travels back like any hop's. */
  private payeeFailed(p: Payment, t: Try, reason: string, retry: boolean): void {
    const k = t.hops.length;
    const told = failureFrom(this.onion, t.sealed!, k, reason, t.hops[k - 1]!.amountMsat)?.reason ?? 'bad-onion';
    learnFailure(this.missionControl, p.from, t.hops, k, told, 0, this.world.engine.now);
    this.refuse(p, t, told, retry);
  }

  private payerResolved(p: Payment, t: Try, outcome: HopOutcome): void {
    if (!p.mpp) return this.step(p, { type: 'payer-resolved', outcome });
    this.step(p, { type: 'part-payer', outcome, amountMsat: t.amountMsat, reason: t.reason, retry: t.retry });
  }

  /**
   * Checks before hop k is offered: the payer gives up an attempt past its timeout; nobody offers
   * a lock too close to expiry to go on chain in time; an intermediary refuses a hop whose fee or
   * lock margin is short of the policy it applies now (or whatever its hooks decide).
   */
  private check(p: Payment, t: Try, k: number): string | undefined {
    const hops = t.hops;
    const hop = hops[k]!;
    if (this.world.engine.now - t.startedAt > this.options.timeoutMs) return 'timeout';
    const height = this.world.chain.height;
    if (hop.expiryHeight <= height + (k === hops.length - 1 ? 1 : this.options.deadlineBlocks)) return 'expired';
    if (k === 0) return undefined;
    return this.world.hooks(hop.from).forward(this.policyCheck(p, t, k));
  }

  /** Node k (hop k − 1's receiver) peels its incoming onion: what to forward, at which lock, on which channel; nothing else of the route. */
  private peel(p: Payment, t: Try, k: number): ReadPayload | undefined {
    const packet = t.packets[k - 1];
    const peeled = packet && this.onion.peel(t.hops[k - 1]!.to, packet, p.lock);
    if (!peeled?.ok) return undefined;
    if (peeled.next) t.packets[k] = peeled.next;
    this.options.observe?.(p, t, k, peeled.payload);
    return peeled.payload;
  }

  private policyCheck(p: Payment, t: Try, k: number): string | undefined {
    const hops = t.hops;
    const told = this.peel(p, t, k);
    if (!told) return 'bad-onion';
    if (told.nextChannelId !== this.onion.shortIdHex(hops[k]!.channelId)) return 'no-route'; // unknown_next_peer
    const incoming = hops[k - 1]!; // what node k receives, checked against what its onion asks it to forward
    const key = edgeKey(hops[k]!.channelId, hops[k]!.from);
    const policy = this.current.get(key) ?? (this.graph!.hasEdge(key) ? this.graph!.getEdgeAttributes(key).policy : undefined);
    if (!policy) return 'no-route';
    if (incoming.amountMsat - told.amountMsat < forwardingFee(policy, told.amountMsat)) return 'fee-rejected';
    if (incoming.expiryHeight - told.outgoingCltv < (this.options.style === 'sprites' ? 0 : policy.cltvDelta)) return 'lock-rejected';
    return undefined;
  }

  private offer(live: LiveChannel, hop: Hop, lock: string): string | undefined {
    const claimHeight = this.world.hooks(hop.to).claimHeight(hop.expiryHeight, this.options.deadlineBlocks);
    const r = live.offerHtlc(hop.from, hop.amountMsat as Msat, lock, hop.expiryHeight as Height, claimHeight, this.options.style === 'sprites');
    return r.ok ? undefined : r.code;
  }

  /** An HTLC of this payment ended: the payment, and the hop upstream, move on. */
  resolved(channelId: string, offerer: string, lock: string, outcome: HopOutcome): void {
    const p = this.byLock.get(lock);
    if (!p) return;
    p.tries.forEach((t, i) => {
      const hops = t.hops;
      // Only one try at a time holds an HTLC of this lock on a channel direction: the one that offered it.
      const k = hops.findIndex((h, j) => t.open.has(j) && h.channelId === channelId && h.from === offerer);
      if (k < 0) return;
      t.open.delete(k);
      const paid = outcome === 'fulfilled' || outcome === 'claimed';
      if (k === hops.length - 1 && this.counts(p, t, i, 'payeeDone')) {
        if (paid) hops.slice(1).forEach((h) => this.missionControl?.succeed(p.from, h.channelId, h.from, h.amountMsat));
        t.payeeDone = true;
        t.paid = paid;
        if (p.mpp) this.step(p, { type: 'part-payee', paid, amountMsat: t.amountMsat });
        else this.step(p, { type: paid ? 'payee-paid' : 'payee-unpaid' });
      }
      if (k > 0 && !paid) this.failUpstream(p, t, k, outcome === 'failed' ? 2 * this.options.messageLatencyMs : 0);
      if (k === 0 && this.counts(p, t, i, 'payerDone')) {
        t.payerDone = true;
        // A failure reaches the payer one message round trip after its first hop failed.
        const tell = (): void => this.payerResolved(p, t, outcome);
        if (outcome === 'failed') this.world.engine.schedule(2 * this.options.messageLatencyMs, tell, FAIL);
        else tell();
      }
    });
    this.cleanUp(p);
  }

  /** Does this end of try i still move the payment? A single-path payment follows its current try only; a multi-part one each part once. */
  private counts(p: Payment, t: Try, i: number, end: 'payeeDone' | 'payerDone'): boolean {
    return p.mpp ? !t[end] : i === p.tries.length - 1;
  }

  /** Hop k failed or timed out: its sender fails its incoming HTLC (hop k − 1), or fulfils it if it knows R after all. */
  private failUpstream(p: Payment, t: Try, k: number, delayMs: number): void {
    const incoming = t.hops[k - 1]!;
    const live = t.channels[k - 1]!;
    this.world.engine.schedule(delayMs, () => {
      const knows = this.world.preimages.known(incoming.to, p.lock) !== undefined;
      live.resolveHtlc(incoming.from, p.lock, knows ? 'fulfil' : 'fail');
    }, FAIL);
  }

  /** `node` learned R (undefined: it appeared on the chain): it claims its incoming HTLCs of that lock. */
  private learned(node: string | undefined, lock: string): void {
    const p = this.byLock.get(lock);
    if (!p) return;
    // Off-chain, R reaches the next hop one round trip later; from the chain, everyone moves right after the block.
    const delayMs = node === undefined ? 0 : 2 * this.options.messageLatencyMs;
    // A forwarder's choice: the payee drew R itself.
    const decision = node === undefined || node === p.to ? undefined : this.world.hooks(node).learned();
    if (node !== undefined && decision?.do === 'wormhole') return this.wormhole(p, node, decision.accomplice, delayMs);
    this.resolveIncoming(p, node, 'fulfil', delayMs);
  }

  /**
   * Every unresolved HTLC of `p` offered to `node` (undefined: to any forwarder) is fulfilled or
   * failed by it after `delayMs`. The payee's own HTLC is its hooks' business (payee.ts).
   */
  private resolveIncoming(p: Payment, node: string | undefined, how: 'fulfil' | 'fail', delayMs: number): void {
    for (const { hops, channels } of p.tries) {
      for (let i = 0; i < hops.length - 1; i++) {
        const hop = hops[i]!;
        if (node !== undefined && hop.to !== node) continue; // before any look-up: every hop that learns R comes here
        const live = channels[i];
        if (!live?.hasHtlc(hop.from, p.lock)) continue;
        this.world.engine.schedule(delayMs, () => live.resolveHtlc(hop.from, p.lock, how), how === 'fulfil' ? FULFIL : FAIL);
      }
    }
  }

  /**
   * The wormhole (hooks.ts): `node` fails its incoming HTLCs of this payment as if the payee had
   * refused, and tells R to its accomplice in one message; with hash locks the accomplice claims its
   * own incoming HTLC with it, and the honest hops between them are failed back without a fee.
   */
  private wormhole(p: Payment, node: string, accomplice: string, delayMs: number): void {
    this.resolveIncoming(p, node, 'fail', delayMs);
    const preimage = this.world.preimages.known(node, p.lock);
    if (!preimage || this.options.locks === 'point') return; // a point lock's secret opens nothing upstream
    this.world.engine.schedule(this.options.messageLatencyMs, () => this.world.preimages.learn(accomplice, preimage, p.lock), { label: 'wormhole' });
  }

  /** What the payer can send on its own channel now (0 unless the channel takes new HTLCs). */
  private spendable(channelId: string, node: string): number {
    const live = this.channel(channelId);
    const side = live?.channel.sideOf(node);
    return live?.isUsable && side !== undefined ? live.channel.balances[side] : 0;
  }

  private record(p: Payment, status: 'succeeded' | 'failed' | 'stuck', reason: string, payerKnowsR: boolean): void {
    const outcome = outcomeOf(p, status, reason, payerKnowsR, this.world.engine.now);
    this.done(outcome);
    this.cleanUp(p);
    p.probed?.(outcome);
  }

  /**
   * Once a payment is recorded and no HTLC of its lock is left anywhere, nobody needs R or the
   * payment any more: a long run must not keep a secret per payment and hop.
   */
  private cleanUp(p: Payment): void {
    const final = p.state.phase === 'succeeded' || p.state.phase === 'failed' || p.state.phase === 'stuck';
    if (!final) return;
    // A try's open hops are exactly its HTLCs still in a channel (added at the offer, dropped at `resolved`).
    if (p.tries.some((t) => t.open.size > 0)) return;
    this.byLock.delete(p.lock);
    this.world.preimages.forget(p.lock, [p.to, ...p.tries.flatMap((t) => t.hops.map((h) => h.from))]);
  }
}
