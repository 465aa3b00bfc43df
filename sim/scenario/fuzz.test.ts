/**
 * Fuzzed input: mutations of the bundled scenarios (wrong types, missing and extra keys, absurd
 * sizes, bad units, truncated text) must each be accepted or rejected with a ScenarioError —
 * never another exception (which the CLI would report as a bug with exit 1).
 */
import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { ScenarioError } from '../errors.js';
import { parseScenario } from './load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const seeds = ['examples', 'studies']
  .flatMap((d) => readdirSync(join(root, 'scenarios', d)).map((f) => join(root, 'scenarios', d, f)))
  .filter((f) => !f.includes('generated-1000') && !f.includes('chain-congestion'))
  .map((f) => ({ file: f, data: parse(readFileSync(f, 'utf8')) as Record<string, unknown> }));

const junk = fc.oneof(
  fc.integer({ min: -1e18, max: 1e18 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '-1 sat', '1e400', '5 dollars', '1.5 blocks', '9999999999 btc', 'NaN', 'Infinity', '1h', '144 blocks', '10/s', '0', 'alice', 'n0', '[', '{}'),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 2 }),
);

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function mutate(data: unknown, path: Path, how: 'replace' | 'delete' | 'extra', value: unknown): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  if (path.length === 0) return how === 'replace' ? value : copy;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (how === 'replace') node[last] = value;
  else if (how === 'delete') Array.isArray(node) ? node.splice(Number(last), 1) : delete node[last];
  else if (node[last] !== null && typeof node[last] === 'object' && !Array.isArray(node[last])) (node[last] as Record<string, unknown>)['extraKey'] = value;
  return copy;
}

function accepted(text: string): boolean {
  try {
    parseScenario(text, 'fuzz.yaml');
    return true;
  } catch (error) {
    if (error instanceof ScenarioError) {
      expect(error.message).not.toContain('\n');
      return false;
    }
    throw error;
  }
}

describe('fuzzed scenarios', () => {
  it('every mutation is accepted or rejected with a one-line ScenarioError', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom('replace', 'delete', 'extra') as fc.Arbitrary<'replace' | 'delete' | 'extra'>, junk, (s, p, how, value) => {
        const seed = seeds[s % seeds.length]!;
        const all = paths(seed.data);
        const mutated = mutate(seed.data, all[p % all.length]!, how, value);
        accepted(stringify(mutated));
        accepted(JSON.stringify(mutated));
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 8), numRuns: runs(400) },
    );
  });

  it('truncated files are rejected with one line naming the file: a stray character, an unclosed list, a name cut off', () => {
    for (const { file } of seeds) {
      const text = readFileSync(file, 'utf8');
      const name = /^name:/m.exec(text)!.index + 'name:'.length;
      const flow = text.search(/: [[{]/) + 3;
      expect(flow).toBeGreaterThan(2); // every seed has a flow collection to cut open
      for (const cut of [1, name, flow]) {
        const problem = rejection(text.slice(0, cut));
        expect({ file, cut, problem }).toEqual({ file, cut, problem: expect.stringMatching(/^fuzz\.yaml: .*(expected|invalid YAML)/) });
      }
    }
  });

  it('files cut anywhere are accepted or rejected with a one-line ScenarioError', () => {
    let rejected = 0;
    for (const { file } of seeds) {
      const text = readFileSync(file, 'utf8');
      for (const cut of [7, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 5]) if (!accepted(text.slice(0, cut))) rejected++;
    }
    // Most cuts land inside a value or a flow collection; some leave a valid, shorter scenario.
    expect(rejected).toBeGreaterThan(seeds.length);
  });
});

/** The one-line message a rejected text gets, or 'accepted'. */
function rejection(text: string): string {
  try {
    parseScenario(text, 'fuzz.yaml');
    return 'accepted';
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    expect(error.message).not.toContain('\n');
    return error.message;
  }
}
