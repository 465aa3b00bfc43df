/**
 * The command line as a user meets it: exit codes, one-line errors, reports. Most cases call the
 * CLI's `main` in-process (the logic); the first block spawns the built binary for what only a
 * real process shows: the executable bit, exit codes and the two streams.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedFile } from '../sim/testing/shared.js';
import { main } from './main.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'bin', 'pcnsim.js');
const tmp = mkdtempSync(join(tmpdir(), 'pcnsim-cli-'));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const deep = process.env.PCNSIM_DEEP ? it : it.skip;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The installed command, as a child process. */
function spawned(...args: string[]): Result {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PCNSIM_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same command through `main`, in this process (paths relative to the package root). */
async function pcnsim(...args: string[]): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const code = await main(args, { root, version, out: (s) => out.push(`${s}\n`), err: (s) => err.push(`${s}\n`) });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(cwd);
  }
}

function scenario(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

function expectOneLineError(r: Result, ...parts: string[]): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^pcnsim: /);
  for (const part of parts) expect(lines[0]).toContain(part);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('pcnsim, the installed command (spawned)', () => {
  it('is built as an executable, so `npx pcnsim` works in a fresh clone', () => {
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('prints its version and help on stdout, exit 0', () => {
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    expect(spawned('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = spawned('--help');
    expect(help.code).toBe(0);
    for (const command of ['run', 'validate', 'list']) expect(help.stdout).toContain(command);
  });

  it('exits 3 and lists each unmet expectation on stderr', () => {
    const file = scenario('unmet.yaml', 'name: unmet\nchannels:\n  - { between: [a, b], deposit: [1, 1] }\nrun: { until: 1h }\nexpect:\n  balances: { a: 5 sat }\n  penalties.punished: 2\n');
    const r = spawned('run', file, '--out', join(tmp, 'unmet'), '--quiet');
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringContaining('expect balances.a: expected 5 sat, got 1 sat'),
      expect.stringContaining('expect penalties.punished: expected 2, got 0'),
    ]);
  });

  it('a missing file exits 2 with one line on stderr naming it', () => {
    const r = spawned('run', 'missing.yaml');
    expectOneLineError(r, 'missing.yaml', 'no such file');
    expect(r.stdout).toBe('');
  });

});

describe('pcnsim CLI (in-process)', () => {
  it('runs a scenario, prints a summary and writes the reports', async () => {
    const out = join(tmp, 'reports');
    const r = await pcnsim('run', 'scenarios/examples/one-channel-cheat.yaml', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 punished');
    // Readable numbers: durations, plurals, grouped digits, one unit per balance column.
    expect(r.stdout).toMatch(/one-channel-cheat \(seed 1\): 2d 0h simulated, 288 blocks, [\d,]+ events/);
    expect(r.stdout).toMatch(/failures\s+none/);
    expect(r.stdout).toMatch(/node\s+start \(sat\)\s+end \(sat\)\s+change \(sat\)/);
    const report = JSON.parse(readFileSync(join(out, 'one-channel-cheat', 'report.json'), 'utf8'));
    expect(report).toMatchObject({ schema: 'pcnsim.report/1', penalties: { punished: 1 }, balances: { bob: { endMsat: 200_000 } } });
    for (const f of ['report.md', 'report.html', 'payments.csv', 'timeline.csv', 'series.csv', 'channels.csv', 'nodes.csv', 'holdings.csv', 'liquidity.csv', 'distributions.csv']) expect(existsSync(join(out, 'one-channel-cheat', f))).toBe(true);
    expect(readFileSync(join(out, 'one-channel-cheat', 'report.md'), 'utf8')).toContain('| alice | 100 | 0 | -100 |');
  });

  it('--json prints the report on stdout; --quiet prints nothing', async () => {
    const out = join(tmp, 'json');
    const r = await pcnsim('run', 'scenarios/examples/one-channel-honest.yaml', '--out', out, '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ scenario: 'one-channel-honest', chain: { cooperativeCloses: 1 } });
    expect((await pcnsim('run', 'scenarios/examples/one-channel-honest.yaml', '--out', out, '--quiet')).stdout).toBe('');
  });

  it('a wrong field exits 2 naming the file and the field path', async () => {
    const file = scenario('wrong.yaml', 'name: w\nchain: { blockTxLimit: lots }\n');
    expectOneLineError(await pcnsim('run', file), file, 'chain.blockTxLimit');
  });

  it('a bad amount exits 2 naming the file and the field path', async () => {
    const file = scenario('amount.yaml', 'name: a\nchannels:\n  - { between: [a, b], deposit: [ten sat, 1] }\n');
    expectOneLineError(await pcnsim('run', file), file, 'channels[0].deposit[0]');
  });

  it('bad flags exit 2 with one line', async () => {
    expectOneLineError(await pcnsim('run', 'scenarios/examples/one-channel-honest.yaml', '--seed', 'abc'), '--seed');
    expectOneLineError(await pcnsim('run', 'scenarios/examples/one-channel-honest.yaml', '--crypto', 'half'), '--crypto');
    expectOneLineError(await pcnsim('run', 'scenarios/examples/one-channel-honest.yaml', '--until', 'soon'), '--until');
    expectOneLineError(await pcnsim('run', '--frobnicate'), 'frobnicate');
    expectOneLineError(await pcnsim('launch'), 'launch');
  });

  it('bench: bad flags exit 2 with one line', async () => {
    expectOneLineError(await pcnsim('bench', '--payments', 'many'), '--payments');
    expectOneLineError(await pcnsim('bench', '--payments', '10', '--crypto', 'half'), '--crypto');
    expectOneLineError(await pcnsim('bench', '--payments', '10', '--graph', join(tmp, 'no-such-graph.json')), '--graph');
    expectOneLineError(await pcnsim('bench', '--payments', '10', '--network', 'random'), '--network');
    expectOneLineError(await pcnsim('bench', '--payments', '10', '--network', 'generated', '--graph', join(tmp, 'g.json')), '--network');
  });

  // Loads the whole 2019 snapshot (3,648 nodes): seconds of CPU, so `npm run test:deep` only.
  deep('bench: a small workload on the 2019 snapshot writes its figures to bench.json', async () => {
    const out = join(tmp, 'bench.json');
    const r = await pcnsim('bench', '--payments', '200', '--graph', sharedFile('data', 'lnd-describegraph-2019-03-09.json.gz'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/200 uniform payments: \d+ payments\/CPU-s whole run \(setup [\d.]+ CPU-s, payments [\d.]+ CPU-s\)/);
    expect(r.stdout).toMatch(/[\d.]+ searches\/payment, \d+ nodes settled\/search/);
    const figures = JSON.parse(readFileSync(out, 'utf8'));
    expect(figures.crypto).toBe('lazy');
    expect(figures.results).toEqual([expect.objectContaining({ payments: 200, peakRssMb: expect.any(Number) })]);
    // getrusage's maximum sees every moment the samples see (KB against bytes: 1 MB of slack).
    expect(figures.results[0].maxRssMb).toBeGreaterThanOrEqual(figures.results[0].peakRssMb - 1);
    // A third of uniform pairs on the 2019 snapshot have no path of enabled directions.
    expect(figures.results[0].succeeded).toBeGreaterThan(100);
    expect(figures.results[0].searchesPerPayment).toBeGreaterThan(0.5); // a payment to a peer needs no search
    expect(figures.results[0].paymentsPerCpuSecond).toBeGreaterThan(0);
    expect(figures.results[0].setupCpuSeconds).toBeGreaterThan(0);
  });

  it('bench --routing: a bad --pairs exits 2 with one line', async () => {
    expectOneLineError(await pcnsim('bench', '--payments', '10', '--pairs', 'nearby'), '--pairs');
  });

  deep('bench --routing replays the searches through findRoute and the reference and prints the ratio', async () => {
    const out = join(tmp, 'routing.json');
    const r = await pcnsim('bench', '--routing', '--payments', '200', '--graph', sharedFile('data', 'lnd-describegraph-2019-03-09.json.gz'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ searches; findRoute [\d.]+ CPU-s, reference Dijkstra [\d.]+ CPU-s, ratio [\d.]+; same route \d+\/\d+, same cost (\d+)\/\1/);
    const { routing } = JSON.parse(readFileSync(out, 'utf8'));
    expect(routing.searches).toBeGreaterThan(100);
    expect(routing.sameCost).toBe(routing.searches);
  });

  it.each([
    ['bad YAML', 'name: [unclosed\n', 'invalid YAML at line'],
    ['an unknown key', 'name: k\nchian: {}\n', "did you mean 'chain'"],
    ['a negative amount', 'name: k\nchannels:\n  - { between: [a, b], deposit: [-1 sat, 1] }\n', 'channels[0].deposit[0]'],
    ['an unknown node', 'name: k\nnodes: [a, b]\nchannels:\n  - { between: [a, z], deposit: [1, 1] }\n', 'channels[0].between[1]'],
    ['a channel to itself', 'name: k\nchannels:\n  - { between: [a, a], deposit: [1, 1] }\n', 'channels[0].between'],
    ['a duplicate channel', 'name: k\nchannels:\n  - { between: [a, b], deposit: [1, 1] }\n  - { between: [a, b], deposit: [1, 1] }\n', 'channels[1].between'],
    ['an amount over the safe limit', 'name: k\nchannels:\n  - { between: [a, b], deposit: [100000 btc, 1] }\n', '90000 btc'],
    ['a missing import file', 'name: k\ntopology: { import: nowhere.json.gz }\n', 'topology.import'],
  ])('validate rejects %s with one line and exit 2', async (_, text, part) => {
    const file = scenario('broken.yaml', text);
    expectOneLineError(await pcnsim('validate', file), file, part);
  });

  it('validate prints ok or one line per problem', async () => {
    expect(await pcnsim('validate', 'scenarios/examples/one-way-video.yaml')).toMatchObject({ code: 0, stdout: 'scenarios/examples/one-way-video.yaml: ok\n' });
    const file = scenario('two.yaml', 'name: t\nseed: -1\nchian: 1\n');
    const r = await pcnsim('validate', file);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(2);
  });

  it('estimate prints the BRIEF §6 bound: 3,952,800 channels and 658,800 concurrent payments', async () => {
    const r = await pcnsim('estimate');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/channels at once\s+3,952,800/);
    expect(r.stdout).toMatch(/concurrent payments\s+658,800/);
    expect((await pcnsim('estimate', '--tps', '7', '--lifetime-days', '1', '--path-length', '3')).stdout).toMatch(/channels at once\s+151,200[\s\S]*concurrent payments\s+50,400/);
    expectOneLineError(await pcnsim('estimate', '--tps', 'fast'), '--tps');
  });

  it('schema prints a JSON Schema that names every top-level section', async () => {
    const r = await pcnsim('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'chain', 'channels', 'payments', 'workload', 'topology', 'expect']));
    expect(schema.required).toEqual(['name']);
  });

  it('list shows the bundled scenarios with their descriptions', async () => {
    const r = await pcnsim('list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scenarios\/examples\/one-channel-cheat\.yaml\s+BRIEF §5 ex\. 1/);
    for (const game of ['breach', 'offline', 'htlc-race', 'jamming', 'mass-exit', 'censorship']) expect(r.stdout).toMatch(new RegExp(`^  ${game}\\s+\\S`, 'm'));
  });

  it('game breach --narrate tells the breach in order, then the payoff table', async () => {
    const r = await pcnsim('game', 'breach', '--narrate', '--seeds', '2');
    expect(r.code).toBe(0);
    const steps = [
      'channel alice-bob is open',
      'alice pays 90 sat in alice-bob: both sign sequence 2',
      'alice broadcasts its copy of an RSMC commitment',
      "the contract accepts alice's copy of sequence 1",
      'sequence 1 had been revoked: alice is cheating',
      'bob broadcasts the penalty',
      "the contract checks bob's revocation proof for sequence 1: valid, so bob takes the bond",
      'balances: alice 8 sat · bob 208 sat',
      "the contract refuses alice's withdraw",
      'Payoffs:',
    ];
    const at = steps.map((s) => r.stdout.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  // 1,100 plays; sim/games/sweeps.test.ts checks every game's sweep against its closed form in npm test.
  deep('game breach --sweep online=0.5..1:0.05 finds the break-even point near the closed form', async () => {
    const out = join(tmp, 'sweep.html');
    const r = await pcnsim('game', 'breach', '--sweep', 'online=0.5..1:0.05', '--seeds', '100', '--out', out);
    expect(r.code).toBe(0);
    // The closed form's u* = 0.6665 lies between grid points 0.65 and 0.7: the crossing is that interval.
    expect(r.stdout).toContain('Break-even (+0 sat): simulated between online = 0.65 and 0.7; predicted between online = 0.65 and 0.7.');
    expect(r.stdout).toContain('u* = 1 − (1 − p*)^(1/W) = 0.6667');
    expect(r.stdout).not.toContain('outside the CI');
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('echarts.init');
    expect(page).toContain('<th class="n">online</th>');
  });

  it('game --sweep --out DIR writes the sweep tables and the page, prints what --jobs 1 prints, and resumes', async () => {
    const out = join(tmp, 'offline-sweep');
    const args = ['game', 'offline', '--sweep', 'away=0..12:6', '--seeds', '2'];
    const alone = await pcnsim(...args, '--jobs', '1');
    const r = await pcnsim(...args, '--jobs', '2', '--out', out);
    expect(r.code).toBe(0);
    const [table, wrote] = [r.stdout.trimEnd().split('\n').slice(0, -1).join('\n'), r.stdout.trimEnd().split('\n').pop()];
    expect(table).toBe(alone.stdout.trimEnd());
    expect(wrote).toBe(`wrote ${out}/ (runs.csv, runs.ndjson, summary.csv, summary.json, sweep.html, offline-sweep.html; run folders in ${out}/runs/)`);
    // 3 points × 2 seeds; the offline game is the same for every seed: the closed form exactly.
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('run,point,away,seed,outcome,setUp,gain_alice,gain_bob,gain_tower,predicted,error');
    expect(rows).toHaveLength(7);
    for (const line of rows.slice(1)) expect(line.split(',')[4]).toBe(line.split(',')[9]);
    expect(readFileSync(join(out, 'offline-sweep.html'), 'utf8')).toContain('echarts.init');
    expect((await pcnsim(...args, '--out', out)).stdout).toContain('; 6 runs resumed)');
  });

  it('bench --sweep times a sweep three ways with the same rows and writes its figures; its flags need --sweep', async () => {
    const out = join(tmp, 'bench-sweep.json');
    // Spawned: the thread pool runs the built workers (dist/), which an in-process test under jest does not load.
    const r = spawned('bench', '--sweep', '--vary', 'defaults.feePpm=100,1000', '--seeds', '2', '--repeat', '1', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 points × 2 seeds = 4 runs/);
    expect(r.stdout).toMatch(/speed-up of --jobs 2 over --jobs 1: [\d.]+×; the pool costs -?\d+ ms to start .* and -?[\d.]+ ms per further run; same rows every way/);
    const bench = JSON.parse(readFileSync(out, 'utf8')).sweep;
    expect(bench).toMatchObject({ runs: 4, failed: 0, seeds: 2, repeat: 1 });
    expect(bench.timings.map((t: { name: string }) => t.name)).toEqual(['this thread (--jobs 1)', 'pool of 1 thread', 'pool of 2 threads (--jobs 2)']);
    expect(bench.speedUp).toBeCloseTo(bench.timings[0].seconds / bench.timings[2].seconds, 9);
    expectOneLineError(await pcnsim('bench', '--seeds', '2'), '--seeds', '--sweep');
    expectOneLineError(await pcnsim('bench', '--sweep', '--vary', 'defaults.feePpm=', '--out', out), '--vary');
  }, 60_000);

  it('game flags: bad input is one line with exit 2', async () => {
    expectOneLineError(await pcnsim('game', 'chess'), 'unknown game', 'breach');
    expectOneLineError(await pcnsim('game', 'breach', '--set', 'online=2'), 'online=2', 'from 0 to 1');
    expectOneLineError(await pcnsim('game', 'breach', '--set', 'colour=1'), "unknown parameter 'colour'");
    expectOneLineError(await pcnsim('game', 'breach', '--set', 'online'), '--set', 'key=number');
    expectOneLineError(await pcnsim('game', 'breach', '--sweep', 'online=1..0.5:0.1'), '--sweep');
    expectOneLineError(await pcnsim('game', 'breach', '--out', 'x.html'), '--out');
    expectOneLineError(await pcnsim('game', 'breach', '--jobs', '2'), '--jobs', '--sweep');
    expectOneLineError(await pcnsim('game', 'breach', '--sweep', 'online=0.5..1:0.5', '--jobs', '0'), '--jobs', 'whole number');
    expectOneLineError(await pcnsim('game', 'breach', '--sweep', 'online=0.5..1:0.5', '--out', '/proc/x'), '--out');
  });
});

describe('pcnsim estimate --simulate', () => {
  it('prints the bound, the scaling argument and the measured figures next to it; same seed, same figures', async () => {
    const run = (...extra: string[]) => pcnsim('estimate', '--simulate', '--scale', '20000', '--seeds', '2', ...extra);
    const a = await run();
    expect(a.code).toBe(0);
    for (const part of ['3,952,800', '658,800', 'Simulated at scale 1/20,000 (seed 1)', "Little's law", 'open channels (mean)', 'concurrent payments', 'limit: ', 'Over 2 seeds (1–2)', '95% confidence interval']) expect(a.stdout).toContain(part);
    const figures = (s: string) => s.replace(/\(.*wall-clock\)/, '');
    expect(figures((await run('--seed', '1')).stdout)).toBe(figures(a.stdout));
    const demand = await pcnsim('estimate', '--simulate', '--scale', '20000', '--seeds', '1', '--seed', '2', '--demand', '3');
    expect(demand.stdout).toContain("openers arrive at 3 × the bound's rate");
    expect(demand.stdout).toContain('Over 1 seed (2), scaled back × 20,000\n(one seed gives no interval: use --seeds 2 or more)');
    expect(demand.stdout).not.toMatch(/ ± /);
  });

  it('bad --scale, --seed or --txs-per-channel is one line with exit 2', async () => {
    expectOneLineError(await pcnsim('estimate', '--simulate', '--scale', 'big'), '--scale', 'positive number');
    expectOneLineError(await pcnsim('estimate', '--simulate', '--scale', '1'), '--scale', '100 to 100,000 channels');
    expectOneLineError(await pcnsim('estimate', '--simulate', '--seed', '-3'), '--seed');
    expectOneLineError(await pcnsim('estimate', '--simulate', '--txs-per-channel', '2.5'), '--txs-per-channel', 'whole number');
    expectOneLineError(await pcnsim('estimate', '--scale', '1000'), '--scale', 'only used with --simulate');
    expectOneLineError(await pcnsim('estimate', '--seeds', '3'), '--seeds', 'only used with --simulate');
    expectOneLineError(await pcnsim('estimate', '--demand', '3'), '--demand', 'only used with --simulate');
    expectOneLineError(await pcnsim('estimate', '--simulate', '--seeds', '0'), '--seeds', 'whole number from 1 to 100');
    expectOneLineError(await pcnsim('estimate', '--simulate', '--seeds', '2.5'), '--seeds', 'whole number');
    expectOneLineError(await pcnsim('estimate', '--simulate', '--demand', '-1'), '--demand', 'positive number');
    expectOneLineError(await pcnsim('estimate', '--simulate', '--demand', '101'), '--demand', 'up to 100');
  });
});
