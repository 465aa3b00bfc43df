/**
 * Accepted mutations of the worked examples (tiny deposits, one-second freezes, odd kinds, actions
 * turned into others…) must run to the end: a scenario that validates never meets an internal
 * error. FUZZ_SEED picks another search; `npm run test:deep` widens it.
 */
import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { ScenarioError } from '../errors.js';
import { parseScenario } from './load.js';
import { runScenario } from './run.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const seeds = readdirSync(join(root, 'scenarios', 'examples')).map((f) => parse(readFileSync(join(root, 'scenarios', 'examples', f), 'utf8')) as Record<string, unknown>);
const junk = fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.constantFrom('1 sat', '0 sat', '1 msat', '1s', '0s', '1 blocks', '2 blocks', 'alice', 'bob', 'carol', '0.001 btc', 'sprites', 'one-way', 'asymmetric', 'close', 'broadcast', 'offline', 'fail', 'open'));
function paths(v: unknown, p: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [p];
  const e = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  return [p, ...e.flatMap(([k, x]) => paths(x, [...p, k]))];
}
it('accepted mutations run without internal errors', () => {
  let ran = 0;
  fc.assert(
    fc.property(fc.nat(), fc.nat(), junk, (s, p, value) => {
      const data = structuredClone(seeds[s % seeds.length]!);
      const all = paths(data).filter((x) => x.length > 0);
      const path = all[p % all.length]!;
      let node = data as Record<string | number, unknown>;
      for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
      node[path[path.length - 1]!] = value;
      let scenario;
      try {
        scenario = parseScenario(stringify(data), 'm.yaml');
      } catch (e) {
        if (e instanceof ScenarioError) return;
        throw e;
      }
      ran++;
      runScenario(scenario, { untilMs: Math.min(scenario.untilMs, 2 * 86_400_000) });
    }),
    { seed: Number(process.env.FUZZ_SEED ?? 5), numRuns: runs(150) },
  );
  expect(ran).toBeGreaterThan(20);
});
