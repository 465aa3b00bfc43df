/**
 * Sphinx onion packets as BOLT #4 builds them: the payer wraps one payload per hop in layers, each
 * hop peels its own and learns only that payload and the next packet. Per-hop shared secrets come
 * from ECDH on secp256k1 with an ephemeral key blinded at every hop; keys from HMAC-SHA256
 * ("rho", "mu", "um", "ammag", "pad"); streams from ChaCha20 with a zero nonce.
 *
 * The routing information is 1,300 bytes whatever the format: `tlv` payloads carry their own
 * BigSize length (BOLT #4 today), `legacy` ones are the original design's 20 fixed 65-byte frames
 * (a realm byte 0, 32 bytes of payload, the 32-byte HMAC). Checked against BOLT #4's vectors
 * (sphinx.test.ts).
 */
import { chacha20 } from '@noble/ciphers/chacha.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import * as secp from '@noble/secp256k1';
import { concat, equalBytes, fromHex, toHex } from '../crypto/index.js';

export const ROUTING_INFO_BYTES = 1300;
export const HMAC_BYTES = 32;
export const LEGACY_FRAME_BYTES = 65;
/** version (1) ‖ ephemeral public key (33) ‖ routing info (1300) ‖ HMAC (32). */
export const PACKET_BYTES = 1 + 33 + ROUTING_INFO_BYTES + HMAC_BYTES;

export type OnionFormat = 'tlv' | 'legacy';

export interface OnionPacket {
  readonly version: number;
  readonly ephemeralKey: Uint8Array;
  readonly routingInfo: Uint8Array;
  readonly hmac: Uint8Array;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const N = secp.Point.CURVE().n;

/** A key derived from a shared secret: HMAC-SHA256 keyed by the key type's name. */
export const deriveKey = (type: 'rho' | 'mu' | 'um' | 'ammag' | 'pad', secret: Uint8Array): Uint8Array => hmac(sha256, utf8(type), secret);

/** `length` bytes of ChaCha20 key stream (zero nonce, counter 0). */
export const stream = (key: Uint8Array, length: number): Uint8Array => chacha20(key, new Uint8Array(12), new Uint8Array(length));

export function xorInto(target: Uint8Array, mask: Uint8Array, offset = 0): void {
  for (let i = 0; i < target.length; i++) target[i]! ^= mask[i + offset]!;
}

const toScalar = (bytes: Uint8Array): bigint => BigInt(`0x${toHex(bytes)}`);
const fromScalar = (n: bigint): Uint8Array => fromHex(n.toString(16).padStart(64, '0'));

/** SHA-256 of the compressed point secret × public. */
export const ecdh = (secret: Uint8Array, publicKey: Uint8Array): Uint8Array => sha256(secp.getSharedSecret(secret, publicKey, true));

/** The shared secret of each hop, from the session key (the ephemeral key blinded hop after hop). */
export function sharedSecrets(sessionKey: Uint8Array, hopKeys: readonly Uint8Array[]): Uint8Array[] {
  let e = toScalar(sessionKey);
  const secrets: Uint8Array[] = [];
  for (const key of hopKeys) {
    const scalar = fromScalar(e);
    const secret = ecdh(scalar, key);
    secrets.push(secret);
    e = (e * toScalar(blindingFactor(secp.getPublicKey(scalar, true), secret))) % N;
  }
  return secrets;
}

const blindingFactor = (ephemeralKey: Uint8Array, secret: Uint8Array): Uint8Array => sha256(concat(ephemeralKey, secret));

/** The frame a payload takes in the routing information: its bytes (length-prefixed or framed) and the next hop's HMAC. */
function encodeFrame(payload: Uint8Array, format: OnionFormat): Uint8Array {
  if (format === 'legacy') {
    if (payload.length !== 32) throw new RangeError(`legacy onion payload: expected 32 bytes, got ${payload.length}`);
    return concat(new Uint8Array([0]), payload);
  }
  return concat(bigSize(payload.length), payload);
}

/** BigSize (BOLT #1): the length prefix of a tlv payload (a payload of 0 or ≥ 2^16 bytes cannot fit). */
function bigSize(n: number): Uint8Array {
  if (n === 0 || n >= 0x10000) throw new RangeError(`tlv onion payload: expected 1 to 65,535 bytes, got ${n}`);
  return n < 0xfd ? new Uint8Array([n]) : new Uint8Array([0xfd, n >> 8, n & 0xff]);
}

/**
 * The filler: what the routing information's end looks like to the last hop after every earlier
 * hop shifted it and added its stream, so the payer can compute the HMACs the hops will see.
 */
function filler(secrets: readonly Uint8Array[], sizes: readonly number[]): Uint8Array {
  let fill = new Uint8Array(0);
  for (let i = 0; i < secrets.length - 1; i++) {
    const previous = fill.length;
    const next = new Uint8Array(previous + sizes[i]!);
    next.set(fill);
    xorInto(next, stream(deriveKey('rho', secrets[i]!), ROUTING_INFO_BYTES + sizes[i]!), ROUTING_INFO_BYTES - previous);
    fill = next;
  }
  return fill;
}

/** Builds the packet for `payloads[i]` to reach the owner of `hopKeys[i]`, bound to `associatedData` (the payment hash). */
export function buildOnion(sessionKey: Uint8Array, hopKeys: readonly Uint8Array[], payloads: readonly Uint8Array[], associatedData: Uint8Array, format: OnionFormat = 'tlv'): OnionPacket {
  if (hopKeys.length === 0 || hopKeys.length !== payloads.length) throw new RangeError('buildOnion: one payload per hop, at least one hop');
  const frames = payloads.map((p) => encodeFrame(p, format));
  const sizes = frames.map((f) => f.length + HMAC_BYTES);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > ROUTING_INFO_BYTES) throw new RangeError(`buildOnion: payloads take ${total} bytes, more than ${ROUTING_INFO_BYTES}`);
  const secrets = sharedSecrets(sessionKey, hopKeys);
  const fill = filler(secrets, sizes);
  let info = stream(deriveKey('pad', sessionKey), ROUTING_INFO_BYTES);
  let nextHmac = new Uint8Array(HMAC_BYTES);
  for (let i = hopKeys.length - 1; i >= 0; i--) {
    const shifted = new Uint8Array(ROUTING_INFO_BYTES);
    const frame = frames[i]!;
    shifted.set(frame);
    shifted.set(nextHmac, sizes[i]! - HMAC_BYTES);
    shifted.set(info.subarray(0, ROUTING_INFO_BYTES - sizes[i]!), sizes[i]!);
    xorInto(shifted, stream(deriveKey('rho', secrets[i]!), ROUTING_INFO_BYTES));
    if (i === hopKeys.length - 1) shifted.set(fill, ROUTING_INFO_BYTES - fill.length);
    info = shifted;
    nextHmac = hmac(sha256, deriveKey('mu', secrets[i]!), concat(info, associatedData));
  }
  return { version: 0, ephemeralKey: secp.getPublicKey(sessionKey, true), routingInfo: info, hmac: nextHmac };
}

/** BOLT #4 failure codes a hop returns when it cannot read the packet (BADONION | PERM | n). */
export const BADONION_VERSION = 0x8000 | 0x4000 | 4;
export const BADONION_HMAC = 0x8000 | 0x4000 | 5;
export const BADONION_KEY = 0x8000 | 0x4000 | 6;
/** invalid_onion_payload (PERM | 22): the payload's length runs past the routing information. */
export const INVALID_ONION_PAYLOAD = 0x4000 | 22;

export type Peeled =
  | { readonly ok: true; readonly payload: Uint8Array; readonly sharedSecret: Uint8Array; readonly next: OnionPacket | undefined }
  | { readonly ok: false; readonly code: number };

/** A hop's side: checks the HMAC with its key, decrypts its payload and the packet for the next hop (none when it is the last). */
export function peelOnion(packet: OnionPacket, nodeSecret: Uint8Array, associatedData: Uint8Array, format: OnionFormat = 'tlv'): Peeled {
  if (packet.version !== 0) return { ok: false, code: BADONION_VERSION };
  let secret: Uint8Array;
  try {
    secret = ecdh(nodeSecret, packet.ephemeralKey);
  } catch {
    return { ok: false, code: BADONION_KEY };
  }
  const expected = hmac(sha256, deriveKey('mu', secret), concat(packet.routingInfo, associatedData));
  if (!equalBytes(expected, packet.hmac)) return { ok: false, code: BADONION_HMAC };
  const plain = new Uint8Array(2 * ROUTING_INFO_BYTES);
  plain.set(packet.routingInfo);
  xorInto(plain, stream(deriveKey('rho', secret), plain.length));
  // A first byte 0 is the original design's realm byte: a fixed 65-byte frame.
  const legacy = format === 'legacy' || plain[0] === 0;
  const { start, length } = legacy ? { start: 1, length: 32 } : readBigSize(plain);
  const size = start + length + HMAC_BYTES;
  if (size > ROUTING_INFO_BYTES) return { ok: false, code: INVALID_ONION_PAYLOAD };
  const payload = plain.slice(start, start + length);
  const nextHmac = plain.slice(size - HMAC_BYTES, size);
  const last = nextHmac.every((b) => b === 0);
  const ephemeralKey = secp.Point.fromBytes(packet.ephemeralKey).multiply(toScalar(blindingFactor(packet.ephemeralKey, secret))).toBytes(true);
  const next = last ? undefined : { version: 0, ephemeralKey, routingInfo: plain.slice(size, size + ROUTING_INFO_BYTES), hmac: nextHmac };
  return { ok: true, payload, sharedSecret: secret, next };
}

/** Reads a BigSize length prefix. */
function readBigSize(bytes: Uint8Array): { start: number; length: number } {
  const first = bytes[0]!;
  if (first < 0xfd) return { start: 1, length: first };
  if (first === 0xfd) return { start: 3, length: (bytes[1]! << 8) | bytes[2]! };
  return { start: 5, length: ((bytes[1]! << 24) | (bytes[2]! << 16) | (bytes[3]! << 8) | bytes[4]!) >>> 0 };
}

export function serializeOnion(packet: OnionPacket): Uint8Array {
  return concat(new Uint8Array([packet.version]), packet.ephemeralKey, packet.routingInfo, packet.hmac);
}

export function parseOnion(bytes: Uint8Array): OnionPacket {
  if (bytes.length !== PACKET_BYTES) throw new RangeError(`onion packet: expected ${PACKET_BYTES} bytes, got ${bytes.length}`);
  return { version: bytes[0]!, ephemeralKey: bytes.slice(1, 34), routingInfo: bytes.slice(34, 34 + ROUTING_INFO_BYTES), hmac: bytes.slice(34 + ROUTING_INFO_BYTES) };
}
