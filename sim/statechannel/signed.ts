/**
 * Co-signed versions of an application state: what the two parties exchange off chain instead
 * of transactions. A version is (channel id, version number, state), signed by both with
 * secp256k1 (sim/crypto). There is no revocation: a higher version simply outranks a lower one
 * before the adjudicator, so an old state is harmless once a newer one exists and either party
 * can show it.
 */
import { encodePayload, sign, verify, type KeyPair, type Signature } from '../crypto/index.js';
import type { BetState } from './bet.js';

export interface SignedVersion {
  readonly channelId: string;
  readonly version: number;
  readonly state: BetState;
  /** Side 0's and side 1's signatures over `payloadOf`. */
  readonly signatures: readonly [Signature, Signature];
}

export function payloadOf(channelId: string, version: number, s: BetState): Uint8Array {
  return encodePayload('pcnsim/app-state', [channelId, version, s.stage, s.balances[0], s.balances[1], s.pot, s.commitment ?? '', s.guess ?? 2, s.winner ?? 2]);
}

export function coSign(channelId: string, version: number, state: BetState, keys: readonly [KeyPair, KeyPair]): SignedVersion {
  const payload = payloadOf(channelId, version, state);
  return Object.freeze({ channelId, version, state, signatures: [sign(keys[0].secretKey, payload), sign(keys[1].secretKey, payload)] as const });
}

/** Both signatures verify against the channel's two public keys. */
export function bothSigned(v: SignedVersion, publicKeys: readonly [Uint8Array, Uint8Array]): boolean {
  const payload = payloadOf(v.channelId, v.version, v.state);
  return verify(v.signatures[0], payload, publicKeys[0]) && verify(v.signatures[1], payload, publicKeys[1]);
}
