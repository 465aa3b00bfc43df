/**
 * What a scenario's `swaps:` entry resolves to, and what a swap records (the report's rows).
 *
 * Names follow the notes the game teaches from: the initiator A picks the secret x and locks w on
 * its chain in TX1 (refund TX2 after `refundAfterMs`); the responder B locks v on the other chain
 * in TX3 (refund TX4); A claims TX3 with x; B claims TX1 with the x it read from the other chain.
 */
import type { Msat } from '../units.js';
import type { SwapOutcome } from '../report/index.js';
export type { SwapStep, SwapEvent, SwapOutcome, SwapRecord } from '../report/index.js';

/** The step before which a party halts the exchange (it still takes its own refund when due), or 'never'. */
export type StopBefore = 'never' | 'lock' | 'claim';

/**
 * When the initiator claims TX3: at once ('asap'); as late as it safely can ('late', just before
 * TX4 becomes valid); or at that late moment only if the price moved its way ('option').
 */
export type ClaimTiming = 'asap' | 'late' | 'option';

export interface SwapSide {
  readonly node: string;
  readonly chain: string;
  /** What this side locks: w (initiator) or v (responder). */
  readonly amountMsat: Msat;
  /** Its refund's time lock, after the swap's start. */
  readonly refundAfterMs: number;
  readonly stopBefore: StopBefore;
}

export interface SwapSpec {
  readonly id: string;
  readonly atMs: number;
  readonly initiator: SwapSide;
  readonly responder: SwapSide;
  readonly claim: ClaimTiming;
  /** How long before TX4 becomes valid a late initiator claims. */
  readonly lateMarginMs: number;
  /** Depth a lock must reach before the other side acts on it. */
  readonly confirmations: number;
  /** σ per √hour of the price walk (price.ts). */
  readonly volatility: number;
}





/** The final outcome from the two locks' phases. */
export function swapOutcome(tx1: string, tx3: string): SwapOutcome {
  if (tx1 === 'Locked' || tx3 === 'Locked') return 'pending';
  if (tx1 === 'Claimed' && tx3 === 'Claimed') return 'completed';
  if (tx3 === 'Claimed') return 'initiator-took-both';
  if (tx1 === 'Claimed') return 'responder-took-both';
  return 'unwound';
}
