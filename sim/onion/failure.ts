/**
 * Failure messages travelling back to the payer (BOLT #4 "Returning Errors"): the failing hop
 * authenticates its message with its "um" key and obfuscates it with its "ammag" stream; every
 * hop on the way back adds its own "ammag" layer; the payer, who knows every shared secret, peels
 * the layers in order until one HMAC checks, which names the failing hop. Intermediate hops can
 * read nothing of it.
 *
 * The message is padded to 256 bytes so that its length does not tell which failure it is.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concat, equalBytes } from '../crypto/index.js';
import { deriveKey, HMAC_BYTES, stream, xorInto } from './sphinx.js';

const PADDED_BYTES = 256;

const u16 = (n: number): Uint8Array => new Uint8Array([n >> 8, n & 0xff]);

/** The failing hop's packet: HMAC ‖ len ‖ message ‖ padlen ‖ pad, under its own ammag layer. */
export function buildFailure(sharedSecret: Uint8Array, message: Uint8Array): Uint8Array {
  if (message.length > PADDED_BYTES) throw new RangeError(`failure message: expected at most ${PADDED_BYTES} bytes, got ${message.length}`);
  const padding = PADDED_BYTES - message.length;
  const body = concat(u16(message.length), message, u16(padding), new Uint8Array(padding));
  return obfuscateFailure(sharedSecret, concat(hmac(sha256, deriveKey('um', sharedSecret), body), body));
}

/** One hop's layer on the way back (also the failing hop's own). */
export function obfuscateFailure(sharedSecret: Uint8Array, packet: Uint8Array): Uint8Array {
  const out = Uint8Array.from(packet);
  xorInto(out, stream(deriveKey('ammag', sharedSecret), out.length));
  return out;
}

export interface DecodedFailure {
  /** Position on the route of the hop that failed (0: the payer's first peer). */
  readonly hop: number;
  readonly message: Uint8Array;
}

/** The payer's side: peels the layers in route order; undefined if no hop's HMAC checks (a corrupted message). */
export function decodeFailure(sharedSecrets: readonly Uint8Array[], packet: Uint8Array): DecodedFailure | undefined {
  let current = packet;
  for (const [hop, secret] of sharedSecrets.entries()) {
    current = obfuscateFailure(secret, current);
    const body = current.subarray(HMAC_BYTES);
    if (!equalBytes(hmac(sha256, deriveKey('um', secret), body), current.subarray(0, HMAC_BYTES))) continue;
    const length = (body[0]! << 8) | body[1]!;
    if (length + 2 > body.length) return undefined;
    return { hop, message: body.slice(2, 2 + length) };
  }
  return undefined;
}
