/**
 * The module structure STYLE.md draws, checked on the source: a module uses another only through
 * its `index.ts`, and dependencies go one way (no cycle between modules, type imports included),
 * with the layers `bin → scenario → agents → channel → chain → engine` and `report` receiving
 * records only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sim = join(root, 'sim');
const MODULES = readdirSync(sim, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

interface Import {
  readonly file: string;
  readonly from: string; // importing module ('' for a top-level file of sim/, 'bin')
  readonly to: string; // imported module, or a top-level file of sim/
  readonly viaIndex: boolean;
}

/** Every relative import of production code (tests may reach into any file they test). */
function imports(): Import[] {
  const files = ['sim', 'bin'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
      .map((f) => join(root, dir, f)),
  );
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const from = moduleOf(file);
    return [...text.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)';/gms)].map((m) => {
      const target = normalize(join(dirname(file), m[1]!));
      return { file: relative(root, file), from, to: moduleOf(target), viaIndex: target.endsWith(`${sep}index.js`) };
    });
  });
}

/** The module a path is in: a folder of sim/, a top-level file of sim/ (by name), or `bin`. */
function moduleOf(path: string): string {
  const rel = relative(sim, path);
  if (rel.startsWith('..')) return 'bin';
  const [first, ...rest] = rel.split(sep);
  return rest.length > 0 && MODULES.includes(first!) ? first! : first!.replace(/\.[jt]s$/, '');
}

const all = imports();
const across = all.filter((i) => i.from !== i.to && MODULES.includes(i.to));

describe('module structure', () => {
  it('a module uses another only through its index.ts', () => {
    expect(across.filter((i) => !i.viaIndex).map((i) => `${i.file} → ${i.to}`)).toEqual([]);
  });

  it('every module has an index.ts that the others use', () => {
    for (const m of MODULES.filter((m) => m !== 'testing')) expect([m, readdirSync(join(sim, m)).includes('index.ts')]).toEqual([m, true]);
  });

  it('has no cycle between modules', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of all) if (i.from !== i.to) edges.set(i.from, (edges.get(i.from) ?? new Set()).add(i.to));
    const cycle = findCycle(edges);
    expect(cycle).toBeUndefined();
  });

  it('keeps the layers STYLE.md draws: engine ← chain ← channel ← agents ← scenario, report beside', () => {
    const below: Record<string, readonly string[]> = {
      engine: ['scenario', 'agents', 'channel', 'chain', 'report', 'router'],
      chain: ['scenario', 'agents', 'channel', 'report', 'router'],
      channel: ['scenario', 'agents', 'report', 'router'],
      agents: ['scenario', 'games', 'sweep'],
      report: ['scenario', 'agents', 'games', 'sweep'],
      router: ['scenario', 'agents', 'report'],
    };
    const wrong = across.filter((i) => below[i.from]?.includes(i.to)).map((i) => `${i.file} → ${i.to}`);
    expect(wrong).toEqual([]);
  });
});

/** A cycle in a directed graph, as its path, or undefined. */
function findCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...edges.keys()].sort()) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}
