/**
 * The adjudicator's rules with the numbers of scenarios/README.md "Generalized state channel":
 * deposits 50,000 sat each, stake 10,000 sat, challenge 3,600 s; Alice commits to 1, Bob guesses 0.
 */
import { keyPairFromSeed } from '../crypto/index.js';
import type { Outcome } from '../errors.js';
import { applyMove, commitmentOf, initialBet, type BetState } from './bet.js';
import { appHeldMsat, checkAppChannel, newAppChannel, stepApp, type AppChannel, type AppInput } from './adjudicator.js';
import { coSign } from './signed.js';

const keys = [keyPairFromSeed('test:alice'), keyPairFromSeed('test:bob')] as const;
const SAT = 1000;
const stake = 10_000 * SAT;
const terms = { id: 'bet', nodes: ['alice', 'bob'] as const, publicKeys: [keys[0].publicKey, keys[1].publicKey] as const, deposits: [50_000 * SAT, 50_000 * SAT] as const, stake, challengeSeconds: 3600 };

const must = <T>(o: Outcome<T>): T => {
  if (!o.ok) throw o.error;
  return o.value;
};
/** Versions 0..3 of the bet, as both parties hold them. */
const v: BetState[] = [initialBet(terms.deposits)];
v.push(must(applyMove(v[0]!, { kind: 'commit', commitment: commitmentOf('s', 1) }, 0, stake)));
v.push(must(applyMove(v[1]!, { kind: 'guess', guess: 0 }, 1, stake)));
v.push(must(applyMove(v[2]!, { kind: 'reveal', salt: 's', choice: 1 }, 0, stake)));
const signed = v.map((state, i) => coSign('bet', i, state, keys));

function run(inputs: readonly [AppInput, string, number, number?][]): { state: AppChannel; paid: number[] } {
  let state = newAppChannel(terms);
  const paid = [0, 0];
  for (const [input, caller, timestamp, valueInMsat = 0] of inputs) {
    const next = must(stepApp(state, input, { caller, timestamp: timestamp as never, valueInMsat: valueInMsat as never }));
    for (const p of next.payouts) paid[p.side] = paid[p.side]! + p.amountMsat;
    checkAppChannel(next.state);
    // Nothing lost, nothing invented: held + paid = deposits once funded.
    if (next.state.phase !== 'Funding') expect(appHeldMsat(next.state) + paid[0]! + paid[1]!).toBe(100_000 * SAT);
    state = next.state;
  }
  return { state, paid };
}
const funded: [AppInput, string, number, number][] = [
  [{ kind: 'fund' }, 'alice', 100, 50_000 * SAT],
  [{ kind: 'fund' }, 'bob', 100, 50_000 * SAT],
];
const fail = (state: AppChannel, input: AppInput, caller: string, timestamp: number): string | undefined => {
  const r = stepApp(state, input, { caller, timestamp: timestamp as never, valueInMsat: 0 as never });
  return r.ok ? undefined : r.error.code;
};

describe('the bet (pure application rules)', () => {
  it('commit moves 10,000 sat from each side into the pot; reveal gives the 20,000 sat pot to the chooser when the guess is wrong', () => {
    expect(v[1]).toMatchObject({ stage: 'Guess', balances: [40_000_000, 40_000_000], pot: 20_000_000 });
    expect(v[3]).toMatchObject({ stage: 'Done', balances: [60_000_000, 40_000_000], pot: 0, winner: 0 });
    const right = must(applyMove(must(applyMove(v[1]!, { kind: 'guess', guess: 1 }, 1, stake)), { kind: 'reveal', salt: 's', choice: 1 }, 0, stake));
    expect(right).toMatchObject({ balances: [40_000_000, 60_000_000], winner: 1 });
  });

  it('refuses a move out of turn, a false opening and a stake neither side can cover', () => {
    const code = (o: Outcome<unknown>) => (o.ok ? 'ok' : o.error.code);
    expect(code(applyMove(v[1]!, { kind: 'guess', guess: 0 }, 0, stake))).toBe('not-your-turn');
    expect(code(applyMove(v[2]!, { kind: 'reveal', salt: 's', choice: 0 }, 0, stake))).toBe('wrong-opening');
    expect(code(applyMove(v[0]!, { kind: 'commit', commitment: commitmentOf('s', 1) }, 0, 60_000 * SAT))).toBe('stake-too-large');
  });
});

describe('adjudicator', () => {
  it('cooperative close: a co-signed final version pays 60,000 / 40,000 sat at once', () => {
    const { state, paid } = run([...funded, [{ kind: 'conclude', signed: signed[3]! }, 'alice', 200]]);
    expect(state.phase).toBe('Closed');
    expect(paid).toEqual([60_000_000, 40_000_000]);
  });

  it('the newest version wins: Bob disputes with version 0, Alice answers with version 3 within the hour, finalize pays version 3', () => {
    const { state, paid } = run([
      ...funded,
      [{ kind: 'dispute', signed: signed[0]! }, 'bob', 1000],
      [{ kind: 'dispute', signed: signed[3]! }, 'alice', 4599],
      [{ kind: 'finalize' }, 'alice', 4599 + 3600],
    ]);
    expect(state).toMatchObject({ phase: 'Closed', final: { version: 3 } });
    expect(paid).toEqual([60_000_000, 40_000_000]);
  });

  it('unilateral moves on chain: from version 1 Bob guesses and Alice reveals on chain (versions 2, 3), each restarting the challenge period', () => {
    const { state } = run([...funded, [{ kind: 'dispute', signed: signed[1]! }, 'alice', 1000], [{ kind: 'move', move: { kind: 'guess', guess: 0 } }, 'bob', 2000]]);
    expect(state).toMatchObject({ phase: 'Disputed', best: { version: 2 }, deadline: 5600 });
    const { paid } = run([
      ...funded,
      [{ kind: 'dispute', signed: signed[1]! }, 'alice', 1000],
      [{ kind: 'move', move: { kind: 'guess', guess: 0 } }, 'bob', 2000],
      [{ kind: 'move', move: { kind: 'reveal', salt: 's', choice: 1 } }, 'alice', 3000],
      [{ kind: 'finalize' }, 'bob', 6600],
    ]);
    expect(paid).toEqual([60_000_000, 40_000_000]);
  });

  it('a chooser who never reveals forfeits: version 2 finalized pays the pot to Bob (40,000 / 60,000 sat)', () => {
    const { paid } = run([...funded, [{ kind: 'dispute', signed: signed[2]! }, 'bob', 1000], [{ kind: 'finalize' }, 'carol', 4600]]);
    expect(paid).toEqual([40_000_000, 60_000_000]);
  });

  it('refuses what a cheater or a latecomer would try', () => {
    const open = run(funded).state;
    const disputed = run([...funded, [{ kind: 'dispute', signed: signed[2]! }, 'bob', 1000]]).state;
    const oneSig = { ...signed[3]!, signatures: [signed[3]!.signatures[0], signed[3]!.signatures[0]] as const };
    const inflated = coSign('bet', 4, { ...v[3]!, balances: [70_000_000, 40_000_000] }, keys);
    expect(fail(open, { kind: 'conclude', signed: oneSig }, 'alice', 200)).toBe('bad-signature');
    expect(fail(open, { kind: 'conclude', signed: signed[2]! }, 'alice', 200)).toBe('not-final');
    expect(fail(open, { kind: 'dispute', signed: inflated }, 'alice', 200)).toBe('not-conserved');
    expect(fail(open, { kind: 'dispute', signed: coSign('other', 3, v[3]!, keys) }, 'alice', 200)).toBe('wrong-channel');
    expect(fail(open, { kind: 'dispute', signed: signed[1]! }, 'carol', 200)).toBe('not-a-party');
    expect(fail(disputed, { kind: 'dispute', signed: signed[1]! }, 'alice', 2000)).toBe('not-newer');
    expect(fail(disputed, { kind: 'dispute', signed: signed[3]! }, 'alice', 4600)).toBe('challenge-over');
    expect(fail(disputed, { kind: 'move', move: { kind: 'reveal', salt: 's', choice: 1 } }, 'bob', 2000)).toBe('not-your-turn');
    expect(fail(disputed, { kind: 'move', move: { kind: 'reveal', salt: 's', choice: 1 } }, 'alice', 4600)).toBe('challenge-over');
    expect(fail(disputed, { kind: 'finalize' }, 'bob', 4599)).toBe('too-early');
    expect(fail(open, { kind: 'fund' }, 'alice', 200)).toBe('wrong-phase');
    expect(fail(newAppChannel(terms), { kind: 'fund' }, 'alice', 100)).toBe('wrong-amount');
    expect(fail(run([funded[0]!]).state, { kind: 'fund' }, 'alice', 100)).toBe('already-funded');
  });
});
