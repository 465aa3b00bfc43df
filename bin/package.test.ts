/**
 * pcnsim as a library, installed the way a user gets it: the packed tarball goes into a scratch
 * project, and a typed script there loads a scenario, runs it, reads the report and plays a game
 * through `import … from 'pcnsim'` — type-checked against the shipped declarations, then run.
 * `npm install` and the type check take most of a minute, so `npm test` unpacks the tarball
 * beside links to our dependencies and runs the script transpiled; `npm run test:deep` installs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const SCRIPT = `import { GAMES, VERSION, concurrencyBound, loadScenario, playGame, scenarioFromObject, simulate, type PaymentRecord, type Report } from 'pcnsim';

const scenario = loadScenario(process.argv[2]!);
const { records, report } = simulate(scenario, { seed: 1 });
const punished: number = report.penalties.punished;
const ours = scenarioFromObject({ name: 'mine', channels: [{ between: ['a', 'b'], deposit: [100, 100] }], payments: [{ at: '1h', from: 'a', to: 'b', amount: '10 sat' }] });
const paid: readonly PaymentRecord[] = simulate(ours).records.payments;
const summary: Report['payments'] = simulate(ours).report.payments;
const story = playGame('breach').story;
console.log(JSON.stringify({ version: VERSION, punished, events: records.channelEvents.length, paid: paid.map((p) => p.status), succeeded: summary.succeeded, games: GAMES.length, story: story.length > 0, bound: concurrencyBound({ tps: 10 / 3, lifetimeDays: 54.9, txsPerChannel: 4, pathLength: 6 }).channels }));
`;

/** A scratch project holding the packed tarball. */
function packed(): { scratch: string; tarball: string } {
  const scratch = mkdtempSync(join(tmpdir(), 'pcnsim-pack-'));
  run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', scratch], root);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  return { scratch, tarball: readdirSync(scratch).find((f) => f.endsWith('.tgz'))! };
}

function expectScriptOutput(stdout: string): void {
  const out = JSON.parse(stdout);
  expect(out).toEqual({ version: '0.1.0', punished: 1, events: expect.any(Number), paid: ['succeeded'], succeeded: 1, games: expect.any(Number), story: true, bound: 3_952_800 });
  expect(out.events).toBeGreaterThan(3);
  expect(out.games).toBeGreaterThanOrEqual(6);
}

const example = join(root, 'scenarios', 'examples', 'one-channel-cheat.yaml');

describe('the packed package', () => {
  it('unpacked beside our dependencies, loads through its exports: a script runs a scenario, reads the report and plays a game', () => {
    const { scratch, tarball } = packed();
    const modules = join(scratch, 'node_modules');
    mkdirSync(join(modules, '@noble'), { recursive: true });
    run('tar', ['-xzf', join(scratch, tarball), '-C', modules], scratch);
    renameSync(join(modules, 'package'), join(modules, 'pcnsim'));
    const dependencies = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: object }).dependencies);
    for (const d of dependencies) symlinkSync(join(root, 'node_modules', d), join(modules, d));
    writeFileSync(join(scratch, 'script.js'), ts.transpileModule(SCRIPT, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText);
    expectScriptOutput(run(process.execPath, ['script.js', example], scratch));
  }, 60_000);

  (process.env.PCNSIM_DEEP ? it : it.skip)('installs into a scratch project where a typed script runs a scenario, reads the report and plays a game', () => {
    const { scratch, tarball } = packed();
    run('npm', ['install', '--silent', '--prefer-offline', '--no-audit', '--no-fund', join(scratch, tarball)], scratch);
    writeFileSync(join(scratch, 'script.ts'), SCRIPT);
    const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] }, files: ['script.ts'] };
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify(tsconfig));
    run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', scratch], scratch);
    expectScriptOutput(run(process.execPath, ['script.js', example], scratch));
  }, 180_000);
});
