import { fail, ProtocolError } from './errors.js';

describe('fail', () => {
  it('gives the code at once and the ProtocolError, the same one, when asked', () => {
    const r = fail('insufficient-balance', 'pay: alice has 5 msat', 10, 5);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('insufficient-balance');
    const error = r.error;
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: 'insufficient-balance', message: 'pay: alice has 5 msat', expected: 10, actual: 5 });
    expect(r.error).toBe(error);
  });
});
