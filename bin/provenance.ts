/**
 * What `pcnsim run` adds to a report: where it came from (pcnsim's version, the SHA-256 of the
 * resolved scenario and of every input file, the flags that shape the result), the actions the
 * run refused, and imported nodes' aliases. Deterministic: no wall-clock, no absolute paths.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../sim/report/index.js';
import type { RunRecords, Scenario } from '../sim/scenario/index.js';

export interface RunFlagsUsed {
  readonly seed: number;
  readonly untilMs: number;
  readonly crypto: string;
  /** `--set` overrides, as written (only listed when there are some). */
  readonly set?: readonly string[];
}

export function provenance(scenario: Scenario, version: string, flags: RunFlagsUsed) {
  return {
    pcnsim: version,
    scenarioSha256: createHash('sha256').update(canonical(resolvedOf(scenario))).digest('hex'),
    inputs: scenario.inputs.map((i) => ({ path: i.path, sha256: i.sha256 })),
    flags: { seed: flags.seed, until: `${flags.untilMs / 1000}s`, crypto: flags.crypto, ...(flags.set?.length ? { set: [...flags.set] } : {}) },
  };
}

/** The report as `pcnsim run` writes it. */
export function runReport(report: Report, run: RunRecords, scenario: Scenario, version: string, flags: RunFlagsUsed) {
  const aliases = Object.keys(scenario.aliases).length > 0 ? { aliases: { ...scenario.aliases } } : {};
  return { ...report, actions: { refused: run.stats.count('refused-action') }, ...aliases, provenance: provenance(scenario, version, flags) };
}

/** The resolved scenario without where it was read from (the same scenario hashes the same anywhere). */
function resolvedOf(scenario: Scenario): unknown {
  const { file: _file, inputs: _inputs, warnings: _warnings, ...rest } = scenario;
  return rest;
}

/** JSON with sorted keys; functions (route weights) by their source text. */
function canonical(value: unknown): string {
  const seen = (v: unknown): unknown => {
    if (typeof v === 'function') return `fn:${String(v)}`;
    if (v instanceof Map) return [...v.entries()].map(([k, x]) => [k, seen(x)]);
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(seen);
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, seen((v as Record<string, unknown>)[k])]));
  };
  return JSON.stringify(seen(value));
}
