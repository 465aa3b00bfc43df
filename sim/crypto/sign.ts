/**
 * Signatures over canonical payloads: ECDSA on secp256k1 (SEC 1 §4.1) over SHA-256(payload),
 * with RFC 6979 deterministic nonces and low-S (BIP 146), as 64-byte compact r ‖ s. The same key
 * and payload always give the same bytes, which is why `--crypto lazy` (sign only what reaches
 * the chain) produces the same reports as `--crypto full`.
 *
 * Measured (node 20.20, @noble/secp256k1 3.2, one core, ~150-byte payloads): about 4,200 sign
 * and 470 verify per second (verify ≈ 2 ms is the cost to watch in `--crypto full`), 4,600 key
 * pairs and 100,000 payload encodings per second.
 *
 * Payload encoding, unambiguous by construction (every item carries a type byte, every
 * variable-length item a length):
 *
 *     payload = str(tag) ‖ field…
 *     str(s)   = 0x01 ‖ u64(byte length) ‖ UTF-8(s)
 *     num(n)   = 0x02 ‖ u64(n)                          n a non-negative safe integer
 *     bytes(b) = 0x03 ‖ u64(length) ‖ b
 *     list(xs) = 0x04 ‖ u64(count) ‖ (str | num)…
 *     u64(n)   = 8 bytes, big-endian
 *
 * The tag separates purposes: a signature made for 'pcnsim/rsmc' never verifies for
 * 'pcnsim/revocation', whatever the fields.
 */
import * as secp from '@noble/secp256k1';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesOf, concat, typeName, utf8 } from './bytes.js';

// @noble/secp256k1 v3 signs synchronously only once its hashes are wired in (README "Usage").
secp.hashes.sha256 = nobleSha256;
secp.hashes.hmacSha256 = (key: Uint8Array, message: Uint8Array) => hmac(nobleSha256, key, message);

declare const signatureBrand: unique symbol;
/** A 64-byte compact ECDSA signature (r ‖ s, low-S), as made by `sign`. */
export type Signature = Uint8Array & { readonly [signatureBrand]: true };

export type PayloadField = string | number | Uint8Array | readonly (string | number)[];

const TYPE = { string: 1, number: 2, bytes: 3, list: 4 } as const;
const SIGN_OPTIONS = { prehash: true, lowS: true, extraEntropy: false, format: 'compact' } as const;

/** The canonical bytes of (tag, fields); throws TypeError / RangeError on fields it cannot encode. */
export function encodePayload(tag: string, fields: readonly PayloadField[]): Uint8Array {
  if (typeof tag !== 'string' || !/^[\x21-\x7e]+$/.test(tag)) {
    throw new TypeError(`encodePayload: the tag must be non-empty printable ASCII such as 'pcnsim/rsmc', got ${JSON.stringify(tag)}`);
  }
  if (!Array.isArray(fields)) throw new TypeError(`encodePayload: expected an array of fields, got ${typeName(fields)}`);
  const parts: Uint8Array[] = [];
  encodeString(parts, tag);
  fields.forEach((field: unknown, i) => {
    const where = `encodePayload: field ${i}`;
    if (field instanceof Uint8Array) {
      parts.push(Uint8Array.of(TYPE.bytes), u64(field.length), field);
    } else if (Array.isArray(field)) {
      parts.push(Uint8Array.of(TYPE.list), u64(field.length));
      field.forEach((item: unknown, j) => encodeScalar(parts, item, `${where}[${j}]`));
    } else {
      encodeScalar(parts, field, where);
    }
  });
  return concat(...parts);
}

/** Signs SHA-256(payload): RFC 6979 nonce, low-S, compact 64 bytes. */
export function sign(secretKey: Uint8Array, payload: Uint8Array): Signature {
  bytesOf(secretKey, 32, 'sign: secretKey');
  bytesOf(payload, undefined, 'sign: payload');
  return secp.sign(payload, secretKey, SIGN_OPTIONS) as Signature;
}

/**
 * True only for a valid low-S signature by `publicKey` over SHA-256(payload). Never throws:
 * garbage of any type or size is simply not a valid signature.
 */
export function verify(signature: Uint8Array, payload: Uint8Array, publicKey: Uint8Array): boolean {
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  if (!(payload instanceof Uint8Array) || !(publicKey instanceof Uint8Array)) return false;
  try {
    return secp.verify(signature, payload, publicKey, { prehash: true, lowS: true, format: 'compact' });
  } catch {
    return false;
  }
}

function encodeScalar(parts: Uint8Array[], value: unknown, where: string): void {
  if (typeof value === 'string') return encodeString(parts, value, where);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${where}: numbers must be non-negative safe integers, got ${value}`);
    parts.push(Uint8Array.of(TYPE.number), u64(value));
    return;
  }
  throw new TypeError(`${where}: expected a string, a number, bytes or a list of strings and numbers, got ${typeName(value)}`);
}

function encodeString(parts: Uint8Array[], text: string, where = 'encodePayload: tag'): void {
  const bytes = utf8(text, where);
  parts.push(Uint8Array.of(TYPE.string), u64(bytes.length), bytes);
}

/** 8-byte big-endian of a non-negative safe integer (exact: no BigInt needed below 2^53). */
function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(n / 2 ** 32));
  view.setUint32(4, n >>> 0);
  return out;
}
