import fc from 'fast-check';
import { fromHex, toHex, utf8 } from './bytes.js';
import { keyPairFromSeed } from './keys.js';
import { encodePayload, sign, verify, type PayloadField } from './sign.js';

const alice = keyPairFromSeed('alice');
const bob = keyPairFromSeed('bob');
const lock = keyPairFromSeed('lock').publicKey;
const fields: readonly PayloadField[] = ['alice-bob', 2, [90_000, 110_000], lock];
const payload = encodePayload('pcnsim/rsmc', fields);

/** A left inverse of encodePayload: its existence proves that the encoding is unambiguous. */
function decodePayload(bytes: Uint8Array): { tag: string; fields: PayloadField[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u64 = (): number => {
    const n = view.getUint32(at) * 2 ** 32 + view.getUint32(at + 4);
    at += 8;
    return n;
  };
  const item = (): PayloadField => {
    const type = bytes[at++];
    if (type === 2) return u64();
    const n = u64();
    if (type === 4) return Array.from({ length: n }, () => item() as string | number);
    const body = bytes.slice(at, (at += n));
    if (type === 1) return new TextDecoder('utf-8', { fatal: true }).decode(body);
    if (type === 3) return body;
    throw new Error(`bad type ${type}`);
  };
  const tag = item() as string;
  const out: PayloadField[] = [];
  while (at < bytes.length) out.push(item());
  return { tag, fields: out };
}

describe('encodePayload', () => {
  it('writes the documented bytes (pinned)', () => {
    const bytes = encodePayload('pcnsim/rsmc', ['ab', 2, [1, 'x'], Uint8Array.of(0xff)]);
    expect(toHex(bytes)).toBe(
      ['01000000000000000b' + toHex(utf8('pcnsim/rsmc')), '010000000000000002' + '6162', '020000000000000002', '040000000000000002' + '020000000000000001' + '01000000000000000178', '030000000000000001ff'].join(''),
    );
  });

  it('writes numbers as 8-byte big-endian up to 2^53 − 1', () => {
    expect(toHex(encodePayload('t', [2 ** 32, Number.MAX_SAFE_INTEGER])).slice(-36)).toBe('020000000100000000' + '02001fffffffffffff');
  });

  it('is unambiguous: a decoder recovers tag and fields (property)', () => {
    const scalar = fc.oneof(fc.string(), fc.string({ unit: 'binary' }).filter((s) => !/\p{Cs}/u.test(s)), fc.maxSafeNat());
    const field = fc.oneof(scalar, fc.uint8Array({ maxLength: 40 }), fc.array(scalar, { maxLength: 5 }));
    fc.assert(
      fc.property(fc.constantFrom('pcnsim/rsmc', 'pcnsim/revocation', 't'), fc.array(field, { maxLength: 6 }), (tag, fs) => {
        expect(decodePayload(encodePayload(tag, fs))).toEqual({ tag, fields: fs });
      }),
      { seed: 3, numRuns: 300 },
    );
    expect(toHex(encodePayload('t', ['ab', 'c']))).not.toBe(toHex(encodePayload('t', ['a', 'bc'])));
    expect(toHex(encodePayload('t', [1, [2]]))).not.toBe(toHex(encodePayload('t', [[1, 2]])));
    expect(toHex(encodePayload('t', ['1']))).not.toBe(toHex(encodePayload('t', [1])));
    expect(toHex(encodePayload('t', [utf8('a')]))).not.toBe(toHex(encodePayload('t', ['a'])));
  });

  it.each([-1, 1.5, Number.NaN, Infinity, 2 ** 53])('refuses the number %p (RangeError)', (n) => {
    expect(() => encodePayload('t', [n])).toThrow(RangeError);
    expect(() => encodePayload('t', [[n]])).toThrow(RangeError);
  });

  it.each([
    ['a boolean', [true]],
    ['null', [null]],
    ['a bigint', [1n]],
    ['a nested list', [[[1]]]],
    ['bytes inside a list', [[Uint8Array.of(1)]]],
    ['an object', [{}]],
  ])('refuses %s (TypeError)', (_, bad) => {
    expect(() => encodePayload('t', bad as unknown as PayloadField[])).toThrow(TypeError);
  });

  it('refuses empty or non-ASCII tags and lone surrogates', () => {
    expect(() => encodePayload('', [])).toThrow(TypeError);
    expect(() => encodePayload('pcnsim rsmc', [])).toThrow(TypeError);
    expect(() => encodePayload(5 as unknown as string, [])).toThrow(TypeError);
    expect(() => encodePayload('t', 'ab' as unknown as PayloadField[])).toThrow(TypeError);
    expect(() => encodePayload('t', ['\uD83D'])).toThrow(RangeError);
  });
});

describe('sign and verify', () => {
  it('match the RFC 6979 secp256k1 vectors (key 1, SHA-256 of the message, low-S)', () => {
    const key1 = fromHex('00'.repeat(31) + '01');
    expect(toHex(sign(key1, utf8('Satoshi Nakamoto')))).toBe(
      '934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8' + '2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5',
    );
    expect(toHex(sign(key1, utf8('Everything should be made as simple as possible, but not simpler.')))).toBe(
      '33a69cd2065432a30f3d1ce4eb0d59b8ab58c74f27c41a7fdb5696ad4e6108c9' + '6f807982866f785d3f6418d24163ddae117b7db4d5fdf0071de069fa54342262',
    );
  });

  it('round-trip, and are deterministic: same key and payload ⇒ same 64 bytes', () => {
    const sig = sign(alice.secretKey, payload);
    expect(sig).toHaveLength(64);
    expect(verify(sig, payload, alice.publicKey)).toBe(true);
    expect(toHex(sign(alice.secretKey, Uint8Array.from(payload)))).toBe(toHex(sig));
    expect(sign(alice.secretKey, payload)).not.toBe(sig); // a fresh array each time
  });

  it('fail for another key or another tag', () => {
    const sig = sign(alice.secretKey, payload);
    expect(verify(sig, payload, bob.publicKey)).toBe(false);
    expect(verify(sign(bob.secretKey, payload), payload, alice.publicKey)).toBe(false);
    expect(verify(sig, encodePayload('pcnsim/revocation', fields), alice.publicKey)).toBe(false);
  });

  it.each([
    ['the contract id', 0, 'alice-carol'],
    ['the sequence', 1, 3],
    ['the amounts', 2, [110_000, 90_000]],
    ['the revocation lock', 3, keyPairFromSeed('other lock').publicKey],
  ])('fail when %s is tampered with', (_, i, value) => {
    const sig = sign(alice.secretKey, payload);
    const tampered = fields.map((f, j) => (j === i ? value : f)) as PayloadField[];
    expect(verify(sig, encodePayload('pcnsim/rsmc', tampered), alice.publicKey)).toBe(false);
  });

  it('reject the high-S twin of a valid signature (no malleability)', () => {
    const sig = sign(alice.secretKey, payload);
    const n = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
    const highS = (n - BigInt('0x' + toHex(sig.slice(32)))).toString(16).padStart(64, '0');
    expect(verify(fromHex(toHex(sig.slice(0, 32)) + highS), payload, alice.publicKey)).toBe(false);
  });

  it('verify never throws: garbage is just invalid (property)', () => {
    const sig = sign(alice.secretKey, payload);
    expect(verify(new Uint8Array(64), payload, alice.publicKey)).toBe(false);
    expect(verify(sig, payload, new Uint8Array(33))).toBe(false);
    expect(verify(sig.slice(0, 63), payload, alice.publicKey)).toBe(false);
    const junk = fc.oneof(fc.anything(), fc.uint8Array({ maxLength: 70 }), fc.constant(sig), fc.constant(payload), fc.constant(alice.publicKey));
    fc.assert(
      fc.property(junk, junk, junk, (s, p, k) => {
        const valid = s === sig && p === payload && k === alice.publicKey;
        return verify(s as Uint8Array, p as Uint8Array, k as Uint8Array) === valid;
      }),
      { seed: 4, numRuns: 300 },
    );
  });

  it('sign refuses a malformed key or payload', () => {
    expect(() => sign(new Uint8Array(31), payload)).toThrow(RangeError);
    expect(() => sign(alice.secretKey, 'payload' as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('random payloads: verify accepts the signed bytes and rejects any one-bit change or another key (property)', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.maxSafeNat());
    const field = fc.oneof(scalar, fc.uint8Array({ maxLength: 33 }), fc.array(scalar, { maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 5 }), fc.nat(), (fs, at) => {
        const p = encodePayload('pcnsim/test', fs);
        const sig = sign(alice.secretKey, p);
        const tampered = Uint8Array.from(p);
        const i = at % tampered.length;
        tampered[i] = tampered[i]! ^ (1 << (at % 8));
        return verify(sig, p, alice.publicKey) && !verify(sig, tampered, alice.publicKey) && !verify(sig, p, bob.publicKey);
      }),
      { seed: 5, numRuns: 60 },
    );
  });
});
