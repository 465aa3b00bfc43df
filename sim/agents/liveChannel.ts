/**
 * A channel as its two parties live it: the off-chain protocol (`Channel`) plus its contract on
 * the chain (`VirtualBankHost`), driven through the chain's watches (STYLE §13). This is where
 * effects happen: deposits, payments, broadcasts, punishments and withdrawals become
 * transactions; the channel and contract code stay pure.
 *
 * Honest behaviour (BRIEF §3 "rights"): a defender that sees a revoked sequence cashed submits
 * withdrawByDefender at once if online, or as soon as it comes back online (meanwhile its
 * watchtower, if it has one, does it for it); an attacker that cashed hands the chain its
 * withdrawal with an absolute time lock at the freeze end. HTLCs (BRIEF §4) are guarded: a
 * receiver that knows the preimage settles off-chain or, if its peer is silent, claims on chain
 * before the lock expires; an offerer takes an expired HTLC back on chain.
 */
import type { WatchHandle } from '../chain/index.js';
import type { AbsoluteLock, Block, OutPoint, Tx } from '../chain/types.js';
import { construct, freezeEnd, type ContractInput, type ContractRules, type Parties } from '../channel/contract.js';
import { isHtlc, other, type HtlcTerm, type Pair, type Side } from '../channel/commitment.js';
import { addHtlc, DEFAULT_LIMITS, failHtlc, fulfillHtlc, htlcsOf, type HtlcLimits } from '../channel/htlc.js';
import { virtualBankHost, type VirtualBankHost, type VirtualBankTransition as Transition } from '../channel/host.js';
import { Channel, type ChannelConfig } from '../channel/protocol.js';
import { hashLock as hashLockOf } from '../crypto/index.js';
import { fail, invariant, ok, type Outcome } from '../errors.js';
import type { Height, Msat, Sequence, UnixSeconds } from '../units.js';
import type { ChannelEventKind } from './records.js';
import { submitCall } from './submit.js';
import { flood } from './receiver.js';
import { holdingsOf } from './holdings.js';
import { transitionEvents, type EventDetail } from './transitionEvents.js';
import { towerReward } from './watchtower.js';
import { recordEvent, type World } from './world.js';

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

export class LiveChannel {
  readonly channel: Channel;
  readonly host: VirtualBankHost;
  /** Both deposits are deep enough and no close has started. */
  private usable = false;
  private closing = false;
  private depositsConfirmed = 0;
  private readonly transitions = new Map<string, Transition>();
  /** The chain watches guarding each HTLC in flight (by offerer side and hash lock), cancelled once it resolves off-chain. */
  private readonly guards = new Map<string, WatchHandle[]>();

  constructor(
    private readonly world: World,
    private readonly spec: LiveChannelSpec,
  ) {
    this.channel = new Channel(spec);
    const parties: Parties = { nodes: spec.nodes, keys: [spec.secrets[0].funding.publicKey, spec.secrets[1].funding.publicKey] };
    const contract = construct(spec.id, parties, spec.deposits, spec.rules ?? 'virtual-bank');
    if (!contract.ok) throw contract.error;
    this.host = virtualBankHost(contract.value);
    this.host.onTransition((t) => this.record(t));
  }

  get id(): string {
    return this.spec.id;
  }

  get nodes(): readonly [string, string] {
    return this.spec.nodes;
  }

  /** The newest sheet's amounts, by side. */
  get balances(): Pair {
    return this.channel.balances;
  }

  get isUsable(): boolean {
    return this.usable;
  }

  /** Registers the contract and submits both deposits. */
  open(): void {
    const { chain } = this.world;
    chain.registerContract(this.id, this.host);
    chain.watchContract(this.id, (tx, block) => this.react(tx, block));
    for (const side of [0, 1] as const) {
      const tx = this.submit(side, 'deposit', { method: 'deposit' }, [this.spec.coins[side]]);
      chain.watchConfirmed(tx.id, Math.max(1, this.spec.confirmations), () => {
        if (++this.depositsConfirmed === 2 && !this.closing) {
          this.usable = true;
          this.event('open', this.spec.nodes[0], { amountMsat: this.channel.totalMsat });
        }
      });
    }
  }

  /** An off-chain payment across this channel; both parties must be online to sign. */
  pay(payer: string, amountMsat: Msat): Outcome<Sequence> {
    const side = this.channel.sideOf(payer);
    if (side === undefined) return fail('not-a-party', `pay: ${payer} is not a party of ${this.id}`);
    if (!this.usable) return fail('channel-not-open', `pay: channel ${this.id} is not open`);
    const now = this.world.engine.now;
    if (!this.responsive(other(side), now)) return fail('peer-offline', `pay: ${this.spec.nodes[other(side)]} is offline or not answering`);
    const result = this.channel.pay(side, amountMsat);
    if (result.ok) this.event('pay', payer, { sequence: result.value, amountMsat });
    return result;
  }

  /** Both parties can sign right now (the channel is open and both are online). */
  canUpdate(): boolean {
    const now = this.world.engine.now;
    return this.usable && this.responsive(0, now) && this.responsive(1, now);
  }

  /** `offerer` offers an HTLC to the other party (both must be online to sign). */
  offerHtlc(offerer: string, amountMsat: Msat, hashLock: string, timeLock: Height): Outcome<Sequence> {
    const side = this.channel.sideOf(offerer);
    if (side === undefined) return fail('not-a-party', `offerHtlc: ${offerer} is not a party of ${this.id}`);
    if (!this.usable) return fail('channel-not-open', `offerHtlc: channel ${this.id} is not open`);
    if (!this.canUpdate()) return fail('peer-offline', `offerHtlc: ${this.spec.nodes[other(side)]} is offline`);
    const result = addHtlc(this.channel, side, amountMsat, hashLock, timeLock, this.spec.limitsBySide?.[side] ?? this.spec.limits ?? DEFAULT_LIMITS);
    if (result.ok) this.event('htlc-add', offerer, { sequence: result.value, amountMsat, detail: hashLock, expiryHeight: timeLock });
    return result;
  }

  /** The receiver of `offerer`'s HTLC shows the preimage; the offerer learns it. */
  fulfillHtlc(offerer: string, preimage: Uint8Array): Outcome<Sequence> {
    const side = this.channel.sideOf(offerer);
    if (side === undefined) return fail('not-a-party', `fulfillHtlc: ${offerer} is not a party of ${this.id}`);
    if (!this.canUpdate()) return fail('peer-offline', `fulfillHtlc: a party of ${this.id} is offline`);
    const lock = hashLockOf(preimage);
    const htlc = htlcsOf(this.channel).find((h) => h.offerer === side && h.hashLock === lock);
    const result = fulfillHtlc(this.channel, side, preimage);
    if (result.ok) {
      this.unguard(side, lock);
      this.world.preimages.learn(offerer, preimage, htlc?.hashLock);
      this.event('htlc-settle', this.spec.nodes[other(side)], { sequence: result.value, amountMsat: htlc?.amountMsat ?? 0, detail: lock });
    }
    return result;
  }

  /** `offerer`'s HTLC is withdrawn off-chain (a failure downstream). */
  failHtlc(offerer: string, hashLock: string): Outcome<Sequence> {
    const side = this.channel.sideOf(offerer);
    if (side === undefined) return fail('not-a-party', `failHtlc: ${offerer} is not a party of ${this.id}`);
    if (!this.canUpdate()) return fail('peer-offline', `failHtlc: a party of ${this.id} is offline`);
    const htlc = htlcsOf(this.channel).find((h) => h.offerer === side && h.hashLock === hashLock);
    const result = failHtlc(this.channel, side, hashLock);
    if (!result.ok) return result;
    this.unguard(side, hashLock);
    this.event('htlc-settle', offerer, { sequence: result.value, amountMsat: htlc?.amountMsat ?? 0, detail: hashLock });
    return result;
  }

  /** Is `offerer`'s HTLC with this lock still in the newest sheet of a running channel? */
  hasHtlc(offerer: string, hashLock: string): boolean {
    const side = this.channel.sideOf(offerer);
    return this.host.state.phase === 'Running' && !this.closing && htlcsOf(this.channel).some((h) => h.offerer === side && h.hashLock === hashLock);
  }

  /**
   * Guards an HTLC against a peer that stops answering (BRIEF §4): the receiver, `deadlineBlocks`
   * before the lock expires and with the HTLC still unresolved off-chain, fulfills it off-chain
   * if the offerer answers, or else goes on chain and claims it; the offerer, once the lock has
   * expired, goes on chain for the refund. A receiving attacker (receiver.ts) plays its own game:
   * a jammer fails in time by itself, a griefer claims on chain at the last moment.
   */
  guardHtlc(offerer: string, hashLock: string, timeLock: number, deadlineBlocks: number): void {
    const offererSide = this.channel.sideOf(offerer)!;
    const receiverSide = other(offererSide);
    const receiver = this.spec.nodes[receiverSide];
    const { chain } = this.world;
    const policy = this.world.receiving(receiver);
    const handles: WatchHandle[] = [];
    if (policy === undefined) {
      handles.push(chain.watchHeight(Math.max(chain.height + 1, timeLock - deadlineBlocks - 1), () => this.claimBeforeExpiry(offerer, hashLock, timeLock)));
    } else if (policy.kind === 'griefer') {
      // Its commitment goes out when block timeLock − 2 is mined, to confirm in the last block before expiry.
      handles.push(chain.watchHeight(Math.max(chain.height + 1, timeLock - 2), () => {
        if (!this.hasHtlc(offerer, hashLock) || !this.online(receiverSide, this.world.engine.now)) return;
        const claim = this.broadcast(receiver);
        if (claim.ok && policy.floodTxs > 0) chain.watchConfirmed(claim.value.id, 1, () => flood(chain, policy.floodTxs, policy.floodFeeMsat));
      }));
    }
    const refund = (): void => {
      if (this.hasHtlc(offerer, hashLock)) this.broadcast(offerer);
    };
    handles.push(chain.watchHeight(timeLock - 1, () => this.whenOnline(offererSide, refund)));
    this.guards.set(`${offererSide}|${hashLock}`, handles);
  }

  /** An HTLC resolved off-chain needs no guard any more. */
  private unguard(offererSide: Side, hashLock: string): void {
    const key = `${offererSide}|${hashLock}`;
    for (const handle of this.guards.get(key) ?? []) handle.cancel();
    this.guards.delete(key);
  }

  /**
   * The receiver's move at its deadline. Without the preimage yet (a payee downstream holds it),
   * it waits for R to appear on the chain and then moves at once: a forwarder whose outgoing HTLC
   * was claimed on chain must claim its incoming one before that expires (the timeout race).
   */
  private claimBeforeExpiry(offerer: string, hashLock: string, timeLock: number): void {
    if (!this.hasHtlc(offerer, hashLock)) return;
    const receiverSide = other(this.channel.sideOf(offerer)!);
    const receiver = this.spec.nodes[receiverSide];
    const preimage = this.world.preimages.known(receiver, hashLock);
    if (!preimage) {
      // R appears while a block is being built: move right after it, not in the middle of it.
      this.world.preimages.whenPublished(hashLock, () =>
        this.world.engine.schedule(0, () => {
          if (this.world.chain.height + 1 < timeLock) this.claimBeforeExpiry(offerer, hashLock, timeLock);
        }, { label: 'R seen on chain' }),
      );
      return;
    }
    if (!this.online(receiverSide, this.world.engine.now)) return;
    if (!this.fulfillHtlc(offerer, preimage).ok) this.broadcast(receiver);
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
    // Until both deposits are in, the contract would refuse any commitment.
    if (this.host.state.phase !== 'Running') return fail('channel-not-open', `broadcast: ${this.id} is ${this.host.state.phase}`, 'Running', this.host.state.phase);
    this.stopUpdates();
    if (!isHtlc(commitment.terms)) return ok(this.submit(side, 'cash-rsmc', { method: 'cashRsmc', commitment }));
    // Show every preimage this party knows for HTLCs offered to it.
    const preimages = commitment.terms.htlcs
      .filter((h) => h.offerer !== side)
      .map((h) => this.world.preimages.known(node, h.hashLock))
      .filter((p): p is Uint8Array => p !== undefined);
    return ok(this.submit(side, 'cash-htlc', { method: 'cashHtlc', commitment, preimages }));
  }

  /** Cooperative close at the newest balances if the peer is online, else a unilateral close. */
  close(node: string): Outcome<Tx> {
    const side = this.channel.sideOf(node);
    if (side === undefined) return fail('not-a-party', `close: ${node} is not a party of ${this.id}`);
    if (!this.online(other(side), this.world.engine.now)) return this.broadcast(node);
    this.stopUpdates();
    const amounts = this.channel.balances;
    const signatures = [this.channel.closeSignature(0, amounts), this.channel.closeSignature(1, amounts)] as const;
    return ok(this.submit(side, 'cooperative-close', { method: 'cooperativeClose', amounts, signatures }));
  }

  /** What `node` holds in this channel now (holdings.ts). */
  holdings(node: string): number {
    const side = this.channel.sideOf(node);
    return side === undefined ? 0 : holdingsOf(this.channel, this.host.state, side);
  }

  private stopUpdates(): void {
    this.usable = false;
    this.closing = true;
  }

  private online(side: Side, time: number): boolean {
    return this.world.availability(this.spec.nodes[side]).isOnline(time);
  }

  /** Online and signing channel updates. */
  private responsive(side: Side, time: number): boolean {
    return this.world.availability(this.spec.nodes[side]).isResponsive(time);
  }

  private submit(side: Side, kind: string, args: ContractInput, inputs: readonly OutPoint[] = [], lockTime?: AbsoluteLock, feePayer?: string, fee?: number): Tx {
    const sender = this.spec.nodes[side];
    const feeMsat = fee ?? this.spec.txFeeMsat ?? 0;
    return submitCall(this.world, { contractId: this.id, sender, kind, args, inputs, feeMsat, ...(lockTime ? { lockTime } : {}), ...(feePayer ? { feePayer } : {}) }, (reason) =>
      this.event('rejected', sender, { detail: `${kind} ${reason}` }),
    );
  }

  /** Called by the chain's watch after a call into the contract confirmed. */
  private react(tx: Tx, _block: Block): void {
    const t = this.transitions.get(tx.id);
    if (!t || t.after.phase !== 'Auditing' || t.before.phase !== 'Running') return;
    this.stopUpdates();
    const { attacker, terms } = t.after;
    if (this.channel.isRevoked(terms.sequence)) this.punish(other(attacker), terms.sequence);
    this.withdrawWhenFrozen(attacker);
    for (const h of t.after.pending) this.resolvePending(h);
  }

  /** A pending HTLC on the chain: the receiver claims it with the preimage, the offerer times it out. */
  private resolvePending(h: HtlcTerm): void {
    const receiver = other(h.offerer);
    const lock = h.hashLock;
    const stillPending = (): boolean => this.host.state.phase === 'Auditing' && this.host.state.pending.some((p) => p.hashLock === lock && p.offerer === h.offerer);
    // The offerer hands the chain its refund, time-locked to the HTLC's expiry.
    this.whenOnline(h.offerer, () => {
      if (stillPending()) this.submit(h.offerer, 'htlc-timeout', { method: 'timeoutHtlc', hashLock: lock }, [], { height: h.timeLock });
    });
    // The receiver claims as soon as it knows the preimage, checking each block until expiry.
    const tryClaim = (): void => {
      if (!stillPending() || this.world.chain.height + 1 >= h.timeLock) return;
      const preimage = this.world.preimages.known(this.spec.nodes[receiver], lock);
      if (preimage && this.online(receiver, this.world.engine.now)) {
        this.submit(receiver, 'htlc-claim', { method: 'claimHtlc', hashLock: lock, preimage });
      } else {
        this.world.chain.watchHeight(this.world.chain.height + 1, tryClaim);
      }
    };
    tryClaim();
  }

  private whenOnline(side: Side, action: () => void): void {
    const { engine } = this.world;
    const back = this.world.availability(this.spec.nodes[side]).nextOnline(engine.now);
    if (back > engine.now) engine.scheduleAt(back, () => this.whenOnline(side, action), { label: `${this.spec.nodes[side]} back online` });
    else action();
  }

  /**
   * The defender submits the revocation proof now, or as soon as it is back online; meanwhile
   * the first of its watchtowers to be online submits the justice transaction the client left
   * with it (the tower pays its fixed fee and takes its reward share, if any). A client back
   * online whose tower's penalty has not confirmed yet submits its own.
   */
  private punish(defender: Side, sequence: Sequence): void {
    if (this.host.state.phase !== 'Auditing') return;
    const { engine } = this.world;
    const node = this.spec.nodes[defender];
    const proof = this.channel.revocationProof(defender, sequence);
    invariant(proof !== undefined, 'no-proof', `${this.id}: no revocation proof for revoked sequence ${sequence}`);
    if (this.online(defender, engine.now)) {
      this.submit(defender, 'penalty', { method: 'withdrawByDefender', revocationSignature: proof });
      return;
    }
    const towers = this.world.towersOf(node);
    const tower = towers.find((t) => this.world.availability(t.tower).isOnline(engine.now));
    if (tower) {
      const state = this.host.state;
      const taken = state.bondMsat + state.pending.reduce((sum, h) => sum + h.amountMsat, 0);
      const reward = towerReward(tower, taken);
      this.event('tower-justice', tower.tower, { sequence, amountMsat: reward, detail: `for ${node}` });
      const args: ContractInput = { method: 'withdrawByDefender', revocationSignature: proof, ...(reward > 0 ? { reward: { to: tower.tower, amountMsat: reward } } : {}) };
      this.submit(defender, 'penalty', args, [], undefined, tower.tower, tower.feeMsat);
      this.whenOnline(defender, () => this.punish(defender, sequence));
      return;
    }
    const back = Math.min(this.world.availability(node).nextOnline(engine.now), ...towers.map((t) => this.world.availability(t.tower).nextOnline(engine.now)));
    if (back < Number.MAX_SAFE_INTEGER) engine.scheduleAt(back, () => this.punish(defender, sequence), { label: `${node} or a tower back online` });
  }

  /** The attacker hands the chain its withdrawal, time-locked to the end of the freeze. */
  private withdrawWhenFrozen(attacker: Side): void {
    const { engine } = this.world;
    const node = this.spec.nodes[attacker];
    const back = this.world.availability(node).nextOnline(engine.now);
    if (back > engine.now) {
      engine.scheduleAt(back, () => this.withdrawWhenFrozen(attacker), { label: `${node} back online` });
      return;
    }
    const state = this.host.state;
    if (state.phase !== 'Auditing') return;
    const end = freezeEnd(state.terms.freeze, state);
    const lockTime = 'height' in end ? { height: end.height as Height } : { timestamp: end.timestamp as UnixSeconds };
    this.submit(attacker, 'withdraw', { method: 'withdrawByAttacker' }, [], lockTime);
  }

  /** Records every contract transition as report rows (runs while the block is built). */
  private record(t: Transition): void {
    this.transitions.set(t.txId, t);
    // Preimages shown on the chain become public: every watcher learns them.
    if (t.input.method === 'cashHtlc') for (const p of t.input.preimages ?? []) this.world.preimages.publish(p);
    if (t.input.method === 'claimHtlc') this.world.preimages.publish(t.input.preimage);
    for (const e of transitionEvents(t, this.channel)) this.event(e.kind, e.node, e.extra);
  }

  private event(kind: ChannelEventKind, node: string, extra: EventDetail = {}): void {
    recordEvent(this.world, { channel: this.id, kind, node, ...extra });
  }
}
