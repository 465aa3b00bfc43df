/** What `pcnsim run` adds to the report, and that no report writer can lose a finished run. */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main.js';
import { writeRunReports } from './reports.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'pcnsim-provenance-'));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { root, version: '9.9.9', out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err };
}

describe('report.json provenance', () => {
  const scenario = join(dir, 'p.yaml');
  writeFileSync(join(dir, 'amounts.csv'), 'amount\n5\n7\n');
  writeFileSync(scenario, 'name: p\nchannels:\n  - { between: [a, b], deposit: [1000, 1000] }\nworkload: { rate: 1/min, amount: { dist: csv, file: amounts.csv }, duration: 10min }\nrun: { until: 2h }\n');

  it('run --set lists the overrides, as written and in order, in provenance.flags.set, and they take effect', () => {
    const out = join(dir, 'set');
    const r = run('run', scenario, '--out', out, '--quiet', '--set', 'workload.duration=5min', '--set', 'run.until=1h');
    expect(r).toMatchObject({ code: 0, err: [] });
    const report = JSON.parse(readFileSync(join(out, 'p', 'report.json'), 'utf8'));
    expect(report.provenance.flags).toEqual({ seed: 1, until: '3600s', crypto: 'lazy', set: ['workload.duration=5min', 'run.until=1h'] });
    // 1/min for 5 minutes instead of 10: the overridden duration is the one that ran.
    const plain = JSON.parse(run('run', scenario, '--out', join(dir, 'unset'), '--json').out);
    expect(plain.provenance.flags.set).toBeUndefined();
    expect(report.payments.attempted).toBeLessThan(plain.payments.attempted);
    // An override's value is validated like the file: one line naming the field, exit 2.
    const bad = run('run', scenario, '--out', out, '--quiet', '--set', 'workload.duration=soon');
    expect(bad.code).toBe(2);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/workload\.duration.*workload\.duration=soon/);
  });

  it('names pcnsim, the hashes of the resolved scenario and of every input file, and the flags; same run, same bytes', () => {
    expect(run('run', scenario, '--out', join(dir, 'one'), '--seed', '4', '--quiet').code).toBe(0);
    expect(run('run', scenario, '--out', join(dir, 'two'), '--seed', '4', '--quiet').code).toBe(0);
    const text = readFileSync(join(dir, 'one', 'p', 'report.json'), 'utf8');
    expect(readFileSync(join(dir, 'two', 'p', 'report.json'), 'utf8')).toBe(text);
    const report = JSON.parse(text);
    expect(report.provenance).toEqual({
      pcnsim: '9.9.9',
      scenarioSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      inputs: [{ path: scenario, sha256: sha(scenario) }, { path: 'amounts.csv', sha256: sha(join(dir, 'amounts.csv')) }],
      flags: { seed: 4, until: '7200s', crypto: 'lazy' },
    });
    const other = JSON.parse(run('run', scenario, '--out', join(dir, 'three'), '--seed', '5', '--json').out);
    expect(other.provenance.flags.seed).toBe(5);
    expect(other.provenance.scenarioSha256).toBe(report.provenance.scenarioSha256);
  });

  it('the summary lists why payments failed', () => {
    const early = join(dir, 'e.yaml');
    writeFileSync(early, 'name: e\nchannels:\n  - { between: [a, b], deposit: [1000, 1000] }\npayments:\n  - { at: 1min, from: a, to: b, amount: 10 }\nrun: { until: 1h }\n');
    const r = run('run', early, '--out', join(dir, 'early'));
    expect(r.out).toMatch(/failures\s+channel-not-open 1/);
    expect(r.err).toEqual([expect.stringContaining('warning: payments[0] at 60 s precedes the first channel open')]);
  });
});

describe('report writers', () => {
  it('a writer that throws costs only its own file: the others are written and the failure is named', () => {
    const out = mkdtempSync(join(dir, 'w-'));
    const failures = writeRunReports(out, [
      ['report.json', () => '{}\n'],
      ['report.html', () => { throw new RangeError('Maximum call stack size exceeded'); }],
      ['timeline.csv', () => 'height\n'],
    ]);
    expect(existsSync(join(out, 'report.json')) && existsSync(join(out, 'timeline.csv'))).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    expect(failures).toEqual([{ file: join(out, 'report.html'), io: false, reason: 'Maximum call stack size exceeded' }]);
  });
});

describe('node names that are Object.prototype keys', () => {
  it('are refused with exit 2 naming the field (the routing graph library keys nodes by plain objects)', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, `name: proto\nchannels:\n  - { between: [a, ${name}], deposit: [1000, 1000] }\n`);
      const r = run('validate', file);
      expect(r.code).toBe(2);
      expect(r.err).toEqual([expect.stringContaining('channels[0].between[1]: is a name JavaScript objects already hold; expected another node name')]);
    }
  });
});
