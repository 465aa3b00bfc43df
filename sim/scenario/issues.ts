/**
 * Turns zod issues into ScenarioErrors: one line each, naming the field path, what was wrong and
 * what was expected, with a "did you mean" hint for a misspelt key.
 */
import type { z } from 'zod';
import { ScenarioError } from '../errors.js';
import { closest } from './hints.js';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

export function toScenarioErrors(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): ScenarioError[] {
  return issues.flatMap(specific).flatMap((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const valid = keysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const hint = closest(key, valid);
        const expected = valid.length ? `; expected one of: ${valid.join(', ')}` : '';
        return new ScenarioError('unknown-key', hint ? `unknown key '${key}' (did you mean '${hint}'?)` : `unknown key '${key}'${expected}`, path);
      });
    }
    return [new ScenarioError(codeOf(issue), describe(issue), path)];
  });
}

/**
 * For a value that matched no branch of a union, the issues of the branch it came closest to:
 * the first branch whose complaint is not simply "wrong type here" (e.g. a negative amount
 * inside [a, b]). Branch issues have paths relative to the union; they are re-rooted.
 */
function specific(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const typeMismatch = (i: z.core.$ZodIssue): boolean => i.path.length === 0 && (i.code === 'invalid_type' || (i.code === 'invalid_union' && i.errors.every((b) => b.every(typeMismatch))));
  const branch = issue.errors.find((b) => b.length > 0 && !b.every(typeMismatch));
  if (!branch) return [issue];
  return branch.flatMap((i) => specific({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
}

function codeOf(issue: z.core.$ZodIssue): string {
  // Unit parsers carry their own code (bad-amount, amount-too-large, bad-duration, …).
  if (issue.code === 'custom') return typeof issue.params?.code === 'string' ? issue.params.code : /amount/.test(issue.message) ? 'bad-amount' : 'bad-value';
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'missing-field';
  return 'bad-value';
}

function describe(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue ? show(issue.input) : undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing; expected ${article(issue.expected)}`;
      return `expected ${article(issue.expected)}, got ${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'too_small':
      return issue.origin === 'array' ? `expected at least ${issue.minimum} entries` : `expected a number ${issue.inclusive ? '≥' : '>'} ${issue.minimum}, got ${got}`;
    case 'too_big':
      return issue.origin === 'array' ? `expected at most ${issue.maximum} entries` : `expected a number ${issue.inclusive ? '≤' : '<'} ${issue.maximum}, got ${got}`;
    case 'invalid_format':
      return `${issue.message.replace(/^Invalid string: /, '')}, got ${got}`;
    case 'invalid_union':
      return `expected ${unionForm(issue)}, got ${got}`;
    default:
      // Unit parsers already say what they got.
      return got === undefined || /\bgot\b/.test(issue.message) ? issue.message : `${issue.message}, got ${got}`;
  }
}

function unionForm(issue: z.core.$ZodIssueInvalidUnion): string {
  const types = (i: z.core.$ZodIssue): string[] => (i.code === 'invalid_type' ? [i.expected] : i.code === 'invalid_union' ? i.errors.flat().flatMap(types) : []);
  const expected = issue.errors.flat().flatMap(types);
  const unique = [...new Set(expected)];
  return unique.length ? unique.map(article).join(' or ') : 'another form';
}

function article(type: string): string {
  const names: Record<string, string> = { int: 'whole number', number: 'number', string: 'string', boolean: 'true or false', array: 'list', object: 'mapping', tuple: 'list of two' };
  const name = names[type] ?? type;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function show(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (typeof input === 'number' && !Number.isFinite(input)) return String(input); // NaN, Infinity (.nan, .inf, 1e999)
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  const text = JSON.stringify(input);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** The valid keys of the object schema at `path` (walking through optionals, arrays, records). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  const unwrap = (n: unknown): unknown => {
    for (;;) {
      const def = (n as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return n;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') n = def.innerType;
      else if (def.type === 'pipe') n = def.in;
      else return n;
    }
  };
  // In a union (an amount or a mapping), the keys are the mapping branch's.
  const objectBranch = (n: unknown): unknown => {
    const def = (n as { _zod: { def: Record<string, unknown> } })._zod.def;
    return def.type === 'union' ? (def.options as unknown[]).map(unwrap).find((o) => (o as { _zod: { def: { type: string } } })._zod.def.type === 'object') ?? n : n;
  };
  for (const key of path) {
    node = objectBranch(unwrap(node));
    const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object') node = (def.shape as Record<string, unknown>)[String(key)];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return [];
    if (node === undefined) return [];
  }
  node = objectBranch(unwrap(node));
  const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === 'object' ? Object.keys(def.shape as object) : [];
}
