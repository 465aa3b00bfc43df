/**
 * pcnsim as a library: everything a script needs, behind one import (the CLI is a client of it).
 *
 * ```ts
 * import { loadScenario, simulate, writeReports } from 'pcnsim';
 *
 * const scenario = loadScenario('scenarios/examples/one-channel-cheat.yaml');
 * const { records, report } = simulate(scenario, { seed: 7 });
 * console.log(report.penalties.punished, records.payments.length);
 * writeReports('reports', records, report);
 * ```
 *
 * - scenarios: `loadScenario(file)`, `scenarioFromObject(data)`, `validateScenario(file)`;
 * - runs: `simulate(scenario, options)` → the run's rows (`records`) and the report object, as
 *   `pcnsim run` writes it; rows can also be streamed (`onPayment`, `onEvent`, `keepRows: false`);
 * - reports: `writeReports`, `reportJson`, `summaryText`, `unmetExpectations`;
 * - games: `GAMES`, `playGame(name, { set, seed })` and the payoff table;
 * - the BRIEF §6 bound: `concurrencyBound(input)` and `simulateBound(input, options)`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findGame, gameParams, narrate, payoffTable, play, readGameDoc, seedsOf, type Game, type Params, type PayoffRow } from './games/index.js';
import { type RunOptions, type RunRecords, runReport, type RunReport, runScenario, type Scenario, scenarioFromData } from './scenario/index.js';
import { summarize } from './report/index.js';
import { ScenarioError } from './errors.js';

/** The package's root (scenarios/, package.json): two levels above dist/sim/index.js, one above sim/index.ts. */
export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function packageRoot(from: string): string {
  for (const up of [join(from, '..'), join(from, '..', '..')]) if (existsSync(join(up, 'package.json'))) return up;
  return join(from, '..', '..');
}

/** A scenario from an object shaped like a scenario file (`name` is required); `file` names it in error messages. */
export function scenarioFromObject(data: unknown, file = '<object>'): Scenario {
  return scenarioFromData(data, file);
}

/** What a run produced: its rows and the report computed from them. */
export interface Simulation {
  readonly records: RunRecords;
  readonly report: RunReport;
}

/**
 * Runs `scenario` (seed, end time, crypto mode and row streaming in `options`) and summarizes it
 * as `pcnsim run` does; `version` is what the report's provenance names (default: this package's),
 * `set` the overrides it lists (as `--set` wrote them; the scenario already carries them).
 */
export function simulate(scenario: Scenario, options: RunOptions & { readonly version?: string; readonly set?: readonly string[] } = {}): Simulation {
  const records = runScenario(scenario, options);
  const flags = { seed: records.seed, untilMs: records.simulatedMs, crypto: options.crypto ?? 'lazy', ...(options.set ? { set: options.set } : {}) };
  const report = runReport(summarize(records), records, scenario, options.version ?? VERSION, flags);
  return { records, report };
}

/** One play of a teaching game: the run and its story (`pcnsim game NAME`). */
export function playGame(name: string, options: { readonly set?: Params; readonly seed?: number; readonly narrate?: boolean } = {}): { readonly game: Game; readonly params: Params; readonly records: RunRecords; readonly story: readonly string[] } {
  const game = findGame(name);
  if (!game) throw new ScenarioError('unknown-game', `no game '${name}'; expected one of the names GAMES lists`, 'name');
  const doc = readGameDoc(PACKAGE_ROOT, game);
  const params = gameParams(game, doc, options.set ?? {});
  const records = play(PACKAGE_ROOT, game, doc, params, options.seed ?? 1);
  return { game, params, records, story: narrate(records, game.players.map((p) => p.node), options.narrate ?? false) };
}

/** A game's payoff table over its strategy profiles, `seeds` seeds each. */
export function gamePayoffs(name: string, options: { readonly set?: Params; readonly seeds?: number } = {}): readonly PayoffRow[] {
  const game = findGame(name);
  if (!game) throw new ScenarioError('unknown-game', `no game '${name}'; expected one of the names GAMES lists`, 'name');
  const doc = readGameDoc(PACKAGE_ROOT, game);
  return payoffTable(PACKAGE_ROOT, game, doc, gameParams(game, doc, options.set ?? {}), seedsOf(options.seeds ?? 40));
}

export { loadScenario, validateScenario, listScenarios, scenarioJsonSchema, type RunOptions, type RunRecords, type Scenario, type ScenarioInput } from './scenario/index.js';
export { reportFiles, reportJson, summaryText, summarize, unmetExpectations, writeReports, REPORT_SCHEMA, type Report } from './report/index.js';
export type { RunReport } from './scenario/index.js';
export { GAMES, type Game, type Params, type PayoffRow } from './games/index.js';
export { BRIEF_INPUTS, estimate as concurrencyBound, explain as explainBound, type Estimate, type EstimateInput } from './estimate/index.js';
export { simulate as simulateBound, type Simulation as BoundSimulation, type SimulateOptions as BoundSimulateOptions } from './estimate/index.js';
export { simulateSeeds as simulateBoundSeeds, explainSeeds as explainBoundSeeds } from './estimate/index.js';
export type { ChannelEvent, ChannelEventKind } from './agents/index.js';
export type { PaymentRecord } from './agents/index.js';
export type { BlockRecord, TxRecord } from './chain/index.js';
export { InvariantError, ProtocolError, ScenarioError } from './errors.js';
export { INPUT_ERRORS, PROTOCOL_ERRORS, type InputErrorCode, type ProtocolErrorCode } from './errorCodes.js';
export { FAILURE_REASONS, type FailureReason, type PaymentResult } from './reasons.js';
