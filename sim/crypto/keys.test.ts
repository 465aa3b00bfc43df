import fc from 'fast-check';
import * as secp from '@noble/secp256k1';
import { concat, fromHex, sha256, toHex, utf8 } from './bytes.js';
import { keyPairFromSecret, keyPairFromSeed, lazyKeyPairFromSeed, publicKeysOf, type KeyPair } from './keys.js';

/** secp256k1 group order n (SEC 2 §2.4.1). */
const N = fromHex('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
const one = fromHex('00'.repeat(31) + '01');

describe('keyPairFromSecret', () => {
  it('secret 1 gives the generator G, compressed (SEC 2 §2.4.1)', () => {
    expect(keyPairFromSecret(one).id).toBe('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798');
  });

  it('returns a frozen pair that keeps its own copy of the secret', () => {
    const secret = sha256(utf8('x'));
    const kp = keyPairFromSecret(secret);
    expect(Object.isFrozen(kp)).toBe(true);
    expect(kp.publicKey).toHaveLength(33);
    expect(kp.id).toBe(toHex(kp.publicKey));
    secret[0] = secret[0]! ^ 1;
    expect(kp.secretKey).toEqual(keyPairFromSecret(sha256(utf8('x'))).secretKey);
  });

  it('re-hashes the (negligible) secrets that are not valid scalars: 0 and n', () => {
    const zero = new Uint8Array(32);
    expect(keyPairFromSecret(zero).id).toBe(keyPairFromSecret(sha256(zero)).id);
    expect(keyPairFromSecret(N).id).toBe(keyPairFromSecret(sha256(N)).id);
    const nMinus1 = Uint8Array.from(N);
    nMinus1[31] = 0x40;
    expect(keyPairFromSecret(nMinus1).secretKey).toEqual(nMinus1);
  });

  it('refuses anything but 32 bytes', () => {
    expect(() => keyPairFromSecret(new Uint8Array(31))).toThrow(RangeError);
    expect(() => keyPairFromSecret('00' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('keyPairFromSeed', () => {
  it('is sha256("pcnsim/key/" ‖ seed), strings as UTF-8, pinned across versions', () => {
    const alice = keyPairFromSeed('alice');
    expect(alice.secretKey).toEqual(sha256(concat(utf8('pcnsim/key/'), utf8('alice'))));
    expect(keyPairFromSeed(utf8('alice')).id).toBe(alice.id);
    expect(alice.id).toBe(ALICE_ID);
  });

  it('is deterministic and separates seeds (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ka = keyPairFromSeed(a);
        return ka.id === keyPairFromSeed(a).id && (a === b) === (ka.id === keyPairFromSeed(b).id) && toHex(secp.getPublicKey(ka.secretKey)) === ka.id;
      }),
      { seed: 2, numRuns: 60 },
    );
  });

  it('refuses other seed types and lone surrogates', () => {
    expect(() => keyPairFromSeed(7 as unknown as string)).toThrow(TypeError);
    expect(() => keyPairFromSeed('\uDC00')).toThrow(RangeError);
  });
});

const ALICE_ID = '0372417578df8566286d9f2909b14f87045191eed7efc5ca0df06cc992e7929584';

describe('lazy key pairs', () => {
  it('give exactly the fields of keyPairFromSeed', () => {
    const lazy = lazyKeyPairFromSeed('pcnsim/1/alice/funding');
    const eager = keyPairFromSeed('pcnsim/1/alice/funding');
    expect(lazy.id).toBe(eager.id);
    expect(toHex(lazy.publicKey)).toBe(toHex(eager.publicKey));
    expect(toHex(lazy.secretKey)).toBe(toHex(eager.secretKey));
    expect(Object.isFrozen(lazy)).toBe(true);
  });

  it('publicKeysOf reads a party key only when that side is read', () => {
    const reads: string[] = [];
    const pair = (name: string): KeyPair => ({
      get publicKey() {
        reads.push(name);
        return Uint8Array.of(name.length);
      },
      secretKey: new Uint8Array(32),
      id: name,
    });
    const keys = publicKeysOf(pair('alice'), pair('bob'));
    expect(reads).toEqual([]);
    expect(keys[1]).toEqual(Uint8Array.of(3));
    expect(reads).toEqual(['bob']);
    expect([...keys]).toEqual([Uint8Array.of(5), Uint8Array.of(3)]);
  });
});
