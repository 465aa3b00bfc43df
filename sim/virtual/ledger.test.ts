/**
 * The extended ledger contract's rules, α = (Alice 100,000, Bob 100,000) sat with γ's lock
 * (Alice 50,000, Bob 50,000 for Carol) valid until timestamp 10,000, challenge 3,600 s.
 */
import { keyPairFromSeed } from '../crypto/index.js';
import type { Outcome } from '../errors.js';
import { checkLedger, ledgerHeldMsat, newLedger, stepLedger, type LedgerChannel, type LedgerInput } from './ledger.js';
import { signLedger, signVirtual } from './states.js';

const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((n) => keyPairFromSeed(`ledger-test:${n}`)) as [ReturnType<typeof keyPairFromSeed>, ReturnType<typeof keyPairFromSeed>, ReturnType<typeof keyPairFromSeed>];
const K = 1_000_000; // 1,000 sat in msat
const terms = { id: 'alpha', nodes: ['alice', 'bob'] as const, publicKeys: [alice.publicKey, bob.publicKey] as const, deposits: [100 * K, 100 * K] as const, challengeSeconds: 3600 };
const lock = { virtualId: 'gamma', deposits: [50 * K, 50 * K] as const, validUntil: 10_000, endKeys: [alice.publicKey, carol.publicKey] as const };
const v1 = signLedger({ ledgerId: 'alpha', version: 1, balances: [50 * K, 50 * K], lock }, [alice, bob]);
const gammaOpen = signVirtual('gamma', 0, [50 * K, 50 * K], [alice, carol]);
const gammaFinal = signVirtual('gamma', 30, [20 * K, 80 * K], [alice, carol]);

function apply(state: LedgerChannel, input: LedgerInput, caller: string, timestamp: number, valueInMsat = 0): Outcome<{ state: LedgerChannel; payouts: readonly { side: 0 | 1; amountMsat: number }[] }> {
  const r = stepLedger(state, input, { caller, timestamp: timestamp as never, valueInMsat: valueInMsat as never });
  if (r.ok) checkLedger(r.value.state);
  return r;
}
const must = <T>(o: Outcome<T>): T => {
  if (!o.ok) throw o.error;
  return o.value;
};
const code = (o: Outcome<unknown>) => (o.ok ? 'ok' : o.error.code);

const open = [['alice', 100 * K], ['bob', 100 * K]].reduce((s, [who, v]) => must(apply(s, { kind: 'fund' }, who as string, 0, v as number)).state, newLedger(terms));
const registered = must(apply(open, { kind: 'register', signed: v1 }, 'bob', 9_000)).state;

describe('ledger channel with a virtual lock', () => {
  it('a registered lock waits for γ to end: deadline = max(now, validUntil) + challenge', () => {
    expect(registered).toMatchObject({ phase: 'Registered', deadline: 13_600 });
    expect(ledgerHeldMsat(registered)).toBe(200 * K);
    expect(code(apply(registered, { kind: 'finalize' }, 'bob', 13_599))).toBe('too-early');
  });

  it('with no γ version shown the lock pays the opening split; γ version 30 pays Alice 20,000 and Bob 80,000 on top of 50,000 each', () => {
    expect(must(apply(registered, { kind: 'finalize' }, 'bob', 13_600)).payouts).toEqual([{ side: 0, amountMsat: 100 * K }, { side: 1, amountMsat: 100 * K }]);
    const shown = must(apply(registered, { kind: 'registerVirtual', signed: gammaFinal }, 'alice', 12_000)).state;
    expect(shown).toMatchObject({ deadline: 15_600 });
    expect(must(apply(shown, { kind: 'finalize' }, 'carol', 15_600)).payouts).toEqual([{ side: 0, amountMsat: 70 * K }, { side: 1, amountMsat: 130 * K }]);
  });

  it('refuses an older γ, a γ signed by Bob instead of Carol, a γ that does not add up, a locked conclude and a late showing', () => {
    const shown = must(apply(registered, { kind: 'registerVirtual', signed: gammaFinal }, 'alice', 12_000)).state;
    expect(code(apply(shown, { kind: 'registerVirtual', signed: gammaOpen }, 'bob', 12_500))).toBe('not-newer');
    expect(code(apply(registered, { kind: 'registerVirtual', signed: signVirtual('gamma', 31, [0, 100 * K], [alice, bob]) }, 'bob', 12_000))).toBe('bad-signature');
    expect(code(apply(registered, { kind: 'registerVirtual', signed: signVirtual('gamma', 31, [0, 90 * K], [alice, carol]) }, 'bob', 12_000))).toBe('not-conserved');
    expect(code(apply(registered, { kind: 'registerVirtual', signed: gammaFinal }, 'alice', 13_600))).toBe('challenge-over');
    expect(code(apply(open, { kind: 'conclude', signed: v1 }, 'alice', 100))).toBe('virtual-locked');
    expect(code(apply(open, { kind: 'register', signed: signLedger({ ...v1, version: 2, balances: [60 * K, 50 * K] }, [alice, bob]) }, 'alice', 100))).toBe('not-conserved');
  });

  it('a newer ledger version without the lock (γ settled off chain) outranks the locked one', () => {
    const v2 = signLedger({ ledgerId: 'alpha', version: 2, balances: [70 * K, 130 * K] }, [alice, bob]);
    const replaced = must(apply(registered, { kind: 'register', signed: v2 }, 'alice', 9_500)).state;
    expect(replaced).toMatchObject({ deadline: 13_100 });
    expect(must(apply(replaced, { kind: 'finalize' }, 'alice', 13_100)).payouts).toEqual([{ side: 0, amountMsat: 70 * K }, { side: 1, amountMsat: 130 * K }]);
  });
});
