/**
 * Revocation secrets (BOLT #3, "Per-commitment Secret Requirements").
 *
 * Each party derives the secret of every commitment from one seed with the shachain
 * construction (`generate_from_seed`); the receiver of revealed secrets stores them in at most
 * 49 slots (`ShachainStore`), from which it can re-derive every earlier one. A pcnsim
 * revocation lock is the public key of a per-sequence secret: revealing the secret hands over
 * the lock's private key (BRIEF §3).
 *
 * Indexes are 48-bit, beyond JavaScript's 32-bit bitwise operators: bits are read with division.
 */
import { keyPairFromSecret, type KeyPair } from './keys.js';
import { sha256 } from './hash.js';

export const MAX_INDEX = 2 ** 48 - 1;

const bit = (index: number, b: number): boolean => Math.floor(index / 2 ** b) % 2 === 1;

/** BOLT #3 derive_secret: applies the bits `bits−1 … 0` of `index` to `base`. */
function deriveSecret(base: Uint8Array, bits: number, index: number): Uint8Array {
  let p = Uint8Array.from(base);
  for (let b = bits - 1; b >= 0; b--) {
    if (bit(index, b)) {
      p[b >> 3] = p[b >> 3]! ^ (1 << (b & 7));
      p = Uint8Array.from(sha256(p));
    }
  }
  return p;
}

/** BOLT #3 generate_from_seed(seed, I). */
export function shachainSecret(seed: Uint8Array, index: number): Uint8Array {
  checkIndex(index);
  return deriveSecret(seed, 48, index);
}

/** Received secrets in at most 49 slots (BOLT #3 "Efficient Per-commitment Secret Storage"). */
export class ShachainStore {
  private readonly known: ({ index: number; secret: Uint8Array } | undefined)[] = [];

  /** Number of slots in use (never more than 49). */
  get size(): number {
    return this.known.filter(Boolean).length;
  }

  /**
   * Stores the secret of `index`. Returns false (storing nothing) when it is inconsistent with
   * the secrets already held: BOLT #3 requires the receiver to check it can derive them.
   */
  insert(index: number, secret: Uint8Array): boolean {
    checkIndex(index);
    const slot = trailingZeros(index);
    for (let b = 0; b < slot; b++) {
      const k = this.known[b];
      if (k && !equal(deriveSecret(secret, slot, k.index), k.secret)) return false;
    }
    this.known[slot] = { index, secret: Uint8Array.from(secret) };
    return true;
  }

  /** The secret of `index` if it can be derived from what is stored. */
  derive(index: number): Uint8Array | undefined {
    for (let b = 0; b < this.known.length; b++) {
      const k = this.known[b];
      // Mask off the low b bits: the stored secret covers every index with the same prefix.
      if (k && index - (index % 2 ** b) === k.index) return deriveSecret(k.secret, b, index);
    }
    return undefined;
  }
}

/** pcnsim sequences count up from 1; BOLT #3 commitment numbers count down from 2^48 − 1. */
export function revocationIndex(sequence: number): number {
  return MAX_INDEX - sequence;
}

/** The secret of the revocation lock of `sequence`. */
export function revocationSecret(seed: Uint8Array, sequence: number): Uint8Array {
  return shachainSecret(seed, revocationIndex(sequence));
}

/** The revocation lock of `sequence`: its public key is the lock, its secret key the revocation key. */
export function revocationLock(seed: Uint8Array, sequence: number): KeyPair {
  return keyPairFromSecret(revocationSecret(seed, sequence));
}

/** Rebuilds the revocation key of a revealed sequence from a store of received secrets. */
export function revealedLock(store: ShachainStore, sequence: number): KeyPair | undefined {
  const secret = store.derive(revocationIndex(sequence));
  return secret && keyPairFromSecret(secret);
}

function trailingZeros(index: number): number {
  for (let b = 0; b < 48; b++) if (bit(index, b)) return b;
  return 48;
}

function checkIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index > MAX_INDEX) {
    throw new RangeError(`shachain: index must be an integer in [0, 2^48 − 1], got ${index}`);
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
