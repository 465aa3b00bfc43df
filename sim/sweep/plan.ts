/**
 * From a scenario, a grid and seeds to the list of runs: each point's scenario is built and
 * validated once, before anything runs (a bad value is bad input, exit 2, naming the flag), and
 * each run gets its id: a short hash of the resolved scenario, the seed and the settings that
 * shape the result. Runs are ordered by grid point, then seed: the order of every runs table.
 */
import type { Params } from '../games/index.js';
import { canonical, scenarioSha256, sha256, type Scenario, type ScenarioDoc } from '../scenario/index.js';
import type { Grid, GridValue } from './grid.js';
import type { RunSettings, RunTask } from './task.js';

/** A grid point made concrete: its scenario document, validated, and what provenance says of it. */
export interface BuiltPoint {
  readonly doc: ScenarioDoc;
  readonly scenario: Scenario;
  readonly set: readonly string[];
  readonly gameParams?: Params;
}

/** Most runs a sweep may have. */
export const MAX_RUNS = 1_000_000;

/** Seeds 1 … n (every grid point runs with the same seeds, so points differ only by the point). */
export function seedList(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

export function planRuns(file: string, grid: Grid, seeds: readonly number[], settings: RunSettings, build: (values: readonly GridValue[]) => BuiltPoint): RunTask[] {
  const shaping = canonical({ measure: settings.measure, crypto: settings.crypto, untilMs: settings.untilMs ?? null });
  return grid.points.flatMap((values, point) => {
    const built = build(values);
    const scenarioSha = scenarioSha256(built.scenario);
    return seeds.map((seed): RunTask => ({
      id: sha256(`${scenarioSha}\n${seed}\n${shaping}`).slice(0, 12),
      point,
      values,
      seed,
      doc: built.doc,
      file,
      set: built.set,
      ...(built.gameParams ? { gameParams: built.gameParams } : {}),
    }));
  });
}
