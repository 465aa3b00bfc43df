/**
 * Reading scenario files: YAML or JSON (same schema), validated once at the boundary.
 * Every problem becomes a ScenarioError naming the file and the field path.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { fsReason, ScenarioError } from '../errors.js';
import { toScenarioErrors } from './issues.js';
import { applyOverrides, blameOverride, type Override } from './overrides.js';
import { resolveScenario, type Scenario } from './resolve.js';
import { scenarioSchema } from './schema.js';

/** Largest scenario file accepted (a scenario is configuration, not data). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A scenario file, with `overrides` (`--set`) written in before it is validated. */
export function loadScenario(file: string, overrides: readonly Override[] = []): Scenario {
  if (overrides.length === 0) return parseScenario(readScenarioFile(file), file);
  const text = readScenarioFile(file);
  return overriddenScenario(parseText(text, file) as Record<string, unknown>, overrides, file, text);
}

/** A parsed document with `overrides` written in, validated; errors say which override caused them. */
export function overriddenScenario(doc: Record<string, unknown>, overrides: readonly Override[], file: string, text?: string, flag = '--set'): Scenario {
  try {
    return scenarioFromData(applyOverrides(doc, overrides, flag), file, text);
  } catch (error) {
    throw error instanceof ScenarioError ? blameOverride(error, overrides, flag) : error;
  }
}

/** YAML aliases a file may expand (a scenario needs a handful; a "billion laughs" file needs millions). */
const MAX_ALIASES = 1000;
/** Deepest nesting of lists and mappings accepted (a scenario is about five levels deep). */
const MAX_DEPTH = 64;

/** Every problem in a file (for `validate`); an empty list means the file is valid. */
export function checkScenario(file: string): ScenarioError[] {
  return validateScenario(file).problems;
}

/** Every problem in a file and, when it has none, the warnings of the resolved scenario. */
export function validateScenario(file: string): { problems: ScenarioError[]; warnings: readonly string[] } {
  try {
    const text = readScenarioFile(file);
    const data = parseText(text, file);
    const parsed = scenarioSchema.safeParse(data, { reportInput: true });
    if (!parsed.success) return { problems: toScenarioErrors(scenarioSchema, parsed.error.issues, data).map((e) => e.inFile(file)), warnings: [] };
    return { problems: [], warnings: resolveScenario(parsed.data, file, text).warnings };
  } catch (error) {
    if (error instanceof ScenarioError) return { problems: [error.file ? error : error.inFile(file)], warnings: [] };
    throw error;
  }
}

export function parseScenario(text: string, file: string): Scenario {
  return scenarioFromData(parseText(text, file), file, text);
}

/** A scenario file as a plain document, not yet validated (games write their parameters into it). */
export function readScenarioDoc(file: string): Record<string, unknown> {
  return parseText(readScenarioFile(file), file) as Record<string, unknown>;
}

/** Validates and resolves a scenario document; `file` names it in errors and anchors relative paths. */
export function scenarioFromData(data: unknown, file: string, text?: string): Scenario {
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw toScenarioErrors(scenarioSchema, parsed.error.issues, data)[0]!.inFile(file);
  try {
    return resolveScenario(parsed.data, file, text ?? JSON.stringify(data));
  } catch (error) {
    throw error instanceof ScenarioError && !error.file ? error.inFile(file) : error;
  }
}

function readScenarioFile(file: string): string {
  const form = 'expected a scenario file (.yaml, .yml or .json)';
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new ScenarioError('not-a-file', `not a file; ${form}`, '', file);
    size = stat.size;
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing-file' : 'unreadable-file';
    throw new ScenarioError(code, `${fsReason(error)}; ${form}`, '', file);
  }
  if (size > MAX_FILE_BYTES) throw new ScenarioError('file-too-large', `file is ${size} bytes; expected at most ${MAX_FILE_BYTES}`, '', file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ScenarioError('unreadable-file', `cannot read the file (${fsReason(error)}); ${form}`, '', file);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\u0000') || text.includes('\ufffd')) throw new ScenarioError('bad-syntax', `not a text file (binary or not UTF-8); ${form}`, '', file);
  return text;
}

/** JSON by extension or by a leading `{`; YAML otherwise (YAML 1.2 also reads JSON). */
function parseText(text: string, file: string): unknown {
  if (/\.json$/i.test(file) || /^\s*\{/.test(text)) {
    try {
      const data = JSON.parse(text) as unknown;
      if (depth(data) > MAX_DEPTH) throw new ScenarioError('bad-syntax', `lists and mappings nest more than ${MAX_DEPTH} levels deep; expected a scenario file`, '', file);
      return data;
    } catch (error) {
      if (error instanceof ScenarioError) throw error;
      throw new ScenarioError('bad-syntax', `invalid JSON: ${(error as Error).message}; expected a JSON scenario file`, '', file);
    }
  }
  if (flowDepth(text) > MAX_DEPTH) throw new ScenarioError('bad-syntax', `lists and mappings nest more than ${MAX_DEPTH} levels deep; expected a scenario file`, '', file);
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0];
    const where = line ? ` at line ${line.line}, column ${line.col}` : '';
    const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ScenarioError('bad-syntax', `invalid YAML${where}: ${message}; expected a YAML or JSON scenario file`, '', file);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    // The yaml package throws for an alias to an unknown anchor and for a runaway expansion.
    const text = error instanceof Error ? error.message : String(error);
    const detail = /alias count/i.test(text)
      ? `invalid YAML: aliases expand to too much data (a "billion laughs" file?); expected at most ${MAX_ALIASES} alias expansions`
      : /unresolved alias/i.test(text)
        ? `invalid YAML: ${text.replace(/ \(the anchor must be set before the alias\)/, '')}; expected an alias (*name) after its anchor (&name)`
        : `invalid YAML: ${text.split('\n')[0]}`;
    throw new ScenarioError('bad-syntax', detail, '', file);
  }
  if (depth(data) > MAX_DEPTH) throw new ScenarioError('bad-syntax', `lists and mappings nest more than ${MAX_DEPTH} levels deep; expected a scenario file`, '', file);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError('bad-syntax', 'expected a mapping of scenario fields (name, chain, channels, …)', '', file);
  }
  return data;
}

/** How deeply lists and mappings nest (iterative: a hostile file must not overflow the stack). */
function depth(data: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [node, d] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, d + 1);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** Deepest nesting of `[`/`{` in YAML flow style, counted before parsing (the parser recurses on it). */
function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return deepest;
}
