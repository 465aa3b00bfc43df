/**
 * Signatures over canonical payloads: ECDSA on secp256k1 with RFC 6979 deterministic nonces, so
 * the same key and payload always give the same 64 bytes (which is why `--crypto lazy` can sign
 * only what reaches the chain and still produce the same reports as `--crypto full`).
 *
 * Payload encoding: a domain tag, then each field with a type byte and a length prefix, so no two
 * different field lists encode to the same bytes, and a signature made for one purpose
 * ('pcnsim/rsmc') cannot be presented for another ('pcnsim/revocation').
 */
import * as secp from '@noble/secp256k1';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { utf8 } from './hash.js';

// @noble/secp256k1 v3 needs its hash functions wired in for synchronous signing.
secp.hashes.sha256 = nobleSha256;
secp.hashes.hmacSha256 = (key: Uint8Array, message: Uint8Array) => hmac(nobleSha256, key, message);

declare const signatureBrand: unique symbol;
/** A 64-byte compact ECDSA signature. */
export type Signature = Uint8Array & { readonly [signatureBrand]: true };

export type PayloadField = string | number | Uint8Array | readonly (string | number)[];

const TYPE = { string: 1, number: 2, bytes: 3, list: 4 } as const;

export function encodePayload(tag: string, fields: readonly PayloadField[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const push = (field: PayloadField): void => {
    if (typeof field === 'number') {
      if (!Number.isSafeInteger(field) || field < 0) throw new RangeError(`encodePayload: numbers must be non-negative safe integers, got ${field}`);
      parts.push(Uint8Array.of(TYPE.number), u64(field));
    } else if (typeof field === 'string') {
      const bytes = utf8(field);
      parts.push(Uint8Array.of(TYPE.string), u64(bytes.length), bytes);
    } else if (field instanceof Uint8Array) {
      parts.push(Uint8Array.of(TYPE.bytes), u64(field.length), field);
    } else {
      parts.push(Uint8Array.of(TYPE.list), u64(field.length));
      field.forEach(push);
    }
  };
  push(tag);
  fields.forEach(push);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Signs sha256(payload) with RFC 6979 nonces (low-S, compact 64 bytes). */
export function sign(secretKey: Uint8Array, payload: Uint8Array): Signature {
  return secp.sign(payload, secretKey) as Signature;
}

/** True only for a valid signature by `publicKey` over `payload`; never throws on garbage. */
export function verify(signature: Uint8Array, payload: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return secp.verify(signature, payload, publicKey);
  } catch {
    return false;
  }
}

function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}
