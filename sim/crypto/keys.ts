/**
 * secp256k1 key pairs (SEC 2 §2.4.1, via @noble/secp256k1). Deterministic: every key in a run is
 * derived from the scenario seed, so the same run gives the same bytes.
 *
 * Key pairs are frozen. Typed arrays cannot be frozen, so the secret key is a private copy of
 * the caller's bytes: mutating the input afterwards does not change the key pair.
 */
import * as secp from '@noble/secp256k1';
import { bytesOf, concat, sha256, toHex, typeName, utf8 } from './bytes.js';

export interface KeyPair {
  /** 32-byte scalar in [1, n − 1]. */
  readonly secretKey: Uint8Array;
  /** Compressed public key (SEC 1 §2.3.3), 33 bytes. */
  readonly publicKey: Uint8Array;
  /** Hex of the public key: how parties and revocation locks are named. */
  readonly id: string;
}

/** Domain tag of seeded keys: a seed gives a key unrelated to any other use of the same seed. */
const KEY_TAG = utf8('pcnsim/key/');

/**
 * The key pair of a 32-byte secret. A secret that is not a valid scalar (0 or ≥ n: probability
 * below 2^-127) is replaced by its SHA-256 until it is one, so every 32-byte secret names exactly
 * one key pair; only then may `secretKey` differ from `secret`.
 */
export function keyPairFromSecret(secret: Uint8Array): KeyPair {
  let secretKey: Uint8Array = Uint8Array.from(bytesOf(secret, 32, 'keyPairFromSecret: secret'));
  while (!secp.utils.isValidSecretKey(secretKey)) secretKey = sha256(secretKey);
  const publicKey = secp.getPublicKey(secretKey, true);
  return Object.freeze({ secretKey, publicKey, id: toHex(publicKey) });
}

/**
 * The key pair of any seed: secret = SHA-256("pcnsim/key/" ‖ seed), a string seed taken as its
 * UTF-8 bytes (so `'alice'` and `utf8('alice')` give the same key).
 */
export function keyPairFromSeed(seed: string | Uint8Array): KeyPair {
  const bytes = typeof seed === 'string' ? utf8(seed, 'keyPairFromSeed: seed') : seed;
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`keyPairFromSeed: expected a string or Uint8Array seed, got ${typeName(seed)}`);
  return keyPairFromSecret(sha256(concat(KEY_TAG, bytes)));
}

/**
 * `keyPairFromSeed(seed)`, derived only when one of its fields is first read: deriving a public
 * key is an elliptic-curve multiplication, and in lazy crypto mode most parties never sign
 * (a node of a 31k-channel snapshot costs ≈0.5 ms; most never reach the chain). The fields, once
 * read, are exactly those of `keyPairFromSeed(seed)`, so lazy and eager runs are byte-identical.
 */
export function lazyKeyPairFromSeed(seed: string): KeyPair {
  let pair: KeyPair | undefined;
  const get = (): KeyPair => (pair ??= keyPairFromSeed(seed));
  return Object.freeze({
    get secretKey() {
      return get().secretKey;
    },
    get publicKey() {
      return get().publicKey;
    },
    get id() {
      return get().id;
    },
  });
}

/** Both parties' public keys as a pair read only when a signature is checked (see lazyKeyPairFromSeed). */
export function publicKeysOf(a: KeyPair, b: KeyPair): readonly [Uint8Array, Uint8Array] {
  return new LazyPublicKeys(a, b) as unknown as readonly [Uint8Array, Uint8Array];
}

/**
 * A read-only pair whose sides are getters on the prototype: one small object of a shared shape
 * per channel (an array given accessor elements got its own hidden class, two closures and two
 * accessor pairs: 30 MB for a real snapshot's 31,000 channels).
 */
class LazyPublicKeys implements Iterable<Uint8Array> {
  readonly length = 2;

  constructor(
    private readonly a: KeyPair,
    private readonly b: KeyPair,
  ) {
    Object.freeze(this);
  }

  get 0(): Uint8Array {
    return this.a.publicKey;
  }

  get 1(): Uint8Array {
    return this.b.publicKey;
  }

  *[Symbol.iterator](): Iterator<Uint8Array> {
    yield this.a.publicKey;
    yield this.b.publicKey;
  }
}
