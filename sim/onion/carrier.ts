/**
 * The onion as the simulation carries it. In `full` crypto mode the payer builds a real Sphinx
 * packet (sphinx.ts) with each node's identity key and every hop decrypts its own layer; failures
 * come back as real error onions, obfuscated once per hop. In `lazy` mode the same information
 * flows without the bytes: a hop gets exactly its payload and the next packet, the payer exactly
 * the failing hop's position and message. Both give the same views, so reports are identical.
 */
import { fromHex, type KeyPair, keyPairFromSeed, sha256, toHex, utf8 } from '../crypto/index.js';
import { buildFailure, decodeFailure, obfuscateFailure } from './failure.js';
import { decodeFailureMessage, decodePayload, encodeFailure, encodePayload, shortChannelId, type HopPayload, type ReadPayload } from './payload.js';
import { buildOnion, peelOnion, sharedSecrets, type OnionFormat, type OnionPacket } from './sphinx.js';

export type Packet =
  | { readonly kind: 'full'; readonly bytes: OnionPacket }
  | { readonly kind: 'lazy'; readonly payloads: readonly ReadPayload[]; readonly index: number };

/** What the payer keeps of an onion it sent: the shared secrets, to read failures. */
export interface Sealed {
  readonly packet: Packet;
  readonly secrets: readonly Uint8Array[];
}

export type PeelResult = { readonly ok: true; readonly payload: ReadPayload; readonly next: Packet | undefined } | { readonly ok: false; readonly reason: 'bad-onion' };

export interface Failure {
  /** Position of the failing node on the route: 0 is the first hop's receiver. */
  readonly hop: number;
  readonly code: number;
  readonly amountMsat: number;
  readonly reason: string;
}

/** The failure as it travels back: real bytes, or the same facts. */
export type FailurePacket = { readonly kind: 'full'; readonly bytes: Uint8Array } | { readonly kind: 'lazy'; readonly failure: Failure };

export class OnionCarrier {
  private readonly keys = new Map<string, KeyPair>();
  /** Each channel's 8-byte id as hex, hashed once per run: every forward reads it twice (wrap, then the hop's check), and the SHA-256 cost 0.4 CPU-s per 30,000 payments. */
  private readonly shortIds = new Map<string, string>();

  constructor(
    private readonly mode: 'full' | 'lazy',
    private readonly seed: number,
    readonly format: OnionFormat = 'tlv',
  ) {}

  /** A node's identity key (the one its onions are encrypted to). */
  private key(node: string): KeyPair {
    let key = this.keys.get(node);
    if (!key) this.keys.set(node, (key = keyPairFromSeed(`pcnsim/${this.seed}/${node}/node`)));
    return key;
  }

  /** The payer wraps payload i for nodes[i]; `session` names the attempt (its ephemeral key is derived from it). */
  wrap(session: string, nodes: readonly string[], payloads: readonly HopPayload[], paymentHash: string): Sealed {
    const read = payloads.map((p) => readBack(p, this.format, p.nextChannel === undefined ? undefined : this.shortIdHex(p.nextChannel)));
    if (this.mode === 'lazy') return { packet: { kind: 'lazy', payloads: read, index: 0 }, secrets: [] };
    const sessionKey = sha256(utf8(`pcnsim/${this.seed}/${session}/onion`));
    const keys = nodes.map((n) => this.key(n).publicKey);
    const encoded = payloads.map((p) => (this.format === 'legacy' ? legacyFrame(p) : encodePayload(p)));
    const bytes = buildOnion(sessionKey, keys, encoded, fromHex(paymentHash), this.format);
    return { packet: { kind: 'full', bytes }, secrets: sharedSecrets(sessionKey, keys) };
  }

  /** The hex of `channelId`'s 8-byte id (what a hop matches its onion's next channel against). */
  shortIdHex(channelId: string): string {
    let hex = this.shortIds.get(channelId);
    if (hex === undefined) this.shortIds.set(channelId, (hex = toHex(shortChannelId(channelId))));
    return hex;
  }

  /** `node` peels its layer. */
  peel(node: string, packet: Packet, paymentHash: string): PeelResult {
    if (packet.kind === 'lazy') {
      const payload = packet.payloads[packet.index]!;
      const next: Packet | undefined = packet.index + 1 < packet.payloads.length ? { kind: 'lazy', payloads: packet.payloads, index: packet.index + 1 } : undefined;
      return { ok: true, payload, next };
    }
    const peeled = peelOnion(packet.bytes, this.key(node).secretKey, fromHex(paymentHash), this.format);
    if (!peeled.ok) return { ok: false, reason: 'bad-onion' };
    const payload = this.format === 'legacy' ? readLegacy(peeled.payload, peeled.next === undefined) : decodePayload(peeled.payload);
    if (!payload) return { ok: false, reason: 'bad-onion' };
    return { ok: true, payload, next: peeled.next ? { kind: 'full', bytes: peeled.next } : undefined };
  }

  /**
   * Node `hop` of the route fails the HTLC: its message, obfuscated by it and by every node back
   * to the payer (each with its own shared secret, which the payer's `sealed` also holds).
   */
  fail(sealed: Sealed, hop: number, reason: string, amountMsat: number): FailurePacket {
    if (this.mode === 'lazy') return { kind: 'lazy', failure: { hop, reason, amountMsat, code: decodeFailureMessage(encodeFailure(reason, amountMsat)).code } };
    let bytes = buildFailure(sealed.secrets[hop]!, encodeFailure(reason, amountMsat));
    for (let i = hop - 1; i >= 0; i--) bytes = obfuscateFailure(sealed.secrets[i]!, bytes);
    return { kind: 'full', bytes };
  }

  /** The payer reads a failure: which hop, which code, for which amount. */
  read(sealed: Sealed, packet: FailurePacket): Failure | undefined {
    if (packet.kind === 'lazy') return packet.failure;
    const decoded = decodeFailure(sealed.secrets, packet.bytes);
    return decoded && { hop: decoded.hop, ...decodeFailureMessage(decoded.message) };
  }
}

/** What a hop reads back from a payload (the lazy mode hands it over directly); `nextChannelId`: the next channel's short id in hex. */
function readBack(p: HopPayload, format: OnionFormat, nextChannelId: string | undefined): ReadPayload {
  // One literal per shape, not conditional spreads: a payload is made per hop of every try.
  const secret = p.paymentSecret !== undefined && format === 'tlv' ? p.paymentSecret : undefined;
  if (secret === undefined) return nextChannelId === undefined ? { amountMsat: p.amountMsat, outgoingCltv: p.outgoingCltv } : { amountMsat: p.amountMsat, outgoingCltv: p.outgoingCltv, nextChannelId };
  const totalMsat = p.totalMsat ?? p.amountMsat;
  if (nextChannelId === undefined) return { amountMsat: p.amountMsat, outgoingCltv: p.outgoingCltv, paymentSecret: secret, totalMsat };
  return { amountMsat: p.amountMsat, outgoingCltv: p.outgoingCltv, nextChannelId, paymentSecret: secret, totalMsat };
}

/**
 * The original design's 32-byte hop data: short_channel_id (8), amt_to_forward (8),
 * outgoing_cltv_value (4), padding (12). It has no room for a payment secret: a multi-part
 * payment needs tlv payloads.
 */
function legacyFrame(p: HopPayload): Uint8Array {
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  if (p.nextChannel !== undefined) out.set(shortChannelId(p.nextChannel));
  view.setBigUint64(8, BigInt(p.amountMsat));
  view.setUint32(16, p.outgoingCltv);
  return out;
}

function readLegacy(bytes: Uint8Array, last: boolean): ReadPayload {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { amountMsat: Number(view.getBigUint64(8)), outgoingCltv: view.getUint32(16), ...(last ? {} : { nextChannelId: toHex(bytes.subarray(0, 8)) }) };
}
