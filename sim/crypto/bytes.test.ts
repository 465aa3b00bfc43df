import fc from 'fast-check';
import { concat, equalBytes, fromHex, sha256, toHex, utf8 } from './bytes.js';

describe('bytes', () => {
  it('sha256 matches FIPS 180-2 Appendix B.1 ("abc")', () => {
    expect(toHex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hex round-trips any bytes, reads either case, writes lowercase (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => equalBytes(fromHex(toHex(b)), b) && toHex(b) === toHex(b).toLowerCase()), { seed: 1 });
    expect(fromHex('ABcd')).toEqual(Uint8Array.of(0xab, 0xcd));
  });

  it.each(['abc', 'zz', '0x00', ' 00'])('fromHex refuses %p (RangeError)', (hex) => {
    expect(() => fromHex(hex)).toThrow(RangeError);
  });

  it('refuses non-bytes and non-strings (TypeError)', () => {
    expect(() => fromHex(12 as unknown as string)).toThrow(TypeError);
    expect(() => toHex([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => sha256('abc' as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('utf8 refuses lone surrogates (two strings must never share bytes)', () => {
    expect(() => utf8('\uD800')).toThrow(RangeError);
    expect(toHex(utf8('€😀'))).toBe('e282acf09f9880');
  });

  it('concat joins in order into a fresh array', () => {
    const a = Uint8Array.of(1);
    const joined = concat(a, Uint8Array.of(2, 3));
    a[0] = 9;
    expect(joined).toEqual(Uint8Array.of(1, 2, 3));
  });
});
