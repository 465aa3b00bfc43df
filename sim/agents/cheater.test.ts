import { parseScenario, runScenario } from '../scenario/index.js';
import { breakEvenBelief, expectedGain } from './cheater.js';

/** Alice pays Bob 90 of her 100: sequence 1 gave her 100, the newest gives her 10 (Δ = 90, b_new = 10). */
const drained = (alice: string, extraActions = '') =>
  runScenario(
    parseScenario(
      `name: c\nchain: { blockInterval: 600s, fixed: true }\nchannels:\n  - { between: [alice, bob], deposit: [100, 100] }\nagents:\n  alice: ${alice}\npayments:\n  - { at: 1h, from: alice, to: bob, amount: 90 }\n${extraActions}run: { until: 3d }\n`,
      'c.yaml',
    ),
  );
const count = (run: ReturnType<typeof drained>, kind: string) => run.channelEvents.filter((e) => e.kind === kind).length;

describe('the cheater strategy (DEFAULTS.md closing game)', () => {
  it('E[gain] = (1 − p)·(Δ − 2f) − p·(b_new + f): break-even at p = Δ / (Δ + b_new) without fees', () => {
    expect(expectedGain(90, 10, 0.9, 0)).toBeCloseTo(0, 9);
    expect(expectedGain(90, 10, 0.89, 0)).toBeGreaterThan(0);
    expect(expectedGain(90, 10, 0.91, 0)).toBeLessThan(0);
    // Fees: the cash always, the withdrawal only when unpunished: 0.5·(90 − 60) − 0.5·(10 + 30) = −5.
    expect(expectedGain(90, 10, 0.5, 30)).toBeCloseTo(-5, 9);
    expect(breakEvenBelief(90, 10, 1)).toBeCloseTo(88 / 99, 12);
    expect(expectedGain(90, 10, breakEvenBelief(90, 10, 1), 1)).toBeCloseTo(0, 9);
  });

  it('always: broadcasts its best revoked commitment at once, and a watching Bob takes the bond', () => {
    const run = drained('{ strategy: cheater, cheat: always }');
    expect(count(run, 'revoked-broadcast')).toBe(1);
    expect(count(run, 'penalty')).toBe(1);
    expect([run.balances.alice!.endMsat, run.balances.bob!.endMsat]).toEqual([0, 200_000]);
  });

  it('rational with belief 0.99 (above the 0.9 break-even) stays honest', () => {
    const run = drained('{ strategy: cheater, belief: 0.99 }');
    expect(count(run, 'revoked-broadcast')).toBe(0);
    expect(run.balances.alice!.endMsat).toBe(10_000);
  });

  it('rational with belief 0.5 cheats: caught by a watching Bob, winning against an absent one', () => {
    expect(count(drained('{ strategy: cheater, belief: 0.5 }'), 'penalty')).toBe(1);
    // She cheats at the first block after the payment (70 min): Bob is gone from 65 min.
    const away = drained('{ strategy: cheater, belief: 0.5 }', 'actions:\n  - { at: 65min, node: bob, do: offline, for: 2d }\n');
    expect(count(away, 'cheat-succeeded')).toBe(1);
    expect(away.balances.alice!.endMsat).toBe(100_000);
  });

  it('never: honest', () => {
    expect(count(drained('{ strategy: cheater, cheat: never }'), 'revoked-broadcast')).toBe(0);
  });
});
