/**
 * Bytes for the crypto module: SHA-256 (FIPS 180-4, Node's native one-shot hash), UTF-8, hex, and the
 * checks that every public function runs once on its inputs. A check returns the checked value
 * (the noble style), so callers write `const sk = bytesOf(input, 32, 'sign: secretKey')`.
 *
 * Wrong inputs are caller bugs, not simulation outcomes: they throw TypeError (wrong type) or
 * RangeError (wrong size or value) with a message that starts with the function's name.
 */
import { hash } from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';

/**
 * SHA-256 of `data`: a fresh 32-byte array. Node's one-shot native hash: a payment hashes its
 * secret, its lock and the preimage again at every hop, and noble's JavaScript SHA-256 cost
 * about 2 µs each.
 */
export function sha256(data: Uint8Array): Uint8Array {
  const digest = hash('sha256', bytesOf(data, undefined, 'sha256: data'), 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength); // a plain Uint8Array over the digest's own memory
}

/** Lowercase hex of SHA-256 of `data` (a hash lock), without the intermediate bytes. */
export function sha256Hex(data: Uint8Array): string {
  return hash('sha256', bytesOf(data, undefined, 'sha256Hex: data'), 'hex');
}

/** `value` when it is a Uint8Array (of `length` bytes, when given); throws otherwise. */
export function bytesOf(value: unknown, length: number | undefined, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${what}: expected a Uint8Array, got ${typeName(value)}`);
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${what}: expected ${length} bytes, got ${value.length}`);
  }
  return value;
}

const ENCODER = new TextEncoder();

/**
 * UTF-8 bytes of a well-formed string. A lone surrogate would be encoded as U+FFFD, so two
 * different strings would share bytes (and a signature); such strings are refused.
 */
export function utf8(text: string, what = 'utf8: text'): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`${what}: expected a string, got ${typeName(text)}`);
  if (/\p{Cs}/u.test(text)) throw new RangeError(`${what}: the string has a lone surrogate (not well-formed UTF-16)`);
  return ENCODER.encode(text);
}

/**
 * Lowercase hex of `bytes`. Node's encoder returns a flat string; building one by `+=` (as
 * noble's bytesToHex does) leaves a rope of 32 cons cells per hash, about 1 KB that every
 * hash lock kept in a map or a sheet would hold for the rest of the run.
 */
export function toHex(bytes: Uint8Array): string {
  const b = bytesOf(bytes, undefined, 'toHex: bytes');
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Bytes of an even-length hex string (either case); throws on anything else. */
export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new TypeError(`fromHex: expected a hex string, got ${typeName(hex)}`);
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new RangeError(`fromHex: expected an even number of hex digits, got ${JSON.stringify(hex.slice(0, 20))}`);
  }
  return hexToBytes(hex);
}

/** `a ‖ b ‖ …` as one fresh array. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Byte-wise equality (not constant-time: pcnsim simulates, it does not guard real keys). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
