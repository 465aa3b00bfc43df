/**
 * Reading scenario files: YAML or JSON (same schema), validated once at the boundary.
 * Every problem becomes a ScenarioError naming the file and the field path.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ScenarioError } from '../errors.js';
import { toScenarioErrors } from './issues.js';
import { resolveScenario, type Scenario } from './resolve.js';
import { scenarioSchema } from './schema.js';

/** Largest scenario file accepted (a scenario is configuration, not data). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function loadScenario(file: string): Scenario {
  return parseScenario(readScenarioFile(file), file);
}

/** Every problem in a file (for `validate`); an empty list means the file is valid. */
export function checkScenario(file: string): ScenarioError[] {
  try {
    const text = readScenarioFile(file);
    const data = parseText(text, file);
    const parsed = scenarioSchema.safeParse(data, { reportInput: true });
    if (!parsed.success) return toScenarioErrors(scenarioSchema, parsed.error.issues).map((e) => e.inFile(file));
    resolveScenario(parsed.data, file);
    return [];
  } catch (error) {
    if (error instanceof ScenarioError) return [error.file ? error : error.inFile(file)];
    throw error;
  }
}

export function parseScenario(text: string, file: string): Scenario {
  return scenarioFromData(parseText(text, file), file);
}

/** A scenario file as a plain document, not yet validated (games write their parameters into it). */
export function readScenarioDoc(file: string): Record<string, unknown> {
  return parseText(readScenarioFile(file), file) as Record<string, unknown>;
}

/** Validates and resolves a scenario document; `file` names it in errors and anchors relative paths. */
export function scenarioFromData(data: unknown, file: string): Scenario {
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw toScenarioErrors(scenarioSchema, parsed.error.issues)[0]!.inFile(file);
  try {
    return resolveScenario(parsed.data, file);
  } catch (error) {
    throw error instanceof ScenarioError ? error.inFile(file) : error;
  }
}

function readScenarioFile(file: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new ScenarioError('not-a-file', 'not a file; expected a scenario file (.yaml, .yml or .json)', '', file);
    size = stat.size;
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError('missing-file', 'no such file; expected a scenario file (.yaml, .yml or .json)', '', file);
  }
  if (size > MAX_FILE_BYTES) throw new ScenarioError('file-too-large', `file is ${size} bytes; expected at most ${MAX_FILE_BYTES}`, '', file);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ScenarioError('unreadable-file', 'cannot read the file', '', file);
  }
}

/** JSON by extension or by a leading `{`; YAML otherwise (YAML 1.2 also reads JSON). */
function parseText(text: string, file: string): unknown {
  if (/\.json$/i.test(file) || /^\s*\{/.test(text)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ScenarioError('bad-syntax', `invalid JSON: ${(error as Error).message}`, '', file);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0];
    const where = line ? ` at line ${line.line}, column ${line.col}` : '';
    const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ScenarioError('bad-syntax', `invalid YAML${where}: ${message}`, '', file);
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError('bad-syntax', 'expected a mapping of scenario fields (name, chain, channels, …)', '', file);
  }
  return data;
}
