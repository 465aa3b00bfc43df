/**
 * A game's sweep on the sweep machinery: the same figures whatever the thread count, its tables
 * in an output folder, resume, and its aggregate read back by hand from its own runs table
 * (only runs that met the set-up count; the outcome's interval is Wilson's on its bounds).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findGame } from '../games/catalog.js';
import { meanInterval } from '../games/interval.js';
import { gameParams, readGameDoc, seedsOf } from '../games/play.js';
import { sweepGame } from './gameSweep.js';
import { runTask } from './task.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'pcnsim-game-sweep-'));
const game = findGame('breach')!;
const doc = readGameDoc(root, game);
const params = gameParams(game, doc);
const play = (jobs: number, out: string) => sweepGame(root, game, doc, params, 'online', [0.6, 0.9], seedsOf(8), { jobs, out: join(dir, out) });
const file = (out: string, name: string): string => readFileSync(join(dir, out, name), 'utf8');

describe("a game's sweep", () => {
  it('gives the same points and byte-identical tables on one thread and on two, and a rerun resumes', async () => {
    const one = await play(1, 'one');
    const two = await play(2, 'two');
    expect(two.points).toEqual(one.points);
    for (const name of ['runs.csv', 'runs.ndjson', 'summary.csv', 'summary.json']) expect([name, file('two', name)]).toEqual([name, file('one', name)]);
    expect(one.resumed).toBe(0);
    const again = await play(1, 'one');
    expect(again.resumed).toBe(16);
    expect(again.points).toEqual(one.points);
  }, 120_000);

  it('counts only runs that met the set-up, and gives the outcome the interval on its bounds', async () => {
    const s = await play(1, 'one');
    const [head, ...lines] = file('one', 'runs.csv').trim().split('\n');
    expect(head).toBe('run,point,online,seed,outcome,setUp,gain_alice,gain_bob,predicted,error');
    const rows = lines.map((l) => l.split(',')).map(([, point, , , outcome, setUp]) => ({ point: Number(point), outcome: Number(outcome), setUp: Number(setUp) }));
    const summary = JSON.parse(file('one', 'summary.json'));
    for (const [i, p] of s.points.entries()) {
      const kept = rows.filter((r) => r.point === i && r.setUp === 1).map((r) => r.outcome);
      expect(kept.length).toBeGreaterThan(0);
      expect([p.runs, summary.points[i].runs, summary.points[i].leftOut]).toEqual([kept.length, kept.length, 8 - kept.length]);
      const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
      expect(p.mean).toBeCloseTo(mean, 9);
      const [lo, hi] = game.outcome.bounds({ ...params, online: p.value });
      const ci = meanInterval(mean, kept.length, lo, hi);
      expect([p.low, p.high]).toEqual([expect.closeTo(ci.low, 9), expect.closeTo(ci.high, 9)]);
      expect(summary.points[i].metrics.outcome.ci95).toEqual([p.low, p.high]);
      expect(p.predicted).toBe(game.outcome.predict!({ ...params, online: p.value }));
    }
    expect(s.failed).toEqual([]);
    expect(summary.points.some((p: { leftOut: number }) => p.leftOut > 0)).toBe(true); // Bob was away at the set-up in some seeds
  }, 120_000);
});

describe('a failed run', () => {
  it('on bad input says so (the sweep then exits 2, not 1)', () => {
    const task = { id: 'x', point: 0, values: [], seed: 1, doc: { name: 'bad', channels: 'none' }, file: 'bad.yaml', set: [] };
    const row = runTask(task, { measure: { kind: 'report' }, crypto: 'lazy', version: 't' });
    expect(row).toMatchObject({ metrics: [], cause: 'input', error: expect.stringContaining('channels') });
  });
});
