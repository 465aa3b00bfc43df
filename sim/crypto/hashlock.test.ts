import fc from 'fast-check';
import { sha256, toHex, utf8 } from './bytes.js';
import { hashLock, opens, preimageFromSeed } from './hashlock.js';

describe('hash locks', () => {
  it('H = SHA-256(R), lowercase hex', () => {
    expect(hashLock(new Uint8Array(32))).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
  });

  it('preimageFromSeed is deterministic: sha256("pcnsim/preimage/" ‖ seed)', () => {
    expect(preimageFromSeed('payment-1')).toEqual(sha256(utf8('pcnsim/preimage/payment-1')));
    expect(toHex(preimageFromSeed('payment-1'))).toBe(toHex(preimageFromSeed('payment-1')));
    expect(toHex(preimageFromSeed('payment-1'))).not.toBe(toHex(preimageFromSeed('payment-2')));
  });

  it('open with their preimage only', () => {
    const r = preimageFromSeed('payment-1');
    const h = hashLock(r);
    expect(opens(h, r)).toBe(true);
    expect(opens(h, preimageFromSeed('payment-2'))).toBe(false);
    expect(opens(h, r.slice(0, 31))).toBe(false);
    expect(opens(h, sha256(r))).toBe(false); // H itself is not R
    expect(opens(h.toUpperCase(), r)).toBe(false); // locks are named by lowercase hex
    expect(opens(undefined as unknown as string, r)).toBe(false);
    expect(opens(h, toHex(r) as unknown as Uint8Array)).toBe(false);
  });

  it('a one-bit change of R never opens H (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat({ max: 255 }), (r, bit) => {
        const other = Uint8Array.from(r);
        other[bit >> 3] = other[bit >> 3]! ^ (1 << (bit & 7));
        return opens(hashLock(r), r) && !opens(hashLock(r), other);
      }),
      { seed: 6 },
    );
  });

  it('refuses preimages that are not 32 bytes, and non-string seeds', () => {
    expect(() => hashLock(new Uint8Array(31))).toThrow(RangeError);
    expect(() => hashLock('r' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => preimageFromSeed(1 as unknown as string)).toThrow(TypeError);
  });
});
