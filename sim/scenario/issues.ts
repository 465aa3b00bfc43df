/**
 * Turns zod issues into ScenarioErrors: one line each, naming the field path, what was wrong and
 * what was expected, with a "did you mean" hint for a misspelt key, and for a key of another
 * kind (an action's `do`, an agent's `strategy`) the kind it belongs to.
 */
import type { z } from 'zod';
import { ScenarioError } from '../errors.js';
import type { InputErrorCode } from '../errorCodes.js';
import { closest } from './hints.js';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

/** `input` is the document parsed: it picks the branch of a discriminated union (the kind). */
export function toScenarioErrors(schema: z.ZodType, issues: readonly z.core.$ZodIssue[], input?: unknown): ScenarioError[] {
  return issues.flatMap(specific).flatMap((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const { keys: valid, kind } = keysAt(schema, issue.path, input);
      return issue.keys.map((key) => {
        const owners = kind?.owners(key) ?? [];
        if (kind && owners.length) {
          const form = (v: string) => `'${kind.discriminator}: ${v}'`;
          const belongs = owners.length === kind.kinds - 1 ? `every other ${kind.discriminator} has it` : `it belongs to ${owners.map(form).join(' or ')}`;
          return new ScenarioError('unused-field', `'${key}' does nothing for ${form(kind.value)} (${belongs}); expected only: ${valid.join(', ')}`, `${path}.${key}`);
        }
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

function codeOf(issue: z.core.$ZodIssue): InputErrorCode {
  // Unit parsers carry their own code (bad-amount, amount-too-large, bad-duration, …).
  if (issue.code === 'custom') return typeof issue.params?.code === 'string' ? (issue.params.code as InputErrorCode) : /amount/.test(issue.message) ? 'bad-amount' : 'bad-value';
  if (isNoKind(issue)) return kindOf(issue) === undefined ? 'missing-field' : 'bad-value';
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && 'input' in issue && issue.input === undefined) return 'missing-field';
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
      if (isNoKind(issue)) {
        const kinds = `expected one of ${issue.options.filter((o) => o !== undefined).map((o) => JSON.stringify(o)).join(', ')}`;
        const kind = kindOf(issue);
        return kind === undefined ? `missing; ${kinds}` : `${kinds}, got ${show(kind)}`;
      }
      return issue.input === undefined ? `missing; expected ${unionForm(issue)}` : `expected ${unionForm(issue)}, got ${got}`;
    default:
      // Unit parsers already say what they got.
      return got === undefined || /\bgot\b/.test(issue.message) ? issue.message : `${issue.message}, got ${got}`;
  }
}

/** A discriminated union's "no branch has this kind" (path: the discriminator field). */
function isNoKind(issue: z.core.$ZodIssue): issue is z.core.$ZodIssueInvalidUnion & { options: unknown[] } {
  return issue.code === 'invalid_union' && 'discriminator' in issue && Array.isArray((issue as { options?: unknown }).options);
}

/** The discriminator's value in the object that matched no kind. */
function kindOf(issue: z.core.$ZodIssueInvalidUnion & { discriminator?: unknown }): unknown {
  const input = issue.input;
  return input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[String(issue.discriminator)] : undefined;
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

type Def = Record<string, unknown>;
const defOf = (n: unknown): Def => (n as { _zod: { def: Def } })._zod.def;

/** The kind an object matched in a discriminated union, and which other kinds have a key. */
interface Kind {
  readonly discriminator: string;
  readonly value: string;
  /** How many kinds the union has. */
  readonly kinds: number;
  readonly owners: (key: string) => string[];
}

/**
 * The valid keys of the object schema at `path` (walking through optionals, arrays, records),
 * and, when that object is a branch of a discriminated union, the kind `input` picked there.
 */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[], input: unknown): { keys: string[]; kind?: Kind } {
  let node: unknown = schema;
  let value = input;
  let kind: Kind | undefined;
  const unwrap = (n: unknown): unknown => {
    for (;;) {
      const def = (n as { _zod?: { def?: Def } })._zod?.def;
      if (!def) return n;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') n = def.innerType;
      else if (def.type === 'pipe') n = def.in;
      else return n;
    }
  };
  // In a union, the keys are those of the mapping branch; in a discriminated union, of the branch
  // whose discriminator the input has (honest when an optional discriminator is left out).
  const objectBranch = (n: unknown): unknown => {
    kind = undefined;
    const def = defOf(n);
    if (def.type !== 'union') return n;
    const options = (def.options as unknown[]).map(unwrap);
    if (typeof def.discriminator === 'string') {
      const discriminator = def.discriminator;
      const values = (o: unknown) => [...((o as { _zod: { propValues?: Record<string, Set<unknown>> } })._zod.propValues?.[discriminator] ?? [])];
      const own = (value as Record<string, unknown> | undefined)?.[discriminator];
      const branch = options.find((o) => values(o).includes(own));
      if (!branch) return n;
      const name = (o: unknown) => String(values(o).find((v) => v !== undefined));
      kind = {
        discriminator,
        value: name(branch),
        kinds: options.length,
        owners: (key) => options.filter((o) => o !== branch && key in (defOf(o).shape as object)).map(name),
      };
      return branch;
    }
    return options.find((o) => defOf(o).type === 'object') ?? n;
  };
  for (const key of path) {
    node = objectBranch(unwrap(node));
    const def = defOf(node);
    if (def.type === 'object') node = (def.shape as Record<string, unknown>)[String(key)];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return { keys: [] };
    if (node === undefined) return { keys: [] };
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  node = objectBranch(unwrap(node));
  const def = defOf(node);
  return def.type === 'object' ? { keys: Object.keys(def.shape as object), ...(kind ? { kind } : {}) } : { keys: [] };
}
