/** The swap lock's pure transitions: each path, each refusal, and conservation of its books. */
import { hashLock, preimageFromSeed } from '../crypto/index.js';
import type { Msat, UnixSeconds } from '../units.js';
import { lockHeldMsat, newLock, stepLock, type SwapLock } from './contract.js';

const x = preimageFromSeed('swap-test');
const terms = { id: 's:tx1', funder: 'alice', recipient: 'bob', amountMsat: 100_000 as Msat, hashLock: hashLock(x), refundAt: 1000 as UnixSeconds };
const at = (caller: string, timestamp = 0, valueInMsat = 0) => ({ caller, timestamp: timestamp as UnixSeconds, valueInMsat: valueInMsat as Msat });
const fee = 1000 as Msat;

function locked(): SwapLock {
  const r = stepLock(newLock(terms), { kind: 'lock' }, at('alice', 0, 100_000));
  if (!r.ok) throw r.error;
  return r.value.state;
}

describe('swap lock (TX1/TX3)', () => {
  it('locks only the exact amount, by the funder, once', () => {
    const fresh = newLock(terms);
    expect(stepLock(fresh, { kind: 'lock' }, at('alice', 0, 99_999))).toMatchObject({ ok: false, error: { code: 'wrong-amount' } });
    expect(stepLock(fresh, { kind: 'lock' }, at('bob', 0, 100_000))).toMatchObject({ ok: false, error: { code: 'not-funder' } });
    expect(lockHeldMsat(locked())).toBe(100_000);
    expect(stepLock(locked(), { kind: 'lock' }, at('alice', 0, 100_000))).toMatchObject({ ok: false, error: { code: 'wrong-phase' } });
  });

  it('pays the recipient who shows x, fee out of the coins, and publishes x', () => {
    const r = stepLock(locked(), { kind: 'claim', preimage: x, feeMsat: fee }, at('bob', 5000));
    expect(r).toMatchObject({ ok: true, value: { payouts: [{ side: 1, amountMsat: 99_000 }], feeMsat: 1000, state: { phase: 'Claimed' } } });
    if (r.ok) expect(lockHeldMsat(r.value.state)).toBe(0);
    expect(stepLock(locked(), { kind: 'claim', preimage: preimageFromSeed('other'), feeMsat: fee }, at('bob'))).toMatchObject({ ok: false, error: { code: 'wrong-preimage' } });
    expect(stepLock(locked(), { kind: 'claim', preimage: x, feeMsat: fee }, at('alice'))).toMatchObject({ ok: false, error: { code: 'not-recipient' } });
    expect(stepLock(locked(), { kind: 'claim', preimage: x, feeMsat: 100_001 as Msat }, at('bob'))).toMatchObject({ ok: false, error: { code: 'bad-fee' } });
  });

  it('refunds the funder only from refundAt, and never after a claim', () => {
    expect(stepLock(locked(), { kind: 'refund', feeMsat: fee }, at('alice', 999))).toMatchObject({ ok: false, error: { code: 'too-early' } });
    expect(stepLock(locked(), { kind: 'refund', feeMsat: fee }, at('alice', 1000))).toMatchObject({ ok: true, value: { payouts: [{ side: 0, amountMsat: 99_000 }] } });
    const claimed = stepLock(locked(), { kind: 'claim', preimage: x, feeMsat: fee }, at('bob', 2000));
    if (!claimed.ok) throw claimed.error;
    expect(stepLock(claimed.value.state, { kind: 'refund', feeMsat: fee }, at('alice', 2000))).toMatchObject({ ok: false, error: { code: 'wrong-phase' } });
  });

  it('after refundAt both paths are open: the first to confirm wins (a claim still works)', () => {
    expect(stepLock(locked(), { kind: 'claim', preimage: x, feeMsat: fee }, at('bob', 10_000))).toMatchObject({ ok: true });
  });
});
