import fc from 'fast-check';
import {
  MAX_INDEX,
  ShachainStore,
  encodePayload,
  fromHex,
  hashLock,
  keyPairFromSeed,
  opens,
  preimageFromSeed,
  revealedLock,
  revocationLock,
  revocationSecret,
  shachainSecret,
  sign,
  toHex,
  verify,
} from './index.js';

describe('BOLT #3 per-commitment secret generation (test vectors)', () => {
  const zeros = fromHex('00'.repeat(32));
  const ones = fromHex('ff'.repeat(32));
  it.each([
    ['generate_from_seed 0 final node', zeros, MAX_INDEX, '02a40c85b6f28da08dfdbe0926c53fab2de6d28c10301f8f7c4073d5e42e3148'],
    ['generate_from_seed FF final node', ones, MAX_INDEX, '7cc854b54e3e0dcdb010d7a3fee464a9687be6e8db3be6854c475621e007a5dc'],
    ['generate_from_seed FF alternate bits 1', ones, 0xaaaaaaaaaaa, '56f4008fb007ca9acf0e15b054d5c9fd12ee06cea347914ddbaed70d1c13a528'],
    ['generate_from_seed FF alternate bits 2', ones, 0x555555555555, '9015daaeb06dba4ccc05b91b2f73bd54405f2be9f217fbacd3c5ac2e62327d31'],
    ['generate_from_seed 01 last nontrivial node', fromHex('01'.repeat(32)), 1, '915c75942a26bb3a433a8ce2cb0427c29ec6c1775cfc78328b57f6ba7bfeaa9c'],
  ])('%s', (_, seed, index, expected) => {
    expect(toHex(shachainSecret(seed, index))).toBe(expected);
  });
});

describe('ShachainStore', () => {
  const seed = fromHex('12'.repeat(32));

  it('keeps at most 49 secrets and derives every earlier one', () => {
    const store = new ShachainStore();
    const n = 3000;
    for (let i = 0; i < n; i++) {
      expect(store.insert(MAX_INDEX - i, shachainSecret(seed, MAX_INDEX - i))).toBe(true);
      expect(store.size).toBeLessThanOrEqual(49);
    }
    for (const i of [0, 1, 2, 1234, n - 1]) expect(store.derive(MAX_INDEX - i)).toEqual(shachainSecret(seed, MAX_INDEX - i));
    expect(store.derive(MAX_INDEX - n)).toBeUndefined();
  });

  it('rejects a secret inconsistent with those already stored', () => {
    const store = new ShachainStore();
    expect(store.insert(MAX_INDEX, shachainSecret(seed, MAX_INDEX))).toBe(true);
    const wrong = shachainSecret(fromHex('34'.repeat(32)), MAX_INDEX - 1);
    expect(store.insert(MAX_INDEX - 1, wrong)).toBe(false);
    expect(store.derive(MAX_INDEX - 1)).toBeUndefined();
  });

  it('rebuilds the revocation key of a revealed sequence', () => {
    const store = new ShachainStore();
    for (let s = 1; s <= 20; s++) store.insert(MAX_INDEX - s, revocationSecret(seed, s));
    expect(revealedLock(store, 7)?.id).toBe(revocationLock(seed, 7).id);
    expect(revealedLock(store, 21)).toBeUndefined();
  });
});

describe('signatures', () => {
  const alice = keyPairFromSeed('alice');
  const bob = keyPairFromSeed('bob');
  const payload = encodePayload('pcnsim/rsmc', ['alice-bob', 2, [90_000, 110_000]]);

  it('verify a round trip and are deterministic (RFC 6979)', () => {
    const sig = sign(alice.secretKey, payload);
    expect(sig).toHaveLength(64);
    expect(verify(sig, payload, alice.publicKey)).toBe(true);
    expect(toHex(sign(alice.secretKey, payload))).toBe(toHex(sig));
  });

  it('fail for another key, another field, another tag, or garbage', () => {
    const sig = sign(alice.secretKey, payload);
    expect(verify(sig, payload, bob.publicKey)).toBe(false);
    expect(verify(sig, encodePayload('pcnsim/rsmc', ['alice-bob', 2, [110_000, 90_000]]), alice.publicKey)).toBe(false);
    expect(verify(sig, encodePayload('pcnsim/revocation', ['alice-bob', 2, [90_000, 110_000]]), alice.publicKey)).toBe(false);
    expect(verify(new Uint8Array(64), payload, alice.publicKey)).toBe(false);
    expect(verify(sig, payload, new Uint8Array(33))).toBe(false);
  });

  it('encode field lists unambiguously', () => {
    expect(toHex(encodePayload('t', ['ab', 'c']))).not.toBe(toHex(encodePayload('t', ['a', 'bc'])));
    expect(toHex(encodePayload('t', [1, [2]]))).not.toBe(toHex(encodePayload('t', [[1, 2]])));
    expect(() => encodePayload('t', [-1])).toThrow(RangeError);
  });

  it('reject any single-byte change of a random payload (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), (bytes, at) => {
        const p = encodePayload('pcnsim/test', [bytes]);
        const sig = sign(alice.secretKey, p);
        const tampered = Uint8Array.from(p);
        const i = at % tampered.length;
        tampered[i] = tampered[i]! ^ 1;
        return verify(sig, p, alice.publicKey) && !verify(sig, tampered, alice.publicKey);
      }),
      { seed: 7, numRuns: 50 },
    );
  });
});

describe('hash locks', () => {
  it('open with the preimage only', () => {
    const r = preimageFromSeed('payment-1');
    const h = hashLock(r);
    expect(opens(h, r)).toBe(true);
    expect(opens(h, preimageFromSeed('payment-2'))).toBe(false);
    expect(opens(h, new Uint8Array(31))).toBe(false);
  });
});
