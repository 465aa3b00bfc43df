/**
 * A swap over Lightning channels on two chains (`lightningSwaps:`), and what it records.
 *
 * The payer pays `payMsat` on the pay chain to the exchange, which pays the payee
 * floor(payMsat × rate) on the receive chain; both HTLCs carry the payee's hash lock H, so the
 * payer's money moves only if the payee's does. The payee knows R: the leg toward it (the
 * exchange's outgoing HTLC) must expire first, with room for the exchange to claim its incoming
 * HTLC with R after the payee revealed it — else a payee that claims late takes the exchange's
 * coins while the payer takes its own back.
 */
import type { Msat } from '../units.js';
import type { LightningSwapOutcome, LightningSwapRecord } from '../report/index.js';
export type { LightningSwapOutcome, LightningStep, LightningSwapEvent, LightningSwapRecord } from '../report/index.js';

export interface LightningLeg {
  readonly chain: string;
  /** How long after the swap's start the HTLC on this leg expires (converted to this chain's blocks, rounded up). */
  readonly expiryMs: number;
}

/** What the payee does with the HTLC that reaches it: settle at once, claim on chain at the last moment, or never claim. */
export type PayeeClaim = 'asap' | 'late' | 'never';

export interface LightningSwapSpec {
  readonly id: string;
  readonly atMs: number;
  readonly payer: string;
  readonly exchange: string;
  /** Who is paid on the receive chain (may be the payer: a swap of its own coins). */
  readonly payee: string;
  readonly payMsat: Msat;
  /** Receive-chain msat per pay-chain msat. */
  readonly rate: number;
  readonly pay: LightningLeg;
  readonly receive: LightningLeg;
  /** The time the exchange insists on between its outgoing HTLC's expiry and its incoming one's. */
  readonly marginMs: number;
  /** false: a careless exchange that forwards whatever the expiries (the wrong order's lesson). */
  readonly checkExpiries: boolean;
  /** 'forward': the exchange stops before offering the outgoing HTLC (it neither forwards nor fails). */
  readonly exchangeStop: 'never' | 'forward';
  readonly payeeClaims: PayeeClaim;
}





const PAID: ReadonlySet<string> = new Set(['fulfilled', 'claimed']);

/** The outcome from how the two legs ended. */
export function lightningOutcome(payLeg: LightningSwapRecord['payLeg'], receiveLeg: LightningSwapRecord['receiveLeg']): LightningSwapOutcome {
  if (payLeg === 'locked' || receiveLeg === 'locked') return 'pending';
  // The payer's HTLC never locked (its channel could not take it).
  if (payLeg === 'none') return 'refused';
  if (PAID.has(payLeg) && PAID.has(receiveLeg)) return 'completed';
  if (PAID.has(receiveLeg)) return 'exchange-lost';
  if (PAID.has(payLeg)) return 'payer-lost';
  if (receiveLeg === 'none' && payLeg === 'failed') return 'refused';
  return 'unwound';
}
