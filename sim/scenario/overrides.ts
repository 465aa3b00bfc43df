/**
 * Overrides (`pcnsim run --set path=value`, the points of a sweep): values written into the parsed
 * scenario document before it is validated, so an override is checked exactly like the file
 * (units, ranges, unknown keys with their "did you mean" hint). A path is dotted, with list
 * indices as numbers or in brackets (`defaults.freeze`, `channels.0.deposit`, `agents.bob.online`,
 * `channels[1].freeze`); a value is read as YAML (`288 blocks`, `0.9`, `[100 sat, 5 sat]`).
 */
import { parse } from 'yaml';
import { printable, ScenarioError } from '../errors.js';
import { formatPath } from './issues.js';

export type ScenarioDoc = Record<string, unknown>;

export interface Override {
  /** The path's parts: keys of mappings, indices of lists. */
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  /** As the user wrote it, for messages and provenance. */
  readonly text: string;
}

const FORM = 'path=value, e.g. defaults.freeze=288 blocks or agents.bob.online=0.9';
/** Keys that would reach an object's prototype instead of a field. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** `a.b[2].c` or `a.b.2.c` → ['a', 'b', 2, 'c']; null when it is no path. */
export function parsePath(text: string): (string | number)[] | null {
  const parts = text.replace(/\[(\d+)\]/g, '.$1').split('.');
  if (parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p) || FORBIDDEN.has(p))) return null;
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** One `path=value` of `flag`; bad syntax is a ScenarioError naming the flag. */
export function parseOverride(text: string, flag = '--set'): Override {
  const eq = text.indexOf('=');
  const path = eq > 0 ? parsePath(text.slice(0, eq).trim()) : null;
  if (!path) throw new ScenarioError('bad-flag', `'${printable(text.slice(0, 200))}': expected ${FORM}`, flag);
  const raw = text.slice(eq + 1).trim();
  if (raw === '') throw new ScenarioError('bad-flag', `'${printable(text.slice(0, 200))}' has no value; expected ${FORM}`, flag);
  let value: unknown;
  try {
    value = parse(raw, { maxAliasCount: 0 });
  } catch {
    value = raw; // not YAML on its own (e.g. `a: b: c`): taken as the text, which validation judges
  }
  return { path, value, text };
}

/** The document with every override written in (a copy; the input is unchanged). */
export function applyOverrides(doc: ScenarioDoc, overrides: readonly Override[], flag = '--set'): ScenarioDoc {
  const copy = structuredClone(doc);
  for (const o of overrides) setPath(copy, o, flag);
  return copy;
}

function setPath(doc: ScenarioDoc, o: Override, flag: string): void {
  let node: unknown = doc;
  o.path.forEach((key, i) => {
    const last = i === o.path.length - 1;
    const here = formatPath(o.path.slice(0, i)) || 'the scenario';
    if (Array.isArray(node)) {
      if (typeof key !== 'number' || key > node.length) {
        throw new ScenarioError('bad-flag', `'${printable(o.text)}': ${here} is a list of ${node.length}; expected an index from 0 to ${node.length}`, flag);
      }
    } else if (node === null || typeof node !== 'object') {
      throw new ScenarioError('bad-flag', `'${printable(o.text)}': ${here} is ${JSON.stringify(node)}, not a mapping or list; expected a path into mappings and lists`, flag);
    }
    const container = node as Record<string | number, unknown>;
    if (last) container[key] = structuredClone(o.value);
    else {
      container[key] ??= typeof o.path[i + 1] === 'number' ? [] : {};
      node = container[key];
    }
  });
}

/**
 * A validation error of an overridden document, saying which override it came from when its
 * field is the override's (or inside it, or the mapping that refused an unknown key).
 */
export function blameOverride(error: ScenarioError, overrides: readonly Override[], flag = '--set'): ScenarioError {
  const culprit = [...overrides].reverse().find((o) => {
    const path = formatPath(o.path);
    const parent = formatPath(o.path.slice(0, -1));
    return error.path === path || error.path.startsWith(`${path}.`) || error.path.startsWith(`${path}[`) || (error.code === 'unknown-key' && error.path === parent && error.detail.includes(`'${String(o.path[o.path.length - 1])}'`));
  });
  return culprit ? new ScenarioError(error.code, `${error.detail} (from ${flag} ${printable(culprit.text)})`, error.path, error.file) : error;
}
