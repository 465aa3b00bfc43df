/**
 * What the onion tells each hop (BOLT #4 `payload` TLVs): the amount to forward (2), the outgoing
 * CLTV (4), the next channel (6, an 8-byte id: the first bytes of SHA-256 of pcnsim's channel id,
 * which the forwarding node matches against its own channels), and for the final hop the payment
 * data (8: the payment secret and the total of a multi-part payment).
 *
 * Failure messages carry the BOLT #4 code, the HTLC's amount and pcnsim's reason name (in place of
 * a channel_update: policy changes reach payers by gossip, as before).
 */
import { concat, fromHex, sha256, toHex, utf8 } from '../crypto/index.js';

export interface HopPayload {
  readonly amountMsat: number;
  readonly outgoingCltv: number;
  /** The channel to forward on; absent for the final hop. */
  readonly nextChannel?: string;
  /** Final hop: the payment secret (hex, 32 bytes) and the payment's total over all parts. */
  readonly paymentSecret?: string;
  readonly totalMsat?: number;
}

/** Truncated unsigned integer (BOLT #1 tu64): big-endian without leading zero bytes. */
function tu64(n: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = BigInt(n); v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return Uint8Array.from(bytes);
}

function readTu(bytes: Uint8Array): number {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return Number(v);
}

const record = (type: number, value: Uint8Array): Uint8Array => concat(new Uint8Array([type, value.length]), value);

export const shortChannelId = (channelId: string): Uint8Array => sha256(utf8(channelId)).slice(0, 8);

export function encodePayload(p: HopPayload): Uint8Array {
  const parts = [record(2, tu64(p.amountMsat)), record(4, tu64(p.outgoingCltv))];
  if (p.nextChannel !== undefined) parts.push(record(6, shortChannelId(p.nextChannel)));
  if (p.paymentSecret !== undefined) parts.push(record(8, concat(fromHex(p.paymentSecret), tu64(p.totalMsat ?? p.amountMsat))));
  return concat(...parts);
}

/** The payload a hop reads; `nextChannel` comes back as the 8-byte id's hex (the hop resolves it). */
export interface ReadPayload {
  readonly amountMsat: number;
  readonly outgoingCltv: number;
  readonly nextChannelId?: string;
  readonly paymentSecret?: string;
  readonly totalMsat?: number;
}

export function decodePayload(bytes: Uint8Array): ReadPayload | undefined {
  const out: { -readonly [K in keyof ReadPayload]?: ReadPayload[K] } = {};
  for (let at = 0; at < bytes.length; ) {
    const type = bytes[at]!;
    const length = bytes[at + 1]!;
    const value = bytes.subarray(at + 2, at + 2 + length);
    if (value.length !== length) return undefined;
    if (type === 2) out.amountMsat = readTu(value);
    else if (type === 4) out.outgoingCltv = readTu(value);
    else if (type === 6) out.nextChannelId = toHex(value);
    else if (type === 8) {
      out.paymentSecret = toHex(value.subarray(0, 32));
      out.totalMsat = readTu(value.subarray(32));
    }
    at += 2 + length;
  }
  return out.amountMsat === undefined || out.outgoingCltv === undefined ? undefined : (out as ReadPayload);
}

/** BOLT #4 failure codes for pcnsim's refusal reasons (flags: BADONION 0x8000, PERM 0x4000, NODE 0x2000, UPDATE 0x1000). */
export const FAILURE_CODES: Readonly<Record<string, number>> = {
  'fee-rejected': 0x1000 | 12, // fee_insufficient
  'lock-rejected': 0x1000 | 13, // incorrect_cltv_expiry
  expired: 0x1000 | 14, // expiry_too_soon
  'no-route': 0x4000 | 10, // unknown_next_peer
  'payee-unpaid': 0x4000 | 15, // incorrect_or_unknown_payment_details
  'unknown-payment': 0x4000 | 15, // the payee never drew this hash (a probe)
  held: 0x4000 | 15,
  'mpp-timeout': 23, // mpp_timeout
  'bad-onion': 0x8000 | 0x4000 | 5, // invalid_onion_hmac
};
/** Anything else a channel refuses (no balance, no slot, too much in flight, offline peer): temporary_channel_failure. */
export const TEMPORARY_CHANNEL_FAILURE = 0x1000 | 7;

export const failureCode = (reason: string): number => FAILURE_CODES[reason] ?? TEMPORARY_CHANNEL_FAILURE;

export function encodeFailure(reason: string, amountMsat: number): Uint8Array {
  const code = failureCode(reason);
  const amount = new Uint8Array(8);
  new DataView(amount.buffer).setBigUint64(0, BigInt(amountMsat));
  return concat(new Uint8Array([code >> 8, code & 0xff]), amount, utf8(reason));
}

export function decodeFailureMessage(bytes: Uint8Array): { code: number; amountMsat: number; reason: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { code: view.getUint16(0), amountMsat: Number(view.getBigUint64(2)), reason: new TextDecoder().decode(bytes.subarray(10)) };
}
