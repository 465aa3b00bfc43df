/**
 * A channel as its two parties live it: the off-chain protocol (`Channel`) and its contract on the
 * chain (`VirtualBankHost`), steered by two pure state machines — the channel's life
 * (lifecycle.ts: opening → open → shutting down → closing → on chain → closed, with an Offline
 * wrapper) and one per HTLC (hop.ts: locked → fulfilled | failed | on chain → claimed | timed
 * out). This class only carries out the machines' actions: it signs sheets, submits transactions
 * and feeds the machines what the chain and the clock say (STYLE §4: effects at the edge).
 *
 * Honest behaviour (BRIEF §3 "rights"): a defender that sees a revoked sequence cashed punishes at
 * once if online, or as soon as it comes back (meanwhile its watchtower may, see punish.ts); an
 * attacker that cashed hands the chain its withdrawal time-locked to the freeze end. Only a party
 * that is online and answering signs anything off-chain.
 */
import type { Block, OutPoint, Tx } from '../chain/index.js';
import { addHtlc, Channel, type ChannelConfig, type ChannelTxKind, construct, type ContractInput, type ContractRules, DEFAULT_LIMITS, failHtlc, fulfillHtlc, type HtlcLimits, htlcsOf, isHtlc, other, type Pair, type Parties, reserveMsat, type Side, virtualBankHost, type VirtualBankHost, type VirtualBankTransition as Transition, weightOf } from '../channel/index.js';
import { publicKeysOf } from '../crypto/index.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Height, Msat, Sequence } from '../units.js';
import type { Availability } from './availability.js';
import { holdingsOf } from './holdings.js';
import { isResolved, stepHop, type HopAction, type HopEvent, type Now, type Resolution } from './hop.js';
import { HtlcTable, type Htlc } from './htlcTable.js';
import { canOffer, canUpdate, stepLife, type ChannelLife, type LifeAction, type LifeEvent } from './lifecycle.js';
import { preimagesToShow, punish, whenOnline, withdrawWhenFrozen } from './onChain.js';
import type { ChannelEventInput } from './records.js';
import { registerPreimage, rejectedIn, submitCall, type SubmitOptions } from './submit.js';
import { actsOn, cashResult, publishedPreimages, resolvedOnChain, transitionEvents } from './transitionEvents.js';
import { WaitingTransitions } from './waitingTransitions.js';
import { nextBothResponsive, recordEvent, recordRow, type Guarded, type World } from './world.js';
import type { ProtocolErrorCode } from '../errorCodes.js';

export interface LiveChannelSpec extends ChannelConfig {
  /** The coins (one per side, each worth exactly that side's deposit) that pay the deposits. */
  readonly coins: readonly [OutPoint, OutPoint];
  /** Confirmations each deposit needs before the channel is used. */
  readonly confirmations: number;
  /** Contract rules: BRIEF §2's virtual bank (default) or bitcoin-style asymmetric commitments. */
  readonly rules?: ContractRules;
  /** Fee each party bids on its channel transactions, paid from its wallet. */
  readonly txFeeMsat?: number;
  readonly limits?: HtlcLimits;
  /** Limits of the HTLCs each side offers, overriding `limits` (an imported channel's per-direction limits). */
  readonly limitsBySide?: readonly [HtlcLimits, HtlcLimits];
}

const DEPOSIT: ContractInput = Object.freeze({ method: 'deposit' });

export class LiveChannel implements Guarded {
  readonly id: string;
  readonly nodes: readonly [string, string];
  readonly channel: Channel;
  /** The fee this channel's parties bid on their transactions. */
  readonly txFeeMsat: number;
  readonly host: VirtualBankHost;
  private life: ChannelLife = { phase: 'opening' };
  private readonly htlcs = new HtlcTable();
  private readonly transitions = new WaitingTransitions();
  private depositsConfirmed = 0;
  private reconnectScheduled = false;
  /** Both parties' availabilities, once asked (the world makes one per node and keeps it). */
  private availabilities: readonly [Availability, Availability] | undefined;

  constructor(
    readonly world: World,
    private readonly spec: LiveChannelSpec,
  ) {
    this.id = spec.id;
    this.nodes = spec.nodes;
    this.txFeeMsat = spec.txFeeMsat ?? 0;
    this.channel = new Channel(spec);
    const parties: Parties = { nodes: spec.nodes, keys: publicKeysOf(spec.secrets[0].funding, spec.secrets[1].funding) };
    const contract = construct(spec.id, parties, spec.deposits, spec.rules ?? 'virtual-bank');
    if (!contract.ok) throw contract.error;
    this.host = virtualBankHost(contract.value);
    this.host.onTransition(this.record.bind(this)); // bound, not an arrow: no context per channel
  }

  /** The newest sheet's amounts, by side. */
  get balances(): Pair {
    return this.channel.balances;
  }

  /** New HTLCs may be offered (open, not shutting down, not closing). */
  get isUsable(): boolean {
    return canOffer(this.life);
  }

  /** The limits on the HTLCs (and the reserve) of side `side`: per direction when an imported file says so. */
  private limitsFor(side: Side): HtlcLimits {
    return this.spec.limitsBySide?.[side] ?? this.spec.limits ?? DEFAULT_LIMITS;
  }

  /** Registers the contract and submits both deposits. */
  open(): void {
    const { chain } = this.world;
    chain.registerContract(this.id, this.host);
    chain.watchContract(this.id, this.react.bind(this)); // bound: open's context goes once the deposits are deep
    // One callback for both deposits, and the same arguments for every deposit call.
    const deep = (): void => {
      if (++this.depositsConfirmed < 2) return;
      // Both coins are spent: their reservations mean nothing any more (62,000 held keys otherwise).
      for (const side of [0, 1] as const) this.world.wallet(this.nodes[side]).release([this.spec.coins[side]]);
      this.lifeStep({ type: 'deposits-deep' });
    };
    for (const side of [0, 1] as const) {
      const tx = this.submit(side, 'deposit', DEPOSIT, { inputs: [this.spec.coins[side]] });
      chain.watchConfirmed(tx.id, Math.max(1, this.spec.confirmations), deep);
    }
  }

  /** An off-chain payment across this channel: both parties online and signing, the payer keeps its reserve. */
  pay(payer: string, amountMsat: Msat): Outcome<Sequence> {
    const side = this.channel.sideOf(payer);
    if (side === undefined) return fail('not-a-party', `pay: ${payer} is not a party of ${this.id}`);
    const refused = this.refusal('pay', side);
    if (refused) return refused;
    const balance = this.channel.balances[side];
    const reserve = reserveMsat(this.channel, this.limitsFor(side));
    if (balance - amountMsat < reserve) return fail('insufficient-balance', `pay: ${payer} would fall below its reserve`, amountMsat + reserve, balance);
    const result = this.channel.pay(side, amountMsat);
    if (result.ok) this.event({ kind: 'pay', node: payer, sequence: result.value, amountMsat });
    return result;
  }

  /**
   * `offerer` offers an HTLC to the other party (both must be online to sign). `claimHeight` is
   * when the receiver, knowing R and unable to settle off-chain, goes on chain. `shared`: a
   * Sprites HTLC, settled by a preimage registered in time (BRIEF §4).
   */
  offerHtlc(offerer: string, amountMsat: Msat, hashLock: string, expiryHeight: Height, claimHeight: number, shared = false): Outcome<Sequence> {
    const side = this.channel.sideOf(offerer);
    if (side === undefined) return fail('not-a-party', `offerHtlc: ${offerer} is not a party of ${this.id}`);
    const refused = this.refusal('offerHtlc', side);
    if (refused) return refused;
    const result = addHtlc(this.channel, side, amountMsat, hashLock, expiryHeight, this.limitsFor(side), shared);
    if (!result.ok) return result;
    this.htlcs.add({ terms: { offerer: side, expiryHeight, receiverDeadline: claimHeight, shared }, hashLock, amountMsat, state: { phase: 'locked' }, rank: 0 });
    this.world.guarded.add(this);
    // The row whole, in recordEvent's field order: one object per event where stamping a kind-only literal made three.
    recordRow(this.world, { channel: this.id, kind: 'htlc-add', node: offerer, sequence: result.value, amountMsat, hashLock, expiryHeight, time: this.world.engine.now, height: this.world.chain.height });
    return result;
  }

  /** Why `side` cannot make a new update now, if it cannot. */
  private refusal(what: string, side: Side): Outcome<never> | undefined {
    if (this.life.phase === 'opening') return fail('channel-not-open', `${what}: channel ${this.id} is not open`);
    if (!canOffer(this.life) && this.life.phase !== 'offline') return fail('channel-closing', `${what}: channel ${this.id} is ${this.life.phase}`);
    const now = this.world.engine.now;
    if (!this.responsive(side, now)) return fail('payer-offline', `${what}: ${this.spec.nodes[side]} is offline or not answering`);
    if (!this.responsive(other(side), now)) return fail('peer-offline', `${what}: ${this.spec.nodes[other(side)]} is offline or not answering`);
    if (this.life.phase === 'offline') this.tick(); // both are back: reestablish first
    return canOffer(this.life) ? undefined : fail('channel-closing', `${what}: channel ${this.id} is ${this.life.phase}`);
  }

  /** The receiver of `offerer`'s HTLC resolves it: fulfils (it knows R) or fails it. */
  resolveHtlc(offerer: string, hashLock: string, how: Resolution): void {
    const side = this.channel.sideOf(offerer);
    const htlc = side === undefined ? undefined : this.htlcs.get(side, hashLock);
    if (htlc) this.stepHtlc(htlc, { type: 'resolve', how });
    if (htlc && how === 'fulfil') this.stepHtlc(htlc, { type: 'tick' }); // on chain already: claim at once
  }

  /** Is `offerer`'s HTLC with this lock still unresolved here? */
  hasHtlc(offerer: string, hashLock: string): boolean {
    const side = this.channel.sideOf(offerer);
    return side !== undefined && this.htlcs.get(side, hashLock) !== undefined;
  }

  /** A block was mined, or both parties may be back: resend what waits, then every HTLC's deadlines. */
  tick(): void {
    if (this.life.phase === 'offline' && this.linkUp()) this.lifeStep({ type: 'link-up' });
    for (const htlc of this.htlcs.list()) this.stepHtlc(htlc, { type: 'tick' });
  }

  /**
   * Submits `node`'s copy of `sequence` (default: the newest) to the contract: a unilateral close,
   * or cheating when that sequence has been revoked.
   */
  broadcast(node: string, sequence: Sequence = this.channel.sequence): Outcome<Tx> {
    const side = this.channel.sideOf(node);
    if (side === undefined) return fail('not-a-party', `broadcast: ${node} is not a party of ${this.id}`);
    const commitment = this.channel.copy(side, sequence);
    if (!commitment) {
      const why = sequence >= 1 && sequence < this.channel.sequence ? `${node} kept no revoked copies (it is not a cheater)` : `${this.id} has no sequence ${sequence}`;
      return fail('unknown-sequence', `broadcast: ${why}`, `1..${this.channel.sequence}`, sequence);
    }
    // Until both deposits are in, the contract would refuse any commitment; after a cash, any other.
    if (this.host.state.phase !== 'Running') return fail('channel-not-open', `broadcast: ${this.id} is ${this.host.state.phase}`, 'Running', this.host.state.phase);
    this.life = stepLife(this.life, { type: 'broadcast', by: side }).state;
    if (!isHtlc(commitment.terms)) return ok(this.submit(side, 'cash-rsmc', { method: 'cashRsmc', commitment }));
    const preimages = preimagesToShow(this, node, side, commitment.terms.htlcs);
    return ok(this.submit(side, 'cash-htlc', { method: 'cashHtlc', commitment, preimages }, { htlcs: commitment.terms.htlcs.length }));
  }

  /**
   * `node` asks to close (BOLT #2 shutdown). Offline, it acts once it is back. With its peer
   * answering, no new HTLC is added and the close is signed once the HTLCs in flight have cleared;
   * otherwise (or if `node` itself signs nothing off-chain) it closes unilaterally.
   */
  close(node: string): Outcome<string> {
    const side = this.channel.sideOf(node);
    if (side === undefined) return fail('not-a-party', `close: ${node} is not a party of ${this.id}`);
    if (!this.online(side)) {
      whenOnline(this, side, () => void this.close(node));
      return ok('deferred');
    }
    const peerAnswers = this.responsive(side) && this.responsive(other(side));
    const refused = this.lifeStep({ type: 'close', by: side, peerAnswers, htlcs: htlcsOf(this.channel).length });
    return refused ? fail(refused, `close: ${this.id} is ${this.life.phase}`) : ok(this.life.phase);
  }

  /** What `node` holds in this channel now (holdings.ts). */
  holdings(node: string): number {
    const side = this.channel.sideOf(node);
    return side === undefined ? 0 : holdingsOf(this.channel, this.host.state, side);
  }

  online(side: Side, time: number = this.world.engine.now): boolean {
    return this.availability(side).isOnline(time);
  }

  /** Online and signing channel updates. */
  private responsive(side: Side, time: number = this.world.engine.now): boolean {
    return this.availability(side).isResponsive(time);
  }

  /** A party's availability, looked up once: every HTLC step asks for both parties' several times. */
  private availability(side: Side): Availability {
    return (this.availabilities ??= [this.world.availability(this.nodes[0]), this.world.availability(this.nodes[1])])[side];
  }

  private linkUp(): boolean {
    return this.responsive(0) && this.responsive(1);
  }

  // ── the machines' actions ────────────────────────────────────────────────────────────────────

  /** Runs the lifecycle machine and carries out its actions; returns a refusal reason, if any. */
  private lifeStep(event: LifeEvent): ProtocolErrorCode | undefined {
    const { state, actions } = stepLife(this.life, event);
    this.life = state;
    let refused: ProtocolErrorCode | undefined;
    for (const action of actions) refused = this.lifeAction(action) ?? refused;
    return refused;
  }

  private lifeAction(action: LifeAction): ProtocolErrorCode | undefined {
    switch (action.do) {
      case 'announce-open':
        this.event({ kind: 'open', node: this.spec.nodes[0], amountMsat: this.channel.totalMsat });
        return undefined;
      case 'sign-close': {
        const amounts = this.channel.balances;
        const signatures = [this.channel.closeSignature(0, amounts), this.channel.closeSignature(1, amounts)] as const;
        const closer = this.life.phase === 'closing' ? this.life.by : 0;
        this.submit(closer, 'cooperative-close', { method: 'cooperativeClose', amounts, signatures }, { onDropped: () => this.lifeStep({ type: 'cooperative-refused' }) });
        return undefined;
      }
      case 'broadcast':
        this.broadcast(this.spec.nodes[action.by]);
        return undefined;
      case 'await-link':
        this.awaitLink();
        return undefined;
      case 'resend':
        return undefined; // tick() steps every HTLC right after
      case 'refuse':
        return action.reason;
    }
  }

  /** Both parties are checked again at the first moment both are online and signing. */
  private awaitLink(): void {
    if (this.reconnectScheduled) return;
    const back = nextBothResponsive(this.world, this.nodes[0], this.nodes[1], this.world.engine.now + 1);
    if (back >= Number.MAX_SAFE_INTEGER) return; // never again: the deadlines take it on chain
    this.reconnectScheduled = true;
    this.world.engine.scheduleAt(back, () => {
      this.reconnectScheduled = false;
      this.tick();
    }, { label: `${this.id} reestablish` });
  }

  private stepHtlc(htlc: Htlc, event: HopEvent): void {
    if (isResolved(htlc.state)) return;
    const { state, actions } = stepHop(htlc.state, event, htlc.terms, this.nowFor(htlc));
    htlc.state = state;
    for (const action of actions) this.hopAction(htlc, action);
  }

  private nowFor(htlc: Htlc): Now {
    const { engine, view } = this.world;
    const receiver = other(htlc.terms.offerer);
    return {
      offererHeight: view.height(this.nodes[htlc.terms.offerer]),
      receiverHeight: view.height(this.nodes[receiver]),
      linkUp: canUpdate(this.life) || this.life.phase === 'offline' ? this.linkUp() : false,
      offererOnline: this.online(htlc.terms.offerer, engine.now),
      receiverOnline: this.online(receiver, engine.now),
      receiverKnowsR: this.world.preimages.known(this.spec.nodes[receiver], htlc.hashLock) !== undefined,
      registeredInTime: htlc.terms.shared && (this.world.chain.preimageRegistration(htlc.hashLock)?.height ?? Infinity) < htlc.terms.expiryHeight,
    };
  }

  private hopAction(htlc: Htlc, action: HopAction): void {
    const offerer = htlc.terms.offerer;
    const receiver = other(offerer);
    switch (action.do) {
      case 'deliver':
        return this.deliver(htlc, action.how);
      case 'await-link':
        this.lifeStep({ type: 'link-down' });
        return this.awaitLink();
      case 'go-on-chain':
        if (this.host.state.phase === 'Running') this.lifeStep({ type: 'broadcast', by: action.by });
        return;
      case 'claim': {
        const preimage = this.world.preimages.known(this.spec.nodes[receiver], htlc.hashLock)!;
        this.submit(receiver, 'htlc-claim', { method: 'claimHtlc', hashLock: htlc.hashLock, preimage }, { onDropped: () => this.stepHtlc(htlc, { type: 'dropped' }) });
        return;
      }
      case 'timeout':
        this.submit(offerer, 'htlc-timeout', { method: 'timeoutHtlc', hashLock: htlc.hashLock }, { lockTime: { height: htlc.terms.expiryHeight as Height }, onDropped: () => this.stepHtlc(htlc, { type: 'dropped' }) });
        return;
      case 'register':
        registerPreimage(this.world, this.spec.nodes[receiver], this.world.preimages.known(this.spec.nodes[receiver], htlc.hashLock)!, htlc.hashLock, this.txFeeMsat);
        return;
      case 'resolved':
        if (this.htlcs.remove(offerer, htlc.hashLock)) this.world.guarded.delete(this);
        if (action.outcome === 'claimed') this.world.hooks(this.spec.nodes[receiver]).claimed(this.world.chain);
        this.world.htlcResolved(this.id, this.spec.nodes[offerer], htlc.hashLock, action.outcome);
        return;
    }
  }

  /** The receiver's fulfil or fail, signed by both: the sheet changes, the offerer learns R. */
  private deliver(htlc: Htlc, how: Resolution): void {
    const offerer = htlc.terms.offerer;
    const receiverNode = this.spec.nodes[other(offerer)];
    const preimage = how === 'fulfil' ? this.world.preimages.known(receiverNode, htlc.hashLock) : undefined;
    const result = preimage ? fulfillHtlc(this.channel, offerer, preimage) : failHtlc(this.channel, offerer, htlc.hashLock);
    if (!result.ok) throw result.error; // the machine only delivers an HTLC that is in the sheet
    if (preimage) this.world.preimages.learn(this.spec.nodes[offerer], preimage, htlc.hashLock);
    const by = preimage ? receiverNode : this.spec.nodes[offerer];
    recordRow(this.world, { channel: this.id, kind: 'htlc-settle', node: by, sequence: result.value, amountMsat: htlc.amountMsat, hashLock: htlc.hashLock, outcome: preimage ? 'fulfilled' : 'failed', time: this.world.engine.now, height: this.world.chain.height });
    if (htlcsOf(this.channel).length === 0) this.lifeStep({ type: 'htlcs-cleared', peerAnswers: this.linkUp() });
  }

  // ── the chain ────────────────────────────────────────────────────────────────────────────────

  /** A call into this channel's contract by `side`, weighing what its content weighs (channel/weights.ts). */
  private submit(side: Side, kind: ChannelTxKind, args: ContractInput, options: SubmitOptions = {}): Tx {
    const sender = this.nodes[side];
    // Field by field, not rest and spread (slow in V8): every deposit of a real snapshot comes here.
    const { inputs, lockTime, feePayer, contractFeeMsat, htlcs = 0, onDropped } = options;
    const call = { inputs, lockTime, feePayer, contractFeeMsat, contractId: this.id, sender, kind, args, feeMsat: options.feeMsat ?? this.txFeeMsat, weight: weightOf(kind, { htlcs }) };
    const rejected = rejectedIn(this.world);
    return submitCall(this.world, call, onDropped ? (tx, reason) => (rejected(tx, reason), onDropped()) : rejected);
  }

  /** A penalty or a withdrawal for this channel (onChain.ts). */
  submitFor(side: Side, kind: 'penalty' | 'withdraw', args: ContractInput, options: SubmitOptions = {}): Tx {
    const htlcs = kind === 'penalty' && this.host.state.phase === 'Auditing' ? this.host.state.pending.length : 0;
    return this.submit(side, kind, args, { ...options, htlcs });
  }

  /** Called by the chain's watch after a call into the contract confirmed. */
  private react(tx: Tx, _block: Block): void {
    const t = this.transitions.take(tx.id);
    if (!t) return;
    const { before, after } = t;
    if (after.phase === 'Closed') this.lifeStep({ type: 'closed' });
    if (before.phase === 'Running' && after.phase === 'Auditing') {
      this.lifeStep({ type: 'cashed' });
      const { attacker, terms } = after;
      if (this.channel.isRevoked(terms.sequence)) punish(this, other(attacker), terms.sequence);
      withdrawWhenFrozen(this, attacker);
      for (const htlc of this.htlcs.list()) this.stepHtlc(htlc, { type: 'cashed', result: cashResult(t, htlc.terms.offerer, htlc.hashLock) });
      return;
    }
    const resolved = resolvedOnChain(t, this.channel);
    if (resolved === 'all-taken') for (const htlc of this.htlcs.list()) this.stepHtlc(htlc, { type: 'taken' });
    else if (resolved) {
      const htlc = this.htlcs.get(resolved.offerer, resolved.hashLock);
      if (htlc) this.stepHtlc(htlc, { type: resolved.event });
    }
  }

  /** Records every contract transition as report rows (runs while the block is built). */
  private record(t: Transition): void {
    // Kept only if react() acts on it (no deposit: 62,000 would wait for their trigger).
    if (actsOn(t, this.channel)) this.transitions.push(t);
    for (const [lock, preimage] of publishedPreimages(t)) this.world.preimages.publish(preimage, lock);
    for (const e of transitionEvents(t, this.channel)) this.event(e);
  }

  event(e: ChannelEventInput): void {
    recordEvent(this.world, this.id, e);
  }
}
