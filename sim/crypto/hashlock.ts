/**
 * Hash locks (BRIEF §3–4): H = SHA-256(R) for a 32-byte secret R, as Lightning's
 * payment_hash = SHA256(payment_preimage) (BOLT #2 "Removing an HTLC: update_fulfill_htlc").
 * Whoever shows R opens H; a hash lock is named by its lowercase hex, as `hashLock` returns it.
 */
import { bytesOf, sha256, sha256Hex, typeName, utf8 } from './bytes.js';

/** A 32-byte secret R. */
export type Preimage = Uint8Array;
/** SHA-256 of a preimage: 64 lowercase hex digits. */
export type HashLock = string;

const PREIMAGE_TAG = 'pcnsim/preimage/';

/** A payee's secret R, derived from a seed (e.g. a payment id under the scenario seed). */
export function preimageFromSeed(seed: string): Preimage {
  return sha256(utf8(PREIMAGE_TAG + checkSeed(seed), 'preimageFromSeed: seed'));
}

/** The hash lock H = SHA-256(R) of a 32-byte preimage. */
export function hashLock(preimage: Preimage): HashLock {
  return sha256Hex(bytesOf(preimage, 32, 'hashLock: preimage'));
}

/** True when `preimage` is 32 bytes whose SHA-256 is `lock`. Never throws. */
export function opens(lock: HashLock, preimage: Uint8Array): boolean {
  if (typeof lock !== 'string' || !(preimage instanceof Uint8Array) || preimage.length !== 32) return false;
  return sha256Hex(preimage) === lock;
}

function checkSeed(seed: string): string {
  if (typeof seed !== 'string') throw new TypeError(`preimageFromSeed: expected a string seed, got ${typeName(seed)}`);
  return seed;
}
