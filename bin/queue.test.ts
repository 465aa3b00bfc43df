/**
 * The queue mode against a real Redis (Debian's redis-server, started here on a free loopback
 * port; no mocks): two workers give the same runs table as one thread, and a worker killed
 * mid-run loses nothing: its run is retried elsewhere and lands once. Skipped without
 * redis-server, except under CI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'bin', 'pcnsim.js');
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const suite = hasRedis || process.env.CI ? describe : describe.skip;
const dir = mkdtempSync(join(tmpdir(), 'pcnsim-queue-'));
const scenario = join(dir, 's.yaml');
writeFileSync(scenario, 'name: q\nchannels:\n  - { between: [a, b], deposit: [20000 sat, 20000 sat] }\nworkload: { rate: 2/min, amount: { dist: uniform, min: 100 sat, max: 3000 sat }, duration: 1d }\nrun: { until: 1d }\n');

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
const exited = (p: ChildProcess): Promise<number | null> => new Promise((resolve) => p.on('exit', resolve));
const pcnsim = (args: string[], env: Record<string, string> = {}): ChildProcess => spawn(process.execPath, [cli, ...args], { cwd: dir, env: { ...process.env, ...env }, stdio: 'ignore' });

suite('sweep --queue with pcnsim workers on a real Redis', () => {
  let redis: ChildProcess;
  let url = '';
  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(() => void redis?.kill());

  it('two workers, one killed mid-run: every run lands once, the tables equal one thread\'s', async () => {
    const vary = ['--vary', 'workload.rate=2/min,4/min', '--seeds', '4'];
    expect(await exited(pcnsim(['sweep', scenario, ...vary, '--jobs', '1', '--out', 'local']))).toBe(0);
    const env = { PCNSIM_QUEUE_LOCK_MS: '2000' };
    const sweep = pcnsim(['sweep', scenario, ...vary, '--queue', url, '--out', 'queued'], env);
    const doomed = pcnsim(['worker', '--queue', url, '--stay'], env);
    // Killed while it holds a run: BullMQ's active list is not empty.
    const port = url.split(':').pop()!;
    const cli = (...a: string[]): string => spawnSync('redis-cli', ['-p', port, ...a], { encoding: 'utf8' }).stdout.trim();
    for (let i = 0; i < 300 && Number(cli('LLEN', 'bull:pcnsim-runs:active')) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    doomed.kill('SIGKILL');
    const survivor = pcnsim(['worker', '--queue', url], env);
    expect(await exited(sweep)).toBe(0);
    await exited(survivor);
    for (const f of ['runs.csv', 'runs.ndjson', 'summary.csv', 'summary.json']) expect(readFileSync(join(dir, 'queued', f), 'utf8')).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
    const ids = readFileSync(join(dir, 'queued', 'runs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect(new Set(ids).size).toBe(8);
    // The run the killed worker held was started twice (BullMQ counts attempts started).
    const started = ids.map((id) => Number(cli('HGET', `bull:pcnsim-runs:${id}`, 'ats') || '0'));
    expect(Math.max(...started)).toBeGreaterThanOrEqual(2);
  }, 90_000);
});
