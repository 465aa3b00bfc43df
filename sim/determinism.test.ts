/**
 * Determinism (STYLE §2): nothing under sim/ reads an ambient clock or Math.random, and the same
 * scenario and seed give byte-identical reports — under either crypto mode.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportJson, summarize } from './report/index.js';
import { loadScenario, runScenario, type RunOptions } from './scenario/index.js';

const simDir = dirname(fileURLToPath(import.meta.url));
const root = join(simDir, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const report = (file: string, options: RunOptions = {}): string => reportJson(summarize(runScenario(loadScenario(join(root, file)), options)));

describe('determinism', () => {
  it('no ambient clock or randomness under sim/', () => {
    const banned = /Math\.random|Date\.now|new Date\(|performance\.now|process\.hrtime/;
    const hits: string[] = [];
    for (const file of sources(simDir)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (banned.test(line)) hits.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('same scenario and seed ⇒ byte-identical report; another seed ⇒ a different one', () => {
    const a = report('scenarios/studies/chain-basics.yaml');
    expect(report('scenarios/studies/chain-basics.yaml')).toBe(a);
    expect(report('scenarios/studies/chain-basics.yaml', { seed: 8 })).not.toBe(a);
  });

  it('--crypto full and --crypto lazy give byte-identical reports', () => {
    for (const file of ['scenarios/examples/one-channel-cheat.yaml', 'scenarios/examples/one-channel-offline.yaml', 'scenarios/examples/asymmetric-breach.yaml', 'scenarios/examples/four-hop-fees.yaml', 'scenarios/examples/lightning-swap-wrong-order.yaml', 'scenarios/studies/locks-sprites.yaml', 'scenarios/studies/mpp-split.yaml', 'scenarios/games/probing.yaml', 'scenarios/games/wormhole.yaml', 'scenarios/games/privacy.yaml']) {
      expect(report(file, { crypto: 'full' })).toBe(report(file, { crypto: 'lazy' }));
    }
  });

  it('every bundled example meets its expect block', async () => {
    const { unmetExpectations } = await import('./report/index.js');
    for (const file of readdirSync(join(root, 'scenarios', 'examples'))) {
      const scenario = loadScenario(join(root, 'scenarios', 'examples', file));
      expect([file, unmetExpectations(summarize(runScenario(scenario)), scenario.expect)]).toEqual([file, []]);
    }
  });

  // The studies on the real 2019 snapshot (20–50 s each) and the 1,000-node one: `npm run test:deep`.
  const HEAVY_STUDIES = /^(imported-graph|routing-|generated-1000)/;

  it('every bundled game and study meets its expect block (the snapshot studies under test:deep)', async () => {
    const { unmetExpectations } = await import('./report/index.js');
    const files = ['games', 'studies'].flatMap((dir) => readdirSync(join(root, 'scenarios', dir)).map((f) => join(dir, f)));
    const withExpect = files.filter((f) => /^expect:/m.test(readFileSync(join(root, 'scenarios', f), 'utf8')));
    expect(withExpect.length).toBeGreaterThanOrEqual(14);
    for (const file of withExpect.filter((f) => process.env.PCNSIM_DEEP || !HEAVY_STUDIES.test(basename(f)))) {
      const scenario = loadScenario(join(root, 'scenarios', file));
      expect([file, unmetExpectations(summarize(runScenario(scenario)), scenario.expect)]).toEqual([file, []]);
    }
  });
});
