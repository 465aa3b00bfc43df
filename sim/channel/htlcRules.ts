/**
 * Who an HTLC of a cashed commitment pays, in the block at `height` (BRIEF §2 cashHtlc, BOLT #5,
 * and Sprites' shared preimage manager). Pure: the chain's registry arrives as a lookup.
 *
 * - An ordinary HTLC pays its receiver when the preimage is shown in a block below its time lock,
 *   and refunds its offerer in any block at or past it.
 * - A shared HTLC (`shared: true`) also pays its receiver, in any block, even past its time lock,
 *   if R was registered with the preimage manager in a block below the time lock; its offerer's
 *   refund is valid only if R was not. One registration in time thus settles every hop of a path
 *   (Miller et al., "Sprites and State Channels", §4): a forwarder that sees R registered late in
 *   its outgoing HTLC's life is still paid upstream, whatever the upstream lock.
 *
 * The inequality is the one the claim itself obeys: a claim in block h is in time when h < T,
 * and so is a registration.
 */
import { opens } from '../crypto/index.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Height } from '../units.js';
import { other, type HtlcTerm, type Side } from './commitment.js';

/** The preimage manager's answer: the height at which the preimage of `lock` was first registered. */
export type RegisteredAt = (lock: string) => Height | undefined;

/** A shared HTLC whose preimage was registered in a block below its time lock. */
export function registeredInTime(h: HtlcTerm, registeredAt: RegisteredAt | undefined): boolean {
  if (h.shared !== true || registeredAt === undefined) return false;
  const at = registeredAt(h.hashLock);
  return at !== undefined && at < h.timeLock;
}

/** When the commitment is cashed: the side the HTLC pays now, or undefined while it stays pending. */
export function payeeAtCash(h: HtlcTerm, height: Height, preimageShown: boolean, registeredAt: RegisteredAt | undefined): Side | undefined {
  if (registeredInTime(h, registeredAt)) return other(h.offerer);
  if (height >= h.timeLock) return h.offerer;
  return preimageShown ? other(h.offerer) : undefined;
}

/** claimHtlc: the receiver shows the preimage before the time lock (or, shared, after a registration in time). */
export function checkClaim(h: HtlcTerm, height: Height, preimage: Uint8Array, registeredAt: RegisteredAt | undefined): Outcome<true> {
  if (height >= h.timeLock && !registeredInTime(h, registeredAt)) {
    return fail('htlc-expired', 'claimHtlc: the time lock has passed; the HTLC refunds its offerer', h.timeLock, height);
  }
  if (!opens(h.hashLock, preimage)) return fail('bad-preimage', 'claimHtlc: the preimage does not open the hash lock');
  return ok(true);
}

/** timeoutHtlc: the offerer takes the HTLC back at or past the time lock (shared: unless R was registered in time). */
export function checkTimeout(h: HtlcTerm, height: Height, registeredAt: RegisteredAt | undefined): Outcome<true> {
  if (height < h.timeLock) return fail('htlc-not-expired', 'timeoutHtlc: the time lock has not passed', h.timeLock, height);
  if (registeredInTime(h, registeredAt)) {
    return fail('preimage-registered', 'timeoutHtlc: R was registered with the preimage manager before the time lock; the HTLC pays its receiver', h.timeLock, registeredAt!(h.hashLock));
  }
  return ok(true);
}
