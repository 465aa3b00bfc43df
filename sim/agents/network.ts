/**
 * A network of parties and their channels on one chain: funds each party's coins at genesis,
 * opens the channels, starts the agents (cheaters), and carries out payments and actions at
 * their times. It holds no protocol logic of its own: a payment between neighbours goes to their
 * live channel, any other to the multi-hop machinery; every action to the channel or party concerned.
 */
import type { Chain, OutPoint } from '../chain/index.js';
import { DEFAULT_LIMITS, type HtlcLimits, type PartySecrets } from '../channel/index.js';
import { lazyKeyPairFromSeed } from '../crypto/index.js';
import { type Engine, Priority, rngStream } from '../engine/index.js';
import type { Outcome } from '../errors.js';
import type { ProtocolErrorCode } from '../errorCodes.js';
import type { ChannelEdge } from '../router/index.js';
import type { Msat } from '../units.js';
import { Availability } from './availability.js';
import { ChainView } from './chainView.js';
import { startCheater } from './cheater.js';
import { startMiners } from './miner.js';
import { LiveChannel } from './liveChannel.js';
import { LiveOneWay } from './liveOneWay.js';
import { PairIndex } from './pairIndex.js';
import { DEFAULT_MULTIHOP, MultiHop, type PaymentOutcome } from './multihop.js';
import { Preimages } from './preimages.js';
import { probe } from './prober.js';
import { HONEST, hooksFor, type HtlcHooks } from './hooks.js';
import type { HopOutcome } from './hop.js';
import { failureReason, paymentResult } from '../reasons.js';
import { DerivedSecrets, type NodeSecrets } from './secrets.js';
import { Recorder, RowLog } from './records.js';
import type { ActionSpec, ChannelSpec, DirectionLimits, NetworkSpec, PaymentRecord } from './spec.js';
import { SharedLimits } from './sharedLimits.js';
import { Wallet } from './wallet.js';
import type { WatchtowerSpec } from './watchtower.js';
import { recordEvent, type World } from './world.js';
import { BLOCK_INTERVAL_MS, ONE_WAY_REFUND_BLOCKS } from '../defaults.js';

export type { ActionSpec, ChannelKind, ChannelSpec, NetworkSpec, PaymentRecord, PaymentSpec } from './spec.js';

type Live = LiveChannel | LiveOneWay;

export class Network {
  readonly recorder = new Recorder();
  /** One row per payment, in the order payments end. */
  readonly paymentLog = new RowLog<PaymentRecord>();
  readonly channels = new Map<string, Live>();
  /** Each node's channels, in opening order. */
  private readonly byNode = new Map<string, Live[]>();
  /** Channels by their two nodes (both orders). */
  private readonly byPair = new PairIndex<Live>();
  /** Channel specs in opening order (the payers' graph is built from these). */
  private readonly opened: ChannelSpec[] = [];
  private readonly availabilities = new Map<string, Availability>();
  private readonly wallets = new Map<string, Wallet>();
  private readonly nodeSecrets = new Map<string, NodeSecrets>();
  private readonly startMsat = new Map<string, number>();
  private readonly limits = new SharedLimits();
  private readonly world: World;
  private multiHop: MultiHop | undefined;
  /** Who may cheat (cheater strategies) and where (scripted broadcasts of an old sequence). */
  private cheating: { readonly nodes: ReadonlySet<string>; readonly channels: ReadonlySet<string> } | undefined;
  private paymentCount = 0;
  /** Told when any HTLC ends for good, besides the payments layer (a swap over Lightning watches its legs). */
  readonly htlcWatchers: ((channelId: string, offerer: string, lock: string, outcome: HopOutcome) => void)[] = [];

  constructor(
    engine: Engine,
    private readonly chain: Chain,
    private readonly spec: NetworkSpec,
  ) {
    const towers = new Map<string, WatchtowerSpec[]>();
    for (const tower of spec.watchtowers ?? []) for (const c of tower.clients) towers.set(c, [...(towers.get(c) ?? []), tower]);
    const hooks = new Map<string, HtlcHooks>();
    const allHonest = Object.keys(spec.receivers ?? {}).length === 0;
    const view = new ChainView(chain, spec.chainDelay);
    this.world = {
      engine,
      chain,
      view,
      recorder: this.recorder,
      availability: (node) => this.availability(node),
      wallet: (node) => this.wallet(node),
      preimages: new Preimages(view),
      towersOf: (node) => towers.get(node) ?? [],
      hooks: (node) => {
        // Asked at every hop of every payment: built once per node, and no look-up at all when every node is honest.
        if (allHonest) return HONEST;
        let h = hooks.get(node);
        if (!h) hooks.set(node, (h = hooksFor(spec.receivers?.[node])));
        return h;
      },
      guarded: new Set(),
      htlcResolved: (channelId, offerer, lock, outcome) => {
        this.multiHop?.resolved(channelId, offerer, lock, outcome);
        for (const watch of this.htlcWatchers) watch(channelId, offerer, lock, outcome);
      },
    };
  }

  /** A node signs with one funding key (derived once, when first used: key derivation is an EC multiplication). */
  private secretsFor(channelId: string, node: string): PartySecrets {
    let party = this.nodeSecrets.get(node);
    if (!party) this.nodeSecrets.set(node, (party = { funding: lazyKeyPairFromSeed(`pcnsim/${this.spec.seed}/${node}/funding`), scenarioSeed: this.spec.seed, node }));
    return new DerivedSecrets(party, channelId);
  }

  wallet(node: string): Wallet {
    let w = this.wallets.get(node);
    if (!w) this.wallets.set(node, (w = new Wallet(this.chain, node)));
    return w;
  }

  availability(node: string): Availability {
    let a = this.availabilities.get(node);
    if (!a) {
      const p = this.spec.onlineProbability?.[node];
      const chance = p === undefined ? undefined : { probability: p, intervalMs: this.spec.blockIntervalMs ?? BLOCK_INTERVAL_MS, rng: rngStream(this.spec.seed, `availability/${node}`) };
      this.availabilities.set(node, (a = new Availability(chance)));
    }
    return a;
  }

  /** Funds coins at genesis, opens every channel, and schedules payments and actions. */
  start(): void {
    const { engine } = this.world;
    startMiners(this.chain, this.spec.miners ?? []);
    this.guardEveryBlock();
    for (const node of this.spec.nodes) {
      const extra = this.spec.walletMsat?.[node] ?? 0;
      if (extra > 0) this.chain.fund(node, extra as Msat);
      this.startMsat.set(node, extra);
    }
    for (const channel of this.spec.channels) this.open(channel, this.fundCoins(channel));
    // Channels opened later by actions are paid from coins held since genesis, set aside now.
    const later = new Map(this.spec.actions.flatMap((a) => (a.do === 'open' ? [[a, this.fundCoins(a.channel)] as const] : [])));
    for (const payment of this.spec.payments) {
      engine.scheduleAt(payment.atMs, () => this.pay(payment.from, payment.to, payment.amountMsat), { priority: Priority.normal, label: 'payment' });
    }
    for (const cheater of this.spec.cheaters ?? []) {
      const rsmc = (): LiveChannel[] => (this.byNode.get(cheater.node) ?? []).filter((c): c is LiveChannel => c instanceof LiveChannel);
      const fee = (live: LiveChannel): number => this.spec.channels.find((c) => c.id === live.id)?.txFeeMsat ?? 0;
      startCheater(this.world, cheater, rsmc, fee);
    }
    for (const action of this.spec.actions) {
      const act = action.do === 'open' ? () => this.open(action.channel, later.get(action)!) : () => this.perform(action);
      engine.scheduleAt(action.atMs, act, { priority: Priority.normal, label: `action ${action.do}` });
    }
  }

  /** After every block, each channel with unresolved HTLCs checks their deadlines (re-armed until resolved). */
  private guardEveryBlock(): void {
    const tick = (block: { height: number }): void => {
      for (const live of [...this.world.guarded]) live.tick();
      this.chain.watchHeight(block.height + 1, tick);
    };
    this.chain.watchHeight(this.chain.height + 1, tick);
  }

  /** The run ends: payments still under way are recorded as they stand (succeeded if the payee was paid, else stuck). */
  finish(): void {
    this.multiHop?.finish();
  }

  /** Who knows which preimage (off-chain knowledge is dropped as payments settle). */
  get preimages(): Preimages {
    return this.world.preimages;
  }

  get payments(): readonly PaymentRecord[] {
    return this.paymentLog.rows;
  }

  /** What `node` holds now: its on-chain coins plus its side of every channel (bonds included). */
  balanceOf(node: string): number {
    let total = this.chain.balanceOf(node) as number;
    for (const live of this.byNode.get(node) ?? []) total += live.holdings(node);
    return total;
  }

  /** What each node started with and holds now: on-chain coins plus its side of every channel. */
  balances(): Record<string, { startMsat: number; endMsat: number }> {
    const out: Record<string, { startMsat: number; endMsat: number }> = {};
    for (const node of [...this.spec.nodes].sort()) {
      out[node] = { startMsat: this.startMsat.get(node) ?? 0, endMsat: this.balanceOf(node) };
    }
    return out;
  }

  /** Each deposit is paid from a coin worth exactly that deposit, held since genesis. */
  private fundCoins(spec: ChannelSpec): (OutPoint | undefined)[] {
    return spec.between.map((node, side) => {
      const amount = spec.deposit[side]!;
      this.startMsat.set(node, (this.startMsat.get(node) ?? 0) + amount);
      if (amount <= 0) return undefined;
      const coin = this.chain.fund(node, amount);
      this.wallet(node).reserve(coin); // set aside for the deposit, never spent on fees
      return coin;
    });
  }

  private open(spec: ChannelSpec, coins: readonly (OutPoint | undefined)[]): void {
    const secrets = spec.between.map((node) => this.secretsFor(spec.id, node)) as unknown as readonly [PartySecrets, PartySecrets];
    const limits = this.limits.one(limitsOf(spec));
    const live: Live =
      spec.kind === 'one-way'
        ? new LiveOneWay(this.world, {
            id: spec.id,
            nodes: spec.between,
            depositMsat: spec.deposit[0],
            refundBlocks: spec.refundBlocks ?? ONE_WAY_REFUND_BLOCKS,
            payer: secrets[0],
            coin: coins[0]!,
            confirmations: spec.confirmations,
            mode: this.spec.crypto,
            txFeeMsat: spec.txFeeMsat ?? 0,
          })
        : new LiveChannel(this.world, {
            id: spec.id,
            nodes: spec.between,
            deposits: spec.deposit,
            freeze: spec.freeze,
            secrets,
            mode: this.spec.crypto,
            // fundCoins' list itself, one per side: no second pair per channel (2 MB on a real snapshot).
            coins: coins as readonly [OutPoint, OutPoint],
            confirmations: spec.confirmations,
            rules: spec.kind,
            keepRevoked: this.mayCheat(spec),
            txFeeMsat: spec.txFeeMsat ?? 0,
            limits,
            // Always the same fields (one object shape for 31,000 channels), limitsBySide undefined when no direction has its own.
            limitsBySide: spec.directions && this.limits.pair(this.limits.one(sideLimits(spec.directions[0], limits)), this.limits.one(sideLimits(spec.directions[1], limits))),
          });
    this.channels.set(spec.id, live);
    this.opened.push(spec);
    if (this.multiHop && spec.kind !== 'one-way') this.multiHop.addChannel(edgeOf(spec));
    for (const node of spec.between) {
      let list = this.byNode.get(node);
      if (!list) this.byNode.set(node, (list = []));
      list.push(live);
    }
    this.byPair.add(spec.between, live);
    live.open();
  }

  /** Whether a party of `spec` may broadcast a revoked sequence, and so keeps the old sheets. */
  private mayCheat(spec: ChannelSpec): boolean {
    if (this.spec.revokedCopies !== 'cheaters') return true;
    this.cheating ??= {
      nodes: new Set((this.spec.cheaters ?? []).filter((c) => c.mode !== 'never').map((c) => c.node)),
      channels: new Set(this.spec.actions.flatMap((a) => (a.do === 'broadcast' && a.sequence !== undefined ? [a.channel] : []))),
    };
    const { nodes, channels } = this.cheating;
    return channels.has(spec.id) || spec.between.some((node) => nodes.has(node));
  }

  /**
   * A payment: a direct RSMC update when `from` and `to` share a channel (BRIEF §3: one
   * sequence), otherwise HTLCs over a route (BRIEF §4: two sequences per hop).
   */
  pay(from: string, to: string, amountMsat: Msat): void {
    const candidates = this.byPair.get(from, to);
    if (candidates.length === 0) return this.routed().send(`p${this.paymentCount++}`, from, to, amountMsat);
    let outcome: Outcome<unknown> | undefined;
    let used = '';
    for (const live of candidates) {
      outcome = live.pay(from, amountMsat);
      used = live.id;
      if (outcome.ok) break;
    }
    const reason = outcome === undefined ? 'no-route' : outcome.ok ? '' : failureReason(outcome.code);
    this.paymentLog.push({
      time: this.world.engine.now,
      from,
      to,
      amountMsat,
      ...paymentResult(outcome?.ok ? 'succeeded' : 'failed', reason),
      channel: used,
      hops: outcome?.ok ? 1 : 0,
      feeMsat: 0,
      // One update of the sheet costs a round trip of two messages, as each HTLC update does.
      latencyMs: outcome?.ok ? 2 * (this.spec.multiHop ?? DEFAULT_MULTIHOP).messageLatencyMs : 0,
      attempts: 1,
      route: outcome?.ok ? `${from}>${to}` : '',
      parts: outcome?.ok ? 1 : 0,
      payerKnowsR: outcome?.ok === true, // a direct update: the payer signed it
    });
  }

  /** The multi-hop payment machinery (created on first use). */
  routedPayments(): MultiHop {
    return this.routed();
  }

  private routed(): MultiHop {
    if (this.multiHop) return this.multiHop;
    const edges = (): ChannelEdge[] => routableEdges(this.opened);
    const record = (o: PaymentOutcome): void => {
      const { status, reason } = paymentResult(o.status, o.reason);
      // One literal, one hidden class: an allocation profile charged Object.assign over three objects 78 MB per 20,000 rows.
      const row = { time: o.startedAt, from: o.from, to: o.to, amountMsat: o.amountMsat, status, reason, payerKnowsR: o.payerKnowsR, channel: o.firstChannel, hops: o.hops, feeMsat: o.feeMsat, latencyMs: o.endedAt - o.startedAt, attempts: o.attempts, route: o.route, parts: o.parts };
      this.paymentLog.push(row as PaymentRecord);
    };
    const rsmc = (id: string): LiveChannel | undefined => {
      const live = this.channels.get(id);
      return live instanceof LiveChannel ? live : undefined;
    };
    return (this.multiHop = new MultiHop(this.world, rsmc, edges, { ...(this.spec.multiHop ?? DEFAULT_MULTIHOP), crypto: this.spec.crypto }, this.spec.seed, record));
  }

  /** Carries out a scripted action now (scenarios schedule them at their times). */
  perform(action: ActionSpec): void {
    switch (action.do) {
      case 'offline':
        this.availability(action.node).goOffline(action.atMs, action.atMs + action.forMs);
        return;
      case 'online':
        this.availability(action.node).goOnline(action.atMs);
        return;
      case 'unresponsive':
        this.availability(action.node).stopSigning(action.atMs, action.atMs + action.forMs);
        return;
      case 'fail':
        // Each peer closes (unilaterally: the failed node signs nothing), now or once it is back online.
        this.availability(action.node).goOffline(action.atMs, Number.MAX_SAFE_INTEGER);
        for (const live of this.byNode.get(action.node) ?? []) closeOf(live, live.nodes[0] === action.node ? live.nodes[1] : live.nodes[0]);
        return;
      case 'open':
        return; // scheduled in start()
      case 'pay':
        this.pay(action.node, action.to, action.amountMsat);
        return;
      case 'probe': {
        const live = this.channels.get(action.channel);
        if (!(live instanceof LiveChannel)) return this.refused(action, 'no-such-channel');
        // The capacity is public (gossip); the next probe leaves once the previous failure is back.
        const sendProbe = (amountMsat: number, back: (reason: string) => void): void =>
          this.routed().send(`p${this.paymentCount++}`, action.node, action.to, amountMsat as Msat, (o) => this.world.engine.schedule(0, () => back(o.reason), { label: 'probe' }));
        probe(live.channel.totalMsat, action.precisionMsat, sendProbe);
        return;
      }
      case 'set-policy':
        if (!this.routed().setPolicy(action.channel, action.node, action.policy)) this.refused(action, 'no-such-direction');
        return;
      case 'broadcast':
      case 'close': {
        const live = this.channels.get(action.channel);
        if (!live) return this.refused(action, 'no-such-channel');
        const outcome = action.do === 'close' ? closeOf(live, action.node) : live.broadcast(action.node, action.sequence);
        if (!outcome.ok) this.refused(action, outcome.error.code);
        return;
      }
    }
  }

  /** A scripted action the run could not carry out: recorded, so reports list it. */
  private refused(action: ActionSpec & { channel: string }, code: ProtocolErrorCode): void {
    recordEvent(this.world, action.channel, { kind: 'refused-action', node: action.node, action: action.do, code });
  }
}

/** The channels payments may be routed over, as the router sees them (the privacy report reasons on the same graph). */
export const routableEdges = (channels: readonly ChannelSpec[]): ChannelEdge[] => channels.filter((c) => c.kind !== 'one-way' && (c.policy || c.policies)).map(edgeOf);

/** The router's view of a channel: its capacity and each direction's policy. */
function edgeOf(c: ChannelSpec): ChannelEdge {
  const maxHtlc = c.directions && [c.directions[0].maxHtlcMsat, c.directions[1].maxHtlcMsat] as const;
  return Object.assign({ channelId: c.id, between: c.between, capacityMsat: c.deposit[0] + c.deposit[1], policies: c.policies ?? [c.policy, c.policy] }, maxHtlc ? { maxHtlcMsat: maxHtlc } : undefined);
}

/** The limits on the HTLCs one side offers: the channel's (`base`), overridden by that direction's own (an imported file's). */
function sideLimits(d: DirectionLimits, base: HtlcLimits): HtlcLimits {
  // Object.assign, not spreads (in V8 each spread literal gets a hidden class of its own): 62,000 of these live on a real snapshot.
  const limits = { maxHtlcs: d.maxHtlcs ?? base.maxHtlcs, maxInFlightMsat: d.maxInFlightMsat ?? base.maxInFlightMsat, minHtlcMsat: d.minHtlcMsat ?? base.minHtlcMsat, reservePpm: base.reservePpm };
  return d.reserveMsat !== undefined ? Object.assign(limits, { reserveMsat: d.reserveMsat }) : limits;
}

function limitsOf(spec: ChannelSpec): HtlcLimits {
  return Object.assign({}, DEFAULT_LIMITS, { maxHtlcs: spec.maxHtlcs ?? DEFAULT_LIMITS.maxHtlcs, reservePpm: spec.reservePpm ?? DEFAULT_LIMITS.reservePpm });
}

function closeOf(live: Live, node: string): Outcome<unknown> {
  return live instanceof LiveChannel ? live.close(node) : live.broadcast(node);
}
