/**
 * The games' claims, checked by simulation (issue 6's "done when"): each test plays the bundled
 * game files with parameters written in, over several seeds, and compares with the closed forms.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { breach, cheatGain } from './breach.js';
import { censorship } from './censorship.js';
import { gainSat, type Game, type Params } from './game.js';
import { htlcRace } from './htlcRace.js';
import { honestSuccess, jamming, predictedShare } from './jamming.js';
import { massExit, paidShare } from './massExit.js';
import { offline } from './offline.js';
import { crossing, gameParams, play, readGameDoc } from './play.js';
import { parseSweep } from './sweepRange.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function playWith(game: Game, set: Params, seed = 1) {
  const doc = readGameDoc(root, game);
  const params = gameParams(game, doc, set);
  return { run: play(root, game, doc, params, seed), params };
}

describe('breach', () => {
  it('a watched cheater always loses its bond (b_new + fee), whatever it was paid and the freeze', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 95 }), fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 1000 }), (paid, freeze, seed) => {
        const { run } = playWith(breach, { paid, freeze, online: 1, cheat: 1 }, seed);
        expect(run.channelEvents.filter((e) => e.kind === 'penalty')).toHaveLength(1);
        expect(cheatGain(run, 'alice')).toBe(-(100 - paid) - 1);
      }),
      { numRuns: runs(8), seed: 6 },
    );
  });

  it('a rational cheater cheats exactly when its belief makes the expected gain positive', () => {
    // Δ = 90, b_new = 10, f = 1 sat: E = (1 − b)·88 − b·11 > 0 ⇔ b < 88/99 = 0.8889, the printed p*.
    const cheats = (belief: number): boolean => playWith(breach, { cheat: 2, belief }).run.channelEvents.some((e) => e.kind === 'revoked-broadcast');
    expect([0.87, 0.885, 0.888, 0.889, 0.89].map(cheats)).toEqual([true, true, true, false, false]);
    const { params } = playWith(breach, { cheat: 2, belief: 0.885 });
    expect(breach.explain(params).join(' ')).toContain('88/99 = 0.8889');
    expect(breach.explain(params).join(' ')).toContain('with belief 0.885 < p* she cheats');
  });
});

describe('offline', () => {
  it('a cheater wins only when the defender misses the whole freeze, and a tower restores protection', () => {
    for (const freeze of [3, 6]) {
      for (let away = 0; away <= freeze + 3; away++) {
        const alone = cheatGain(playWith(offline, { away, freeze, tower: 0 }).run, 'alice');
        expect([freeze, away, alone > 0]).toEqual([freeze, away, away >= freeze + 1]);
        const guarded = playWith(offline, { away, freeze, tower: 1 }).run;
        expect([freeze, away, cheatGain(guarded, 'alice') > 0]).toEqual([freeze, away, false]);
      }
    }
  });

  it("a reward tower keeps its share of the penalty; the client gets the rest", () => {
    const { run } = playWith(offline, { tower: 1, reward: 0.01 });
    // The penalty takes Alice's 100-sat bond: 1 sat to the tower, which paid the 10-sat fee.
    expect(gainSat(run, 'tower')).toBe(1 - 10);
    expect(run.channelEvents.find((e) => e.kind === 'tower-justice')?.amountMsat).toBe(1000);
  });

  it("congestion outbids a tower's fixed fee until the freeze is over; a higher fixed fee gets in", () => {
    expect(cheatGain(playWith(offline, { tower: 1, towerFee: 1, congestion: 20 }).run, 'alice')).toBeGreaterThan(0);
    expect(cheatGain(playWith(offline, { tower: 1, towerFee: 20, congestion: 20 }).run, 'alice')).toBeLessThan(0);
  });
});

describe('htlc-race', () => {
  it('the forwarder loses exactly when its time-lock margin is shorter than its time to confirm', () => {
    for (const delay of [1, 2, 4]) {
      for (let margin = 1; margin <= 6; margin++) {
        const { run } = playWith(htlcRace, { margin, delay });
        const gain = gainSat(run, 'bob', 3_600_000);
        expect([margin, delay, gain]).toEqual([margin, delay, margin < delay ? -501 : 0]);
      }
    }
  });
});

describe('jamming', () => {
  it('the honest success rate drops as the jammer fills the slots, and is gone when all are full', () => {
    const rates = [0, 3, 6, 9, 10, 12].map((jams) => honestSuccess(playWith(jamming, { jams, slots: 10, jamAmount: 1 }).run));
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeLessThanOrEqual(rates[i - 1]!);
    expect(rates[0]).toBe(1);
    expect(rates[rates.length - 1]).toBe(0);
  });

  it("the prediction counts the hub's balance Alice's own payments drain, exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 1, max: 9000 }), (slots, jams, jamAmount) => {
        const { run, params } = playWith(jamming, { slots, jams, jamAmount });
        expect([slots, jams, jamAmount, honestSuccess(run)]).toEqual([slots, jams, jamAmount, predictedShare(params)]);
      }),
      { numRuns: runs(25), seed: 21 },
    );
    // Two jams of 4,000 sat lock 2 × 4,005.005 sat of the hub's 9,800 free: 17 of 40 payments of 100 sat pass.
    expect(predictedShare(playWith(jamming, { jams: 2, jamAmount: 4000 }).params)).toBe(17 / 40);
  });

  it('a few large HTLCs jam the liquidity instead, and the jammer pays nothing', () => {
    const { run } = playWith(jamming, { jams: 2, jamAmount: 4850 });
    expect(honestSuccess(run)).toBe(0);
    expect(run.payments.filter((p) => p.from === 'alice').every((p) => p.reason === 'insufficient-balance')).toBe(true);
    expect(gainSat(run, 'mallory') + gainSat(run, 'eve')).toBe(0);
  });
});

describe('mass-exit', () => {
  it('some closures fail to confirm before expiry once the channels to close exceed what blocks can hold', () => {
    for (const channels of [6, 15, 16, 30]) {
      const { run, params } = playWith(massExit, { channels, perBlock: 5, deadline: 3 });
      expect([channels, paidShare(run)]).toEqual([channels, Math.min(1, 15 / channels)]);
      expect(massExit.outcome.predict!(params)).toBe(Math.min(1, 15 / channels));
    }
  });

  it('reports as succeeded exactly the payments whose payees were paid, and the failed hub gains only its fees', () => {
    const { run } = playWith(massExit, { channels: 20, perBlock: 5, deadline: 3 });
    const paid = run.payments.filter((p) => p.status === 'succeeded').map((p) => p.to);
    expect(paid).toHaveLength(15);
    for (const r of paid) expect(gainSat(run, r)).toBe(98); // 100 sat less its two 1-sat transaction fees
    expect(run.payments.filter((p) => p.status !== 'succeeded').map((p) => p.reason)).toEqual(Array(5).fill('payee-unpaid'));
    // 15 forwarding fees of 1 sat, less the fee of its one commitment: the hub never claims an HTLC it did not deliver.
    expect(gainSat(run, 'hub')).toBe(14);
  });
});

describe('censorship', () => {
  it('no censors: never succeeds; all hash power: always; in between near q^W', () => {
    expect(cheatGain(playWith(censorship, { share: 0 }).run, 'alice')).toBeLessThan(0);
    expect(cheatGain(playWith(censorship, { share: 1 }).run, 'alice')).toBeGreaterThan(0);
    const seeds = Array.from({ length: 60 }, (_, i) => i + 1);
    const wins = seeds.filter((seed) => cheatGain(playWith(censorship, { share: 0.5, freeze: 3 }, seed).run, 'alice') > 0).length;
    expect(Math.abs(wins / seeds.length - 0.25)).toBeLessThan(0.15); // q^W = 0.5² with 60 seeds (σ ≈ 0.056)
  });
});

describe('sweep helpers', () => {
  it('parses ranges without float drift and finds crossings', () => {
    expect(parseSweep('online=0.5..1:0.05').values).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1]);
    expect(parseSweep('away=0..4:2').values).toEqual([0, 2, 4]);
    // A step between grid points is an interval, not an interpolated decimal.
    expect(crossing([[0, 10], [1, 5], [2, -5]], 0)).toEqual({ from: 1, to: 2, at: false });
    expect(crossing([[0, 0.2], [1, 0.8]], 0.5)).toEqual({ from: 0, to: 1, at: false });
    expect(crossing([[0, 3], [1, 0], [2, 0], [3, -1]], 0)).toEqual({ from: 1, to: 2, at: true });
    expect(crossing([[0, 3], [1, 0], [2, 4]], 0)).toBeUndefined(); // touches, does not cross
    expect(crossing([[0, 3], [1, Number.NaN], [2, -4]], 0)).toEqual({ from: 0, to: 2, at: false });
    expect(crossing([[0, 1], [1, 2]], 0)).toBeUndefined();
  });
});
