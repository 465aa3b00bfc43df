/**
 * Every game's example sweep (the README's) against its closed form: at each point the closed
 * form lies inside the simulated mean's 95% interval. Breach and censorship draw Bob's presence
 * and the miners' blocks from the seed, so they need many seeds; the other games are the same for
 * every seed, so a few seeds suffice and every run must equal the closed form exactly.
 * `npm test` plays 20 seeds of the random two (wider intervals, same check); `npm run test:deep`
 * plays 100 seeds of each (the README's `--seeds 100`).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GAMES } from './index.js';
import { meanInterval } from './interval.js';
import { sweepGame } from '../sweep/gameSweep.js';
import { gameParams, readGameDoc, seedsOf } from './play.js';
import { parseSweep } from './sweepRange.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const deep = process.env.PCNSIM_DEEP !== undefined;
const RANDOM = new Set(['breach', 'censorship']);

describe('each game\'s example sweep holds its closed form inside the 95% interval', () => {
  for (const game of GAMES) {
    it(`${game.name} --sweep ${game.exampleSweep}`, async () => {
      const doc = readGameDoc(root, game);
      const range = parseSweep(game.exampleSweep);
      const seeds = seedsOf(deep ? 100 : RANDOM.has(game.name) ? 20 : 2);
      const s = await sweepGame(root, game, doc, gameParams(game, doc), range.name, range.values, seeds);
      for (const p of s.points) {
        const row = { [range.name]: p.value, predicted: p.predicted, low: p.low, high: p.high };
        expect(p.runs).toBeGreaterThan(0);
        expect(row).toEqual({ ...row, predicted: expect.any(Number) });
        if (p.predicted! < p.low - 1e-9 || p.predicted! > p.high + 1e-9) throw new Error(`${game.name} ${JSON.stringify(row)}: the closed form lies outside the interval`);
        if (!RANDOM.has(game.name)) expect([p.value, p.min, p.max]).toEqual([p.value, p.predicted, p.predicted]);
      }
    }, 120_000);
  }
});

describe('the interval', () => {
  it("is Wilson's score interval on the outcome's bounds", () => {
    // 10 successes of 40, z = 1.96: centre (0.25 + z²/80)/(1 + z²/40) = 0.27191, half-width
    // (z/(1 + z²/40))·√(0.25·0.75/40 + z²/6400) = 0.13004: [0.14187, 0.40195]; rescaled to [−11, 88].
    const share = meanInterval(0.25, 40, 0, 1);
    expect(share.low).toBeCloseTo(0.14187, 4);
    expect(share.high).toBeCloseTo(0.40195, 4);
    const gain = meanInterval(-11 + 0.25 * 99, 40, -11, 88);
    expect(gain.low).toBeCloseTo(-11 + 99 * 0.14187, 2);
    // Every run equal at a bound: the rule-of-three-like upper end z²/(n + z²), never a point.
    expect(meanInterval(0, 100, 0, 1).high).toBeCloseTo(3.8415 / 103.8415, 4);
  });

  it('covers the true mean of a two-valued outcome about 95% of the time', () => {
    // A seeded linear congruential stream: 2,000 samples of 40 Bernoulli(0.3) draws.
    let state = 12345;
    const draw = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let covered = 0;
    for (let k = 0; k < 2000; k++) {
      let hits = 0;
      for (let i = 0; i < 40; i++) hits += draw() < 0.3 ? 1 : 0;
      const ci = meanInterval(hits / 40, 40, 0, 1);
      if (ci.low <= 0.3 && 0.3 <= ci.high) covered++;
    }
    expect(covered / 2000).toBeGreaterThan(0.93);
    expect(covered / 2000).toBeLessThan(0.98);
  });
});
