/**
 * One cross-chain atomic swap carried out by its two parties on two chains of one engine
 * (spec.ts names the steps). Each party acts only on what its chain shows it: the responder locks
 * TX3 once TX1 is `confirmations` deep, reads x from the initiator's confirmed claim of TX3 and
 * claims TX1 with it; each side broadcasts its refund (TX2, TX4) as soon as its time lock lets a
 * block include it, if its lock is still unclaimed. A party that stops (`stopBefore`) does
 * nothing from that step on. The contracts are contract.ts on `PureContractHost`.
 */
import type { Chain, Chains } from '../chain/index.js';
import { PureContractHost } from '../channel/index.js';
import { hashLock, preimageFromSeed } from '../crypto/index.js';
import type { Engine, Rng } from '../engine/index.js';
import { Wallet } from '../agents/index.js';
import type { Msat, UnixSeconds } from '../units.js';
import { lockHeldMsat, newLock, stepLock, type LockInput, type SwapLock } from './contract.js';
import { PriceWalk } from './price.js';
import { swapOutcome, type SwapEvent, type SwapRecord, type SwapSide, type SwapSpec, type SwapStep } from './spec.js';

type LockHost = PureContractHost<SwapLock, LockInput>;
type TxLabel = NonNullable<SwapEvent['tx']>;

interface Leg {
  readonly side: SwapSide;
  readonly chain: Chain;
  readonly wallet: Wallet;
  readonly feeMsat: Msat;
  host?: LockHost;
}

export class AtomicSwap {
  private readonly a: Leg;
  private readonly b: Leg;
  private readonly preimage: Uint8Array;
  private readonly price: PriceWalk;
  private startMs = 0;
  private decidedAtMs: number | undefined;
  /** Each party's gain on each chain from this swap, msat: `${node}@${chain}` → delta. */
  private readonly deltas = new Map<string, number>();

  constructor(
    private readonly engine: Engine,
    chains: Chains,
    readonly spec: SwapSpec,
    seed: number,
    rng: Rng,
    private readonly log: (e: SwapEvent) => void,
  ) {
    const leg = (side: SwapSide): Leg => ({ side, chain: chains.get(side.chain), wallet: new Wallet(chains.get(side.chain), side.node), feeMsat: chains.spec(side.chain).txFeeMsat });
    this.a = leg(spec.initiator);
    this.b = leg(spec.responder);
    this.preimage = preimageFromSeed(`swap/${seed}/${spec.id}`);
    // At the money: one msat of the responder's coin is worth w / v msat of the initiator's.
    this.price = new PriceWalk(spec.initiator.amountMsat / spec.responder.amountMsat, spec.volatility, rng);
  }

  start(): void {
    this.engine.schedule(this.spec.atMs, () => this.agree(), { label: `swap ${this.spec.id}` });
  }

  /** The price of the responder's coin at `ms` (simulated time), for charts and valuations. */
  priceAt(ms: number): number {
    return this.price.at(ms - this.startMs);
  }

  private agree(): void {
    this.startMs = this.engine.now;
    const lock = hashLock(this.preimage);
    this.a.host = this.register(this.a, this.b.side.node, lock, 'tx1');
    this.b.host = this.register(this.b, this.a.side.node, lock, 'tx3');
    this.note(this.a, 'agree', undefined, `x drawn; H = ${lock.slice(0, 8)}…; TX2 valid from block timestamp ${this.refundAt(this.a)} (+${this.spec.initiator.refundAfterMs / 3_600_000} h), TX4 from ${this.refundAt(this.b)} (+${this.spec.responder.refundAfterMs / 3_600_000} h)`);
    if (!this.acts(this.a, 'lock')) return;
    this.lock(this.a, 'TX1', () => this.responderSeesTx1());
    this.refundWhenDue(this.a, 'TX2');
  }

  private responderSeesTx1(): void {
    if (!this.acts(this.b, 'lock')) return;
    this.lock(this.b, 'TX3', () => this.initiatorSeesTx3());
    this.refundWhenDue(this.b, 'TX4');
    // B learns x from A's claim of TX3 on B's chain (its data: the preimage).
    this.b.chain.watchContract(this.b.host!.state.id, (tx) => {
      const input = tx.call?.args as LockInput | undefined;
      if (input?.kind !== 'claim') return;
      this.note(this.b, 'learn-secret', undefined, `x read from ${this.a.side.node}'s claim of TX3`);
      if (this.acts(this.b, 'claim')) this.claim(this.b, this.a, 'TX1');
    });
  }

  private initiatorSeesTx3(): void {
    const late = this.startMs + this.spec.responder.refundAfterMs - this.spec.lateMarginMs;
    const at = this.spec.claim === 'asap' ? this.engine.now : Math.max(this.engine.now, late);
    this.engine.schedule(at - this.engine.now, () => this.initiatorDecides(), { label: `swap ${this.spec.id} claim` });
  }

  private initiatorDecides(): void {
    if (!this.acts(this.a, 'claim')) return;
    this.decidedAtMs = this.engine.now;
    const p = this.priceAt(this.engine.now);
    const worth = Math.round(p * this.b.side.amountMsat);
    if (this.spec.claim === 'option' && worth < this.a.side.amountMsat) {
      this.note(this.a, 'decline', undefined, `price moved against the swap: v is worth ${worth} msat < w = ${this.a.side.amountMsat} msat; lets it lapse`);
      return;
    }
    this.claim(this.a, this.b, 'TX3');
  }

  private register(leg: Leg, recipient: string, lock: string, label: string): LockHost {
    const refundAt = this.refundAt(leg);
    const host = new PureContractHost(newLock({ id: `${this.spec.id}:${label}`, funder: leg.side.node, recipient, amountMsat: leg.side.amountMsat, hashLock: lock, refundAt }), [leg.side.node, recipient], {
      step: stepLock,
      held: lockHeldMsat,
      check: () => undefined,
    });
    leg.chain.registerContract(host.state.id, host);
    host.onTransition((t) => {
      for (const p of t.payouts) this.add(p.side === 0 ? leg.side.node : recipient, leg.side.chain, p.amountMsat);
    });
    return host;
  }

  private refundAt(leg: Leg): UnixSeconds {
    return (leg.chain.config.startTimestamp + Math.floor((this.startMs + leg.side.refundAfterMs) / 1000)) as UnixSeconds;
  }

  /** TX1 / TX3: the funder's coins into the lock; `then` once the other side may trust it. */
  private lock(leg: Leg, tx: TxLabel, then: () => void): void {
    const coins = leg.wallet.take(leg.side.amountMsat + leg.feeMsat);
    if (!coins) return this.note(leg, 'stop', undefined, `wallet on ${leg.side.chain} too small to lock ${leg.side.amountMsat} msat`);
    const sent = leg.chain.submit({
      kind: 'swap-lock',
      sender: leg.side.node,
      inputs: coins.inputs,
      outputs: coins.change ? [coins.change] : [],
      feeMsat: leg.feeMsat,
      call: { contractId: leg.host!.state.id, method: 'lock', args: { kind: 'lock' } satisfies LockInput },
    });
    if (!sent.ok) return this.note(leg, 'stop', undefined, sent.error.message);
    this.note(leg, 'lock', tx, `${leg.side.amountMsat} msat locked under H`);
    leg.chain.watchConfirmed(sent.value.id, 1, () => this.add(leg.side.node, leg.side.chain, -(leg.side.amountMsat + leg.feeMsat)));
    leg.chain.watchConfirmed(sent.value.id, this.spec.confirmations, () => then());
  }

  /** `by` claims the lock of `from`'s leg with x (TX3 by the initiator, TX1 by the responder). */
  private claim(by: Leg, from: Leg, tx: TxLabel): void {
    const input: LockInput = { kind: 'claim', preimage: this.preimage, feeMsat: from.feeMsat };
    const sent = from.chain.submit({ kind: 'swap-claim', sender: by.side.node, feeMsat: 0 as Msat, contractFeeMsat: from.feeMsat, call: { contractId: from.host!.state.id, method: 'claim', args: input } });
    const on = from.side.chain;
    if (!sent.ok) return this.note(by, 'claim-refused', tx, sent.error.message, on);
    this.note(by, 'claim', tx, `claims ${tx} with x, revealing it on ${on}`, on);
    from.chain.watchDropped(sent.value.id, (_, reason) => this.note(by, 'claim-refused', tx, `${tx} no longer holds the coins (${reason})`, on));
  }

  /** TX2 / TX4: broadcast once a block could include it, if the lock is still unclaimed. */
  private refundWhenDue(leg: Leg, tx: TxLabel): void {
    leg.chain.watchTimestamp(this.refundAt(leg) - 1, () => {
      if (leg.host!.state.phase !== 'Locked') return;
      const input: LockInput = { kind: 'refund', feeMsat: leg.feeMsat };
      const sent = leg.chain.submit({ kind: 'swap-refund', sender: leg.side.node, feeMsat: 0 as Msat, contractFeeMsat: leg.feeMsat, lockTime: { timestamp: this.refundAt(leg) }, call: { contractId: leg.host!.state.id, method: 'refund', args: input } });
      if (sent.ok) this.note(leg, 'refund', tx, `its time lock is open: takes back ${leg.side.amountMsat} msat less the fee`);
    });
  }

  /** Whether the party still acts at `step`; the first step it skips is noted once. */
  private readonly stopped = new Set<string>();
  private acts(leg: Leg, step: 'lock' | 'claim'): boolean {
    const order = ['lock', 'claim'];
    const { stopBefore, node } = leg.side;
    if (stopBefore === 'never' || order.indexOf(step) < order.indexOf(stopBefore)) return true;
    if (!this.stopped.has(node)) {
      this.stopped.add(node);
      this.note(leg, 'stop', undefined, `halts before its ${step} (it still takes its own refund when due)`);
    }
    return false;
  }

  private add(node: string, chain: string, msat: number): void {
    const key = `${node}@${chain}`;
    this.deltas.set(key, (this.deltas.get(key) ?? 0) + msat);
  }

  /** Records a step of `leg`'s party on `chain` (default: its own chain). */
  private note(leg: Leg, step: SwapStep, tx: TxLabel | undefined, detail: string, chain = leg.side.chain): void {
    this.log({ time: this.engine.now, swap: this.spec.id, node: leg.side.node, chain, step, ...(tx ? { tx } : {}), detail });
  }

  /** The swap's row for the report, read from the two locks and the price. */
  record(): SwapRecord {
    const tx1 = this.a.host?.state.phase ?? 'Unfunded';
    const tx3 = this.b.host?.state.phase ?? 'Unfunded';
    const price = this.priceAt(this.decidedAtMs ?? this.startMs);
    const gain = (node: string): number => Math.round((this.deltas.get(`${node}@${this.a.side.chain}`) ?? 0) + (this.deltas.get(`${node}@${this.b.side.chain}`) ?? 0) * price);
    return {
      id: this.spec.id,
      initiator: this.a.side.node,
      responder: this.b.side.node,
      outcome: swapOutcome(tx1, tx3),
      tx1,
      tx3,
      valuationPrice: Number(price.toPrecision(12)),
      initiatorGainMsat: gain(this.a.side.node),
      responderGainMsat: gain(this.b.side.node),
    };
  }
}
