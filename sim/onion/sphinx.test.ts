/**
 * BOLT #4's test vectors (lightning/bolts bolt04/onion-test.json, onion-test-v0.json,
 * onion-error-test.json): the same session key, hop keys and payloads must give the published
 * packets byte for byte, each hop's private key must peel its own payload, and the published
 * error packet must decode to the failing hop and its message.
 */
import { fromHex, toHex } from '../crypto/bytes.js';
import { buildFailure, decodeFailure, obfuscateFailure } from './failure.js';
import { BADONION_HMAC, buildOnion, deriveKey, parseOnion, peelOnion, serializeOnion, sharedSecrets, type OnionFormat } from './sphinx.js';
import { BOLT4_ERROR, BOLT4_HOP_KEYS, BOLT4_TLV, BOLT4_V0 } from './vectors.js';

const session = fromHex('41'.repeat(32));
const assoc = fromHex('42'.repeat(32));
const hopSecret = (i: number): Uint8Array => fromHex((0x41 + i).toString(16).repeat(32));

describe('BOLT #4 shared secrets and keys', () => {
  const secrets = sharedSecrets(session, BOLT4_HOP_KEYS.map(fromHex));
  test('hop shared secrets and rho/mu keys match onion-test-v0.json', () => {
    expect(secrets.map(toHex)).toEqual(BOLT4_V0.hops.map((h) => h.sharedSecret));
    expect(secrets.map((s) => toHex(deriveKey('rho', s)))).toEqual(BOLT4_V0.hops.map((h) => h.rho));
    expect(secrets.map((s) => toHex(deriveKey('mu', s)))).toEqual(BOLT4_V0.hops.map((h) => h.mu));
  });
  test('ammag and um keys match onion-error-test.json', () => {
    expect(secrets.map((s) => toHex(deriveKey('ammag', s)))).toEqual(BOLT4_ERROR.ammag);
    expect(toHex(deriveKey('um', secrets[4]!))).toBe(BOLT4_ERROR.um4);
  });
});

describe.each<[string, OnionFormat, typeof BOLT4_TLV]>([
  ['variable-length tlv payloads (onion-test.json)', 'tlv', BOLT4_TLV],
  ['legacy 65-byte frames (onion-test-v0.json)', 'legacy', BOLT4_V0.packet],
])('%s', (_name, format, vector) => {
  const keys = BOLT4_HOP_KEYS.map(fromHex);
  const payloads = vector.payloads.map(fromHex);

  test('the packet is the published one, byte for byte', () => {
    expect(toHex(serializeOnion(buildOnion(session, keys, payloads, assoc, format)))).toBe(vector.onion);
  });

  test('each hop peels exactly its payload; the last sees no next packet', () => {
    let packet = parseOnion(fromHex(vector.onion));
    for (let i = 0; i < 5; i++) {
      const peeled = peelOnion(packet, hopSecret(i), assoc, format);
      if (!peeled.ok) throw new Error(`hop ${i} failed with ${peeled.code}`);
      expect(toHex(peeled.payload)).toBe(vector.payloads[i]);
      if (i < 4) packet = peeled.next!;
      else expect(peeled.next).toBeUndefined();
    }
  });

  test('a tampered packet fails at the next hop with invalid_onion_hmac, whichever byte changed', () => {
    const bytes = fromHex(vector.onion);
    for (const at of [40, 700, 1333, 1360]) {
      const tampered = Uint8Array.from(bytes);
      tampered[at]! ^= 1;
      expect(peelOnion(parseOnion(tampered), hopSecret(0), assoc, format)).toEqual({ ok: false, code: BADONION_HMAC });
    }
    // Another payment hash (associated data) fails too: a packet cannot be replayed on another HTLC.
    expect(peelOnion(parseOnion(bytes), hopSecret(0), fromHex('43'.repeat(32)), format)).toEqual({ ok: false, code: BADONION_HMAC });
    // A hop that is not the packet's next hop cannot read it.
    expect(peelOnion(parseOnion(bytes), hopSecret(1), assoc, format)).toEqual({ ok: false, code: BADONION_HMAC });
  });
});

describe('failure messages (onion-error-test.json)', () => {
  const secrets = sharedSecrets(session, BOLT4_HOP_KEYS.map(fromHex));
  test('hop 4 fails with temporary_node_failure: the packet the payer gets is the published one', () => {
    let packet = buildFailure(secrets[4]!, fromHex('2002'));
    for (let i = 3; i >= 0; i--) packet = obfuscateFailure(secrets[i]!, packet);
    expect(toHex(packet)).toBe(BOLT4_ERROR.packet);
  });
  test('the payer decodes the failing hop and its message', () => {
    expect(decodeFailure(secrets, fromHex(BOLT4_ERROR.packet))).toEqual({ hop: 4, message: fromHex('2002') });
  });
  test('every hop may fail; a corrupted packet decodes to nothing', () => {
    for (let failing = 0; failing < 5; failing++) {
      let packet = buildFailure(secrets[failing]!, fromHex('1007'));
      for (let i = failing - 1; i >= 0; i--) packet = obfuscateFailure(secrets[i]!, packet);
      expect(decodeFailure(secrets, packet)).toEqual({ hop: failing, message: fromHex('1007') });
      packet[100]! ^= 0x80;
      expect(decodeFailure(secrets, packet)).toBeUndefined();
    }
  });
});
