/**
 * The freeze (BRIEF §2): how long the attacker's share of a cashed commitment stays a fidelity
 * bond, counted from the block that cashed it, in blocks or block-timestamp seconds.
 */
import type { Height, UnixSeconds } from '../units.js';
import type { Freeze } from './commitment.js';

export interface Cashed {
  readonly requestHeight: Height;
  readonly requestTimestamp: UnixSeconds;
}

/** The first height (blocks) or timestamp (seconds) at which the attacker may withdraw. */
export function freezeEnd(freeze: Freeze, cashed: Cashed): { height: number } | { timestamp: number } {
  return 'blocks' in freeze ? { height: cashed.requestHeight + freeze.blocks } : { timestamp: cashed.requestTimestamp + freeze.seconds };
}

/** Has the freeze ended by the block at (height, timestamp)? */
export function freezeOver(freeze: Freeze, cashed: Cashed, block: { readonly height: Height; readonly timestamp: UnixSeconds }): boolean {
  const end = freezeEnd(freeze, cashed);
  return 'height' in end ? block.height >= end.height : block.timestamp >= end.timestamp;
}
