/**
 * A sweep's grid: the points (one value per varied scenario path) to run, each with every seed.
 * From flags (`--vary path=a..b:step[ unit]`, `--vary path=v1,v2,…`; several = the Cartesian
 * product, the first varying slowest) or from a grid file (`vary:` the same as a mapping, and/or
 * `points:` a list of explicit points). Values are YAML scalars written into the scenario, so
 * `--vary defaults.freeze=144..288:72 blocks` sweeps 144, 216 and 288 blocks.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fsReason, printable, ScenarioError } from '../errors.js';
import { parsePath, type Override } from '../scenario/index.js';

/** One value of a varied path. */
export type GridValue = string | number | boolean;

export interface Grid {
  /** The varied paths, as written (`defaults.freeze`), in column order. */
  readonly names: readonly string[];
  /** Each point's values, aligned with `names`. */
  readonly points: readonly (readonly GridValue[])[];
}

/** Most points a grid may have (each runs with every seed). */
export const MAX_POINTS = 10_000;
/** Most values one range may give. */
const MAX_RANGE = 1_000;

const VARY_FORM = 'path=a..b:step (an optional unit after the step, e.g. defaults.freeze=144..288:72 blocks) or path=v1,v2,…';

/** `a..b:step[ unit]` → its values; null when the text is no range. */
function range(text: string, flag: string, where: string): GridValue[] | null {
  const m = /^(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*([A-Za-z%/][\w/%]*)?$/.exec(text.trim());
  if (!m) return null;
  const [from, to, step] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!(step > 0) || to < from) throw new ScenarioError('bad-grid', `${where}: '${printable(text)}': expected a ≤ b and a step > 0`, flag);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_RANGE) throw new ScenarioError('bad-grid', `${where}: '${printable(text)}' has ${count} values; expected at most ${MAX_RANGE}`, flag);
  // Decimals of the inputs, so 0.5 + 3 × 0.05 is 0.65, not 0.6500000000000001.
  const decimals = Math.max(...[m[1]!, m[2]!, m[3]!].map((s) => (s.split('.')[1] ?? '').length));
  const unit = m[4] ? ` ${m[4]}` : '';
  return Array.from({ length: count }, (_, i) => {
    const v = Number((from + i * step).toFixed(decimals));
    return unit ? `${v}${unit}` : v;
  });
}

/** A list item or a scalar read as YAML (`0.9` is a number, `288 blocks` a string). */
function scalar(text: string): GridValue {
  try {
    const v: unknown = parse(text, { maxAliasCount: 0 });
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  } catch {
    // not YAML on its own: the text itself
  }
  return text.trim();
}

function checkedPath(name: string, flag: string, where: string): string {
  if (!parsePath(name)) throw new ScenarioError('bad-grid', `${where}: '${printable(name.slice(0, 200))}' is no scenario path; expected ${VARY_FORM}`, flag);
  return name;
}

/** One `--vary`: its path and values. */
export function parseVary(text: string, flag = '--vary'): { name: string; values: GridValue[] } {
  const eq = text.indexOf('=');
  if (eq <= 0 || text.slice(eq + 1).trim() === '') throw new ScenarioError('bad-grid', `'${printable(text.slice(0, 200))}': expected ${VARY_FORM}`, flag);
  const name = checkedPath(text.slice(0, eq).trim(), flag, `'${printable(text.slice(0, 200))}'`);
  const spec = text.slice(eq + 1);
  const values = range(spec, flag, name) ?? spec.split(',').map((v) => v.trim());
  if (values.some((v) => v === '')) throw new ScenarioError('bad-grid', `'${printable(text.slice(0, 200))}' has an empty value; expected ${VARY_FORM}`, flag);
  return { name, values: values.map((v) => (typeof v === 'string' ? scalar(v) : v)) };
}

/** The Cartesian product of several varied paths (the first varies slowest). */
export function product(axes: readonly { name: string; values: readonly GridValue[] }[], flag: string): Grid {
  const names = axes.map((a) => a.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new ScenarioError('bad-grid', `${dup} is varied twice; expected each path once`, flag);
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size > MAX_POINTS) throw new ScenarioError('bad-grid', `the grid has ${size} points; expected at most ${MAX_POINTS}`, flag);
  let points: GridValue[][] = [[]];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => [...p, v]));
  return { names, points };
}

export function gridFromFlags(vary: readonly string[]): Grid {
  return product(vary.map((v) => parseVary(v)), '--vary');
}

/**
 * A grid file (YAML or JSON):
 * ```yaml
 * vary:                      # the Cartesian product, as --vary
 *   defaults.freeze: 144..288:72 blocks
 *   agents.bob.online: [0.8, 0.9, 1]
 * points:                    # and/or explicit points (every point names the same paths)
 *   - { defaults.freeze: 144 blocks, agents.bob.online: 0.5 }
 * ```
 */
export function gridFromFile(file: string, flag = '--grid'): Grid {
  let doc: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    doc = parse(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ? fsReason(error) : `invalid YAML: ${String((error as Error).message).split('\n')[0]}`;
    throw new ScenarioError('bad-grid', `${file}: ${why}; expected a grid file with 'vary' and/or 'points'`, flag);
  }
  const bad = (detail: string): ScenarioError => new ScenarioError('bad-grid', `${file}: ${detail}`, flag);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw bad(`expected a mapping with 'vary' and/or 'points'`);
  const { vary, points, ...rest } = doc as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw bad(`unknown key '${printable(extra)}'; expected 'vary' and/or 'points'`);
  if (vary === undefined && points === undefined) throw bad(`expected 'vary' and/or 'points'`);
  const axes = vary === undefined ? [] : axesOf(vary, bad, flag, file);
  const grid = product(axes, flag);
  if (points === undefined) return grid;
  if (!Array.isArray(points) || points.length === 0) throw bad('points: expected a list of mappings of path: value');
  const names = grid.names.length > 0 ? grid.names : Object.keys((points[0] ?? {}) as object);
  const explicit = points.map((p, i) => {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw bad(`points[${i}]: expected a mapping of path: value`);
    const keys = Object.keys(p);
    if (keys.length !== names.length || names.some((n) => !keys.includes(n))) throw bad(`points[${i}]: expected exactly the paths ${names.join(', ')}`);
    names.forEach((n) => checkedPath(n, flag, `${file}: points[${i}]`));
    return names.map((n) => valueOf((p as Record<string, unknown>)[n], bad, `points[${i}].${n}`));
  });
  const all = [...(vary === undefined ? [] : grid.points), ...explicit];
  if (all.length > MAX_POINTS) throw bad(`the grid has ${all.length} points; expected at most ${MAX_POINTS}`);
  return { names, points: all };
}

function axesOf(vary: unknown, bad: (d: string) => ScenarioError, flag: string, file: string): { name: string; values: GridValue[] }[] {
  if (vary === null || typeof vary !== 'object' || Array.isArray(vary)) throw bad('vary: expected a mapping of path: values (a list or a..b:step)');
  return Object.entries(vary).map(([name, spec]) => {
    checkedPath(name, flag, `${file}: vary`);
    const values = typeof spec === 'string' ? (range(spec, flag, `${file}: vary.${name}`) ?? [spec]) : Array.isArray(spec) ? spec.map((v, i) => valueOf(v, bad, `vary.${name}[${i}]`)) : [valueOf(spec, bad, `vary.${name}`)];
    if (values.length === 0) throw bad(`vary.${name}: expected at least one value`);
    return { name, values };
  });
}

function valueOf(v: unknown, bad: (d: string) => ScenarioError, where: string): GridValue {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  throw bad(`${where}: expected a number, a string or true/false, got ${printable(JSON.stringify(v) ?? String(v)).slice(0, 80)}`);
}

/** A point as overrides of the scenario. */
export function overridesOf(grid: Grid, point: readonly GridValue[]): Override[] {
  return grid.names.map((name, i) => ({ path: parsePath(name)!, value: point[i], text: `${name}=${String(point[i])}` }));
}
