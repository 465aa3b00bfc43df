/**
 * Revocation secrets, after BOLT #3 "Per-commitment Secret Requirements" and "Efficient
 * Per-commitment Secret Storage".
 *
 * Each party derives the secret of every commitment from one 32-byte seed (`generate_from_seed`,
 * a 48-bit shachain). The receiver of revealed secrets keeps at most 49 of them
 * (`ShachainStore`) and re-derives every earlier one on demand: O(log n) space for n revoked
 * commitments instead of n keys.
 *
 * pcnsim's revocation lock of a sequence (BRIEF §3) is the public key whose secret key is that
 * sequence's secret (as BOLT #3's per_commitment_point = per_commitment_secret · G; pcnsim skips
 * the basepoint tweak of "revocationpubkey Derivation"). Revealing the secret hands over the
 * lock's private key. BOLT commitment numbers count down from 2^48 − 1; pcnsim sequences count up
 * from 1, so sequence s uses index 2^48 − 1 − s.
 *
 * Indexes are 48-bit, beyond JavaScript's 32-bit bitwise operators: bits are read by division.
 */
import { bytesOf, equalBytes, sha256 } from './bytes.js';
import { keyPairFromSecret, type KeyPair } from './keys.js';

/** The largest shachain index, 2^48 − 1: the first secret BOLT #3 reveals. */
export const MAX_INDEX = 2 ** 48 - 1;
/** BOLT #3: 48 slots for the 48 possible trailing-zero counts, plus one for index 0 (the seed). */
const SLOTS = 49;

/** BOLT #3 generate_from_seed(seed, I): the secret of index I. */
export function shachainSecret(seed: Uint8Array, index: number): Uint8Array {
  return deriveSecret(bytesOf(seed, 32, 'shachainSecret: seed'), 48, checkIndex(index, 'shachainSecret'));
}

/**
 * Received secrets in at most 49 slots (BOLT #3 "Efficient Per-commitment Secret Storage").
 * Secrets arrive in descending index order (BOLT #3: "always received in descending order"); the
 * first may have any index, since pcnsim never reveals index 2^48 − 1 (sequence 0).
 */
export class ShachainStore {
  /** known[b]: the secret whose index has exactly b trailing zeros (BOLT #3 `known[]`). */
  private readonly known: ({ readonly index: number; readonly secret: Uint8Array } | undefined)[] = [];
  /** Index of the newest insertion, or undefined while empty. */
  private last: number | undefined;

  /** Slots in use: never more than 49. */
  get size(): number {
    return this.known.reduce((n, k) => (k ? n + 1 : n), 0);
  }

  /**
   * Stores the secret of `index` and returns true; returns false and stores nothing when the
   * secret is wrong: it does not derive the secrets already stored (BOLT #3 insert_secret), or it
   * skips or repeats an index out of descending order. Inserting a secret that the store already
   * derives for `index` is a no-op that returns true.
   */
  insert(index: number, secret: Uint8Array): boolean {
    checkIndex(index, 'ShachainStore.insert');
    bytesOf(secret, 32, 'ShachainStore.insert: secret');
    const known = this.derive(index);
    if (known) return equalBytes(known, secret);
    if (this.last !== undefined && index !== this.last - 1) return false;
    const slot = trailingZeros(index);
    for (let b = 0; b < slot; b++) {
      const k = this.known[b];
      if (k && !equalBytes(deriveSecret(secret, slot, k.index), k.secret)) return false;
    }
    this.known[slot] = Object.freeze({ index, secret: Uint8Array.from(secret) });
    this.last = index;
    return true;
  }

  /** The secret of `index` when a stored secret derives it (BOLT #3 derive_old_secret), else undefined. */
  derive(index: number): Uint8Array | undefined {
    checkIndex(index, 'ShachainStore.derive');
    for (let b = 0; b < SLOTS; b++) {
      const k = this.known[b];
      // The secret stored in slot b derives every index that shares its bits 47…b.
      if (k && index - (index % 2 ** b) === k.index) return deriveSecret(k.secret, b, index);
    }
    return undefined;
  }
}

/** The shachain index of pcnsim sequence `sequence` (1, 2, 3 …): 2^48 − 1 − sequence. */
export function revocationIndex(sequence: number): number {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_INDEX) {
    throw new RangeError(`revocationIndex: a sequence is an integer in [1, 2^48 − 1], got ${sequence}`);
  }
  return MAX_INDEX - sequence;
}

/**
 * The secret of the revocation lock of `sequence`: shachainSecret(seed, 2^48 − 1 − sequence).
 * `seed` is a party's revocation seed: 32 bytes are the BOLT #3 shachain seed as they are; other
 * (non-empty) lengths are first hashed to 32 bytes with SHA-256, as HMAC does with long keys.
 */
export function revocationSecret(seed: Uint8Array, sequence: number): Uint8Array {
  const index = revocationIndex(sequence);
  bytesOf(seed, undefined, 'revocationSecret: seed');
  if (seed.length === 0) throw new RangeError('revocationSecret: the seed is empty');
  return shachainSecret(seed.length === 32 ? seed : sha256(seed), index);
}

/** The revocation lock of `sequence`: the public key is the lock, the secret key opens it. */
export function revocationLock(seed: Uint8Array, sequence: number): KeyPair {
  return keyPairFromSecret(revocationSecret(seed, sequence));
}

/**
 * The revocation lock of a revealed `sequence`, rebuilt from the secrets in `store` (the
 * defender's evidence against a revoked commitment); undefined when it was not revealed.
 */
export function revealedLock(store: ShachainStore, sequence: number): KeyPair | undefined {
  const secret = store.derive(revocationIndex(sequence));
  return secret && keyPairFromSecret(secret);
}

/** BOLT #3 derive_secret(base, bits, I): flips and hashes bits bits−1 … 0 of I into base. */
function deriveSecret(base: Uint8Array, bits: number, index: number): Uint8Array {
  let p: Uint8Array = Uint8Array.from(base);
  for (let b = bits - 1; b >= 0; b--) {
    if (bit(index, b)) {
      p[b >> 3] = p[b >> 3]! ^ (1 << (b & 7)); // flip(B): bit B mod 8 of byte B div 8
      p = sha256(p);
    }
  }
  return p;
}

const bit = (index: number, b: number): boolean => Math.floor(index / 2 ** b) % 2 === 1;

/** BOLT #3 where_to_put_secret: the number of trailing zeros, 48 for index 0. */
function trailingZeros(index: number): number {
  for (let b = 0; b < 48; b++) if (bit(index, b)) return b;
  return 48;
}

function checkIndex(index: number, method: string): number {
  if (!Number.isSafeInteger(index) || index < 0 || index > MAX_INDEX) {
    throw new RangeError(`${method}: a shachain index is an integer in [0, 2^48 − 1], got ${index}`);
  }
  return index;
}
