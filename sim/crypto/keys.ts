/**
 * secp256k1 key pairs (@noble/secp256k1). Deterministic: every key in a run derives from the
 * scenario seed, so runs are reproducible. Key pairs are frozen values.
 */
import * as secp from '@noble/secp256k1';
import { sha256, toHex, utf8 } from './hash.js';

export interface KeyPair {
  readonly secretKey: Uint8Array;
  /** Compressed public key, 33 bytes. */
  readonly publicKey: Uint8Array;
  /** Hex of the public key: how locks and parties are named. */
  readonly id: string;
}

/** The key pair of a 32-byte secret, hashed until it is a valid scalar (a negligible case). */
export function keyPairFromSecret(secret: Uint8Array): KeyPair {
  let secretKey = secret;
  while (!secp.utils.isValidSecretKey(secretKey)) secretKey = sha256(secretKey);
  const publicKey = secp.getPublicKey(secretKey, true);
  return Object.freeze({ secretKey, publicKey, id: toHex(publicKey) });
}

/** A key pair derived from any seed string or bytes: sha256("pcnsim/key" ‖ seed). */
export function keyPairFromSeed(seed: string | Uint8Array): KeyPair {
  const bytes = typeof seed === 'string' ? utf8(seed) : seed;
  const tag = utf8('pcnsim/key/');
  const input = new Uint8Array(tag.length + bytes.length);
  input.set(tag);
  input.set(bytes, tag.length);
  return keyPairFromSecret(sha256(input));
}
