/**
 * Row schemas shared by the importers: the numbers other tools write (lnd writes decimal strings,
 * sim-ln and CLoTH plain numbers), checked once, and a bad row turned into one ScenarioError that
 * names the imported file, the row and the field, and what was expected.
 */
import { z } from 'zod';
import { ScenarioError } from '../../errors.js';
import { reservedName } from '../fields.js';
import { formatPath } from '../issues.js';

/** A whole number written as a JSON number or a decimal string; values past 2^53 are clamped (limits such as 2^64 − 1 mean "none"). */
export const whole = (what: string) =>
  z.union([z.number(), z.string()]).transform((v, ctx): number => {
    const text = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : '') : v.trim();
    if (!/^-?\d+$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: `expected ${what} (a whole number), got ${show(v)}`, input: v });
      return z.NEVER;
    }
    if (text.startsWith('-')) {
      ctx.addIssue({ code: 'custom', message: `expected ${what} ≥ 0, got ${show(v)}`, input: v });
      return z.NEVER;
    }
    return Math.min(Number(text), Number.MAX_SAFE_INTEGER);
  });

/** Public keys, aliases, CLoTH ids: a non-empty string of printable characters. */
export const nodeId = z
  .string()
  .min(1, { message: 'expected a node id' })
  .max(200, { message: 'expected a node id of at most 200 characters' })
  .refine((n) => !reservedName(n), { message: 'is a name JavaScript objects already hold; expected a public key or another node id' });

export function show(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Parses `data` (at `path` in `file`) with `schema`, or throws for its first issue. */
export function parseRow<T extends z.ZodType>(schema: T, data: unknown, file: string, path: string): z.output<T> {
  // The input in each issue, so that a message can say what the row held instead of "nothing".
  const parsed = schema.safeParse(data, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = formatPath(issue.path);
  const where = at ? (path ? `${path}${at.startsWith('[') ? '' : '.'}${at}` : at) : path;
  throw new ScenarioError('bad-import', describe(issue), where, file);
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom') return issue.message;
  if (issue.code === 'invalid_type') return 'input' in issue && issue.input === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, got ${show(issue.input)}`;
  if (issue.code === 'invalid_union') {
    const inner = issue.errors.flat().find((i) => i.code === 'custom');
    if (inner) return inner.message;
    return issue.input === undefined ? 'missing; expected a number or a decimal string' : `expected a number or a decimal string, got ${show(issue.input)}`;
  }
  if (issue.code === 'unrecognized_keys') return `unknown key '${issue.keys[0]}'`;
  return `${issue.message}${'input' in issue ? `, got ${show(issue.input)}` : ''}`;
}

/** Counted, not fatal: what real dumps legitimately contain ("dropped 3 edges without policies"). */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  lines(file: string): string[] {
    return [...this.counts].map(([what, n]) => `${file}: ${what.replace('{n}', n.toLocaleString('en-US'))}`);
  }
}
