/**
 * Sweeps: grids parsed as written, statistics by hand, and the promise that matters most: the
 * same grid and seeds give byte-identical tables whatever the thread count or shard split, and a
 * rerun resumes instead of running again.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScenarioError } from '../errors.js';
import { gridFromFile, gridFromFlags, mergeSweeps, parseShard, shardFromEnv, summarizeMetric, sweep, SWEEP_FILES } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'pcnsim-sweep-'));
const scenario = join(dir, 's.yaml');
writeFileSync(
  scenario,
  'name: tiny\nchain: { blockInterval: 600s }\nchannels:\n  - { between: [a, b], deposit: [20000 sat, 20000 sat] }\n  - { between: [b, c], deposit: [20000 sat, 20000 sat] }\nworkload: { rate: 1/min, amount: { dist: uniform, min: 100 sat, max: 3000 sat }, duration: 1h, start: 1h }\nrun: { until: 3h }\n',
);
const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof ScenarioError ? e.code : 'other';
  }
  return 'none';
};

describe('grids', () => {
  it('ranges keep their decimals and unit; several --vary make the product, the first slowest', () => {
    const g = gridFromFlags(['defaults.freeze=144..288:72 blocks', 'agents.b.online=0.5,1']);
    expect(g.names).toEqual(['defaults.freeze', 'agents.b.online']);
    expect(g.points).toEqual([['144 blocks', 0.5], ['144 blocks', 1], ['216 blocks', 0.5], ['216 blocks', 1], ['288 blocks', 0.5], ['288 blocks', 1]]);
    expect(gridFromFlags(['x=0.5..0.65:0.05']).points.map((p) => p[0])).toEqual([0.5, 0.55, 0.6, 0.65]);
  });

  it('a grid file has vary and/or points; anything else is bad-grid', () => {
    const file = join(dir, 'grid.yaml');
    writeFileSync(file, 'vary:\n  workload.rate: [1/min, 2/min]\npoints:\n  - { workload.rate: 5/min }\n');
    expect(gridFromFile(file).points).toEqual([['1/min'], ['2/min'], ['5/min']]);
    writeFileSync(file, 'vary: { a: [1] }\ncolour: red\n');
    expect(code(() => gridFromFile(file))).toBe('bad-grid');
    expect(code(() => gridFromFile(join(dir, 'none.yaml')))).toBe('bad-grid');
    for (const bad of ['x', 'a=2..1:1', 'a=1..2:0', 'a=', '__proto__.x=1', 'a=1,,2']) expect([bad, code(() => gridFromFlags([bad]))]).toEqual([bad, 'bad-grid']);
    expect(code(() => gridFromFlags(['a=1', 'a=2']))).toBe('bad-grid');
  });

  it('shards: i/n, from Slurm and Kubernetes when no flag says', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', 'x', '1/0']) expect(code(() => parseShard(bad))).toBe('bad-shard');
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '3' })).toEqual({ index: 2, count: 3 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '0', PCNSIM_SHARDS: '4' })).toEqual({ index: 1, count: 4 });
    expect(code(() => shardFromEnv({ JOB_COMPLETION_INDEX: '0' }))).toBe('bad-shard');
    expect(shardFromEnv({})).toBeUndefined();
  });
});

describe('statistics', () => {
  it('mean, sample sd and the t-based 95% CI, worked by hand for 1, 2, 3, 4', () => {
    const s = summarizeMetric([1, 2, 3, 4]);
    // sd = √(5/3) = 1.290994…; t(0.975, 3) = 3.182446…; half-width = t · sd / 2 = 2.054260…
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(1.290994449, 8);
    expect(s.ci95[0]).toBeCloseTo(2.5 - 2.0542603, 6);
    expect(s.ci95[1]).toBeCloseTo(2.5 + 2.0542603, 6);
    expect([s.min, s.max]).toEqual([1, 4]);
    expect(summarizeMetric([7])).toEqual({ mean: 7, sd: 0, ci95: [7, 7], min: 7, max: 7 });
  });
});

describe('sweep', () => {
  const grid = gridFromFlags(['workload.rate=1/min,3/min', 'defaults.feePpm=1,5000']);
  const files = (out: string): string[] => SWEEP_FILES.map((f) => readFileSync(join(out, f), 'utf8'));

  it('one thread, two threads, and three shards merged give byte-identical tables; a rerun resumes', async () => {
    const one = await sweep(scenario, grid, { seeds: 3, out: join(dir, 'one'), version: 't' });
    expect(one.rows).toHaveLength(12);
    expect(one.rows.map((r) => [r.point, r.seed])).toEqual([0, 1, 2, 3].flatMap((p) => [1, 2, 3].map((s) => [p, s])));
    expect(one.summary[0]!.runs).toBe(3);
    // More payments at 3/min than at 1/min, at either fee.
    const attempted = (p: number) => one.summary[p]!.metrics['payments.attempted']!.mean;
    expect(attempted(2)).toBeGreaterThan(attempted(0));
    await sweep(scenario, grid, { seeds: 3, jobs: 2, out: join(dir, 'two'), version: 't' });
    expect(files(join(dir, 'two'))).toEqual(files(join(dir, 'one')));
    for (const i of [1, 2, 3]) await sweep(scenario, grid, { seeds: 3, shard: { index: i, count: 3 }, out: join(dir, `s${i}`), version: 't' });
    const merged = mergeSweeps([1, 2, 3].map((i) => join(dir, `s${i}`)), join(dir, 'merged'));
    expect(merged.missing).toBe(0);
    expect(files(join(dir, 'merged'))).toEqual(files(join(dir, 'one')));
    const again = await sweep(scenario, grid, { seeds: 3, out: join(dir, 'one'), version: 't' });
    expect(again.resumed).toBe(12);
    expect(files(join(dir, 'one'))).toEqual(files(join(dir, 'two')));
  }, 60_000);

  it('a bad value at a grid point is bad input naming --vary, before anything runs', async () => {
    await expect(sweep(scenario, gridFromFlags(['defaults.feePpm=1,-5']), { seeds: 1 })).rejects.toThrow(/defaults\.feePpm.*--vary defaults\.feePpm=-5/);
    await expect(sweep(scenario, gridFromFlags(['defaults.feePpn=1']), { seeds: 1 })).rejects.toThrow(/did you mean 'feePpm'/);
  });
});
