/** SHA-256 and byte helpers shared by the crypto module (@noble/hashes). */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export const sha256 = (data: Uint8Array): Uint8Array => nobleSha256(data);

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Hex → bytes; throws RangeError on malformed hex (inputs are checked once, at the boundary). */
export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new RangeError(`fromHex: expected an even-length hex string, got ${JSON.stringify(String(hex).slice(0, 20))}`);
  }
  return hexToBytes(hex);
}
