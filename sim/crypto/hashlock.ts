/** Hash locks (BRIEF §3–4): H = SHA-256(R); whoever shows R with hash(R) = H opens the lock. */
import { sha256, toHex, utf8 } from './hash.js';

/** A 32-byte secret R. */
export type Preimage = Uint8Array;
/** SHA-256 of a preimage, hex. */
export type HashLock = string;

/** A payee's secret, derived from a seed (a payment id under the scenario seed). */
export function preimageFromSeed(seed: string): Preimage {
  return sha256(utf8(`pcnsim/preimage/${seed}`));
}

export function hashLock(preimage: Preimage): HashLock {
  return toHex(sha256(preimage));
}

/** True when `preimage` opens `lock`. */
export function opens(lock: HashLock, preimage: Uint8Array): boolean {
  return preimage instanceof Uint8Array && preimage.length === 32 && hashLock(preimage) === lock;
}
