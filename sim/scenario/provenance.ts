/**
 * What `pcnsim run` adds to a report: where it came from (pcnsim's version, the SHA-256 of the
 * resolved scenario and of every input file, the flags that shape the result), the actions the
 * run refused, and imported nodes' aliases. Deterministic: no wall-clock, no absolute paths.
 */
import type { Report } from '../report/index.js';
import { scenarioSha256 } from './hash.js';
import type { Scenario } from './resolve.js';
import type { RunRecords } from './run.js';

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
    scenarioSha256: scenarioSha256(scenario),
    inputs: scenario.inputs.map((i) => ({ path: i.path, sha256: i.sha256 })),
    flags: { seed: flags.seed, until: `${flags.untilMs / 1000}s`, crypto: flags.crypto, ...(flags.set?.length ? { set: [...flags.set] } : {}) },
  };
}

/** The report as `pcnsim run` writes it: the summary plus provenance, refused actions and aliases. */
export type RunReport = ReturnType<typeof runReport>;

/** The report as `pcnsim run` writes it. */
export function runReport(report: Report, run: RunRecords, scenario: Scenario, version: string, flags: RunFlagsUsed) {
  const aliases = Object.keys(scenario.aliases).length > 0 ? { aliases: { ...scenario.aliases } } : {};
  return { ...report, actions: { refused: run.stats.count('refused-action') }, ...aliases, provenance: provenance(scenario, version, flags) };
}
