/**
 * A swap over Lightning channels on two chains (lightningSpec.ts): the payer's HTLC to the
 * exchange on the pay chain, the exchange's HTLC to the payee on the receive chain, one hash lock.
 *
 *   start   the payee draws R and invoices floor(payMsat × rate) under H = SHA-256(R);
 *           the payer offers payMsat to the exchange under H, expiring at pay-chain block h1.
 *   +1 msg  the exchange, its incoming HTLC locked, checks that its outgoing HTLC (block h2 of
 *           the receive chain) is due at least `margin` before h1 — block intervals differ, so
 *           both are compared as times — then offers it (or fails the incoming one back).
 *   payee   settles with R at once (asap), withholds it and claims on chain at its last moment
 *           (late), or never claims; the HTLC machines (agents/hop.ts) do the rest on chain.
 *   R seen  the exchange learns R from the receive chain's HTLC (fulfilled or claimed) and
 *           settles its incoming HTLC with it; an outgoing HTLC that failed or timed out makes it
 *           fail the incoming one: both legs unwind.
 *
 * Each leg lives in its chain's network (channels never leave their chain); only R crosses, in
 * the exchange's head.
 */
import { type HopOutcome, LiveChannel, type Network } from '../agents/index.js';
import type { Chain } from '../chain/index.js';
import { hashLock, preimageFromSeed } from '../crypto/index.js';
import type { Engine } from '../engine/index.js';
import { invariant } from '../errors.js';
import type { Height, Msat } from '../units.js';
import { formatDuration, money } from '../report/index.js';
import { lightningOutcome, type LightningStep, type LightningSwapEvent, type LightningSwapRecord, type LightningSwapSpec } from './lightningSpec.js';

/** A chain's network and what the swap needs of its chain. */
export interface ChainSide {
  readonly network: Network;
  readonly chain: Chain;
  readonly blockIntervalMs: number;
  readonly startHeight: number;
}

/** What the HTLC machines need from the payments settings. */
export interface LegSettings {
  readonly deadlineBlocks: number;
  readonly messageLatencyMs: number;
}

type LegState = LightningSwapRecord['payLeg'];

/** The channel between `a` and `b` in `network` (the swap's legs are direct channels; the scenario checked there is one). */
function channelBetween(network: Network, a: string, b: string): LiveChannel {
  const live = [...network.channels.values()].find((c) => c instanceof LiveChannel && c.nodes.includes(a) && c.nodes.includes(b));
  invariant(live instanceof LiveChannel, 'no-channel', `lightning swap: no channel between ${a} and ${b}`);
  return live;
}

/** How a leg's HTLC ended, in words. */
const OUTCOME_TEXT: Readonly<Record<HopOutcome, string>> = {
  fulfilled: 'fulfilled off chain',
  failed: 'failed off chain',
  claimed: 'claimed on chain',
  timedOut: 'timed out and refunded on chain',
  taken: 'taken by a penalty',
};

export class LightningSwap {
  private readonly payChannel: LiveChannel;
  private readonly receiveChannel: LiveChannel;
  private readonly receiveMsat: number;
  private lock = '';
  private h1 = 0;
  private h2 = 0;
  private payLeg: LegState = 'none';
  private receiveLeg: LegState = 'none';

  constructor(
    private readonly engine: Engine,
    readonly spec: LightningSwapSpec,
    private readonly payer: ChainSide,
    private readonly receiver: ChainSide,
    private readonly settings: LegSettings,
    private readonly seed: number,
    private readonly log: (e: LightningSwapEvent) => void,
  ) {
    this.payChannel = channelBetween(payer.network, spec.payer, spec.exchange);
    this.receiveChannel = channelBetween(receiver.network, spec.exchange, spec.payee);
    this.receiveMsat = Math.floor(spec.payMsat * spec.rate);
    payer.network.htlcWatchers.push((channelId, offerer, lock, outcome) => {
      if (channelId === this.payChannel.id && offerer === spec.payer && lock === this.lock) this.payResolved(outcome);
    });
    receiver.network.htlcWatchers.push((channelId, offerer, lock, outcome) => {
      if (channelId === this.receiveChannel.id && offerer === spec.exchange && lock === this.lock) this.receiveResolved(outcome);
    });
  }

  start(): void {
    this.engine.scheduleAt(this.spec.atMs, () => this.begin(), { label: `lightning swap ${this.spec.id}` });
  }

  /** When block `height` of a chain is due (exact with fixed intervals; the expectation otherwise). */
  private dueMs(side: ChainSide, height: number): number {
    return (height - side.startHeight) * side.blockIntervalMs;
  }

  private note(chain: string, node: string, step: LightningStep, what: string): void {
    this.log({ time: this.engine.now, swap: this.spec.id, chain, node, step, what });
  }

  private begin(): void {
    const { spec, payer, receiver } = this;
    const preimage = preimageFromSeed(`${this.seed}/lightning-swap/${spec.id}`);
    this.lock = hashLock(preimage);
    // A payee that will never claim has walked away from its secret.
    if (spec.payeeClaims !== 'never') receiver.network.preimages.learn(spec.payee, preimage, this.lock);
    this.note(spec.receive.chain, spec.payee, 'invoice', `draws R; invoices ${money(this.receiveMsat, 'sat')} under H = ${this.lock.slice(0, 8)}…`);
    this.h1 = payer.chain.height + Math.ceil(spec.pay.expiryMs / payer.blockIntervalMs);
    this.h2 = receiver.chain.height + Math.ceil(spec.receive.expiryMs / receiver.blockIntervalMs);
    const offered = this.payChannel.offerHtlc(spec.payer, spec.payMsat, this.lock, this.h1 as Height, this.h1 - this.settings.deadlineBlocks - 1);
    if (!offered.ok) return this.note(spec.pay.chain, spec.payer, 'refuse', `cannot offer: ${offered.error.code}`);
    this.payLeg = 'locked';
    this.note(spec.pay.chain, spec.payer, 'offer', `offers ${money(spec.payMsat, 'sat')} to ${spec.exchange} under H, expiring at block ${this.h1} (due ${formatDuration(this.dueMs(payer, this.h1))})`);
    this.engine.schedule(this.settings.messageLatencyMs, () => this.forward(), { label: `lightning swap ${spec.id} forward` });
  }

  /** The exchange, its incoming HTLC locked: forward on the other chain, refuse, or stop. */
  private forward(): void {
    const { spec, payer, receiver } = this;
    if (this.payLeg !== 'locked') return;
    if (spec.exchangeStop === 'forward') return this.note(spec.receive.chain, spec.exchange, 'stop', 'stops: neither forwards nor fails the incoming HTLC');
    const incomingDue = this.dueMs(payer, this.h1);
    const outgoingDue = this.dueMs(receiver, this.h2);
    if (spec.checkExpiries && outgoingDue + spec.marginMs > incomingDue) {
      this.note(spec.pay.chain, spec.exchange, 'refuse', `refuses: its HTLC on ${spec.receive.chain} would expire at ${formatDuration(outgoingDue)}, less than ${formatDuration(spec.marginMs)} before the incoming one (${formatDuration(incomingDue)}); fails it back`);
      return this.payChannel.resolveHtlc(spec.payer, this.lock, 'fail');
    }
    // The payee's deadline to go on chain: honest a few blocks early; a late one in the last blocks it still can.
    const claimHeight = spec.payeeClaims === 'late' ? this.h2 - 3 : spec.payeeClaims === 'never' ? Number.MAX_SAFE_INTEGER : this.h2 - this.settings.deadlineBlocks - 1;
    const offered = this.receiveChannel.offerHtlc(spec.exchange, this.receiveMsat as Msat, this.lock, this.h2 as Height, claimHeight);
    if (!offered.ok) {
      this.note(spec.receive.chain, spec.exchange, 'refuse', `cannot forward (${offered.error.code}): fails the incoming HTLC back`);
      return this.payChannel.resolveHtlc(spec.payer, this.lock, 'fail');
    }
    this.receiveLeg = 'locked';
    const order = outgoingDue < incomingDue ? 'before' : 'after';
    this.note(spec.receive.chain, spec.exchange, 'offer', `offers ${money(this.receiveMsat, 'sat')} to ${spec.payee} under H, expiring at block ${this.h2} (due ${formatDuration(outgoingDue)}, ${order} the incoming HTLC)`);
    if (spec.payeeClaims === 'asap') this.engine.schedule(this.settings.messageLatencyMs, () => this.receiveChannel.resolveHtlc(spec.exchange, this.lock, 'fulfil'), { label: 'payee settles' });
    else this.note(spec.receive.chain, spec.payee, 'withhold', spec.payeeClaims === 'late' ? `withholds R; will claim on chain at block ${claimHeight}` : 'never claims');
  }

  private receiveResolved(outcome: HopOutcome): void {
    const { spec } = this;
    this.receiveLeg = outcome;
    if (outcome === 'fulfilled' || outcome === 'claimed') {
      const preimage = this.receiver.network.preimages.known(spec.exchange, this.lock)!;
      this.note(spec.receive.chain, spec.exchange, 'settle', `learns R (HTLC ${OUTCOME_TEXT[outcome]}); settles its incoming HTLC with it`);
      this.payer.network.preimages.learn(spec.exchange, preimage, this.lock);
      this.payChannel.resolveHtlc(spec.payer, this.lock, 'fulfil');
    } else {
      this.note(spec.receive.chain, spec.exchange, 'resolved', `its HTLC ${OUTCOME_TEXT[outcome]}: fails the incoming HTLC back`);
      this.payChannel.resolveHtlc(spec.payer, this.lock, 'fail');
    }
  }

  private payResolved(outcome: HopOutcome): void {
    this.payLeg = outcome;
    this.note(this.spec.pay.chain, this.spec.payer, 'resolved', `its HTLC to ${this.spec.exchange} ${OUTCOME_TEXT[outcome]}`);
  }

  record(): LightningSwapRecord {
    const { spec } = this;
    return {
      id: spec.id,
      payer: spec.payer,
      exchange: spec.exchange,
      payee: spec.payee,
      outcome: this.lock === '' ? 'pending' : lightningOutcome(this.payLeg, this.receiveLeg),
      payMsat: spec.payMsat,
      receiveMsat: this.receiveMsat,
      payExpiryHeight: this.h1,
      receiveExpiryHeight: this.h2,
      payExpiryDueMs: this.dueMs(this.payer, this.h1),
      receiveExpiryDueMs: this.dueMs(this.receiver, this.h2),
      payLeg: this.payLeg,
      receiveLeg: this.receiveLeg,
    };
  }
}
