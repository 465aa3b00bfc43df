/**
 * Playing a game: its scenario file with the parameters written in, run once (the story), over
 * the strategy profiles (the payoff table) or over a range of one parameter (a sweep), each
 * with several seeds. Pure functions of their inputs: same arguments ⇒ same figures.
 */
import { join } from 'node:path';
import { ScenarioError } from '../errors.js';
import { readScenarioDoc, runScenario, scenarioFromData, type RunRecords } from '../scenario/index.js';
import { meanInterval } from './interval.js';
import { gainSat, type Game, type Params, type ScenarioDoc } from './game.js';

export function gameFile(root: string, game: Game): string {
  return join(root, 'scenarios', 'games', game.file);
}

export function readGameDoc(root: string, game: Game): ScenarioDoc {
  return readScenarioDoc(gameFile(root, game));
}

/** The game's parameters: the scenario file's values, then `overrides` (each checked). */
export function gameParams(game: Game, doc: ScenarioDoc, overrides: Params = {}): Params {
  const params: Record<string, number> = { ...game.defaults(doc) };
  for (const [name, value] of Object.entries(overrides)) params[name] = checkParam(game, name, value);
  return params;
}

export function checkParam(game: Game, name: string, value: number): number {
  const param = game.params.find((p) => p.name === name);
  const known = game.params.map((p) => p.name).join(', ');
  if (!param) throw new ScenarioError('unknown-parameter', `unknown parameter '${name}' of game ${game.name}; expected one of: ${known}`, '--set');
  if (!Number.isFinite(value) || value < param.min || value > param.max || (param.integer && !Number.isInteger(value))) {
    const form = param.integer ? `a whole number from ${param.min} to ${param.max}` : `a number from ${param.min} to ${param.max}`;
    throw new ScenarioError('bad-parameter', `${name}=${value}: expected ${form} (${param.describe})`, '--set');
  }
  return value;
}

/** The scenario with every parameter written in. */
export function gameDocWith(game: Game, doc: ScenarioDoc, params: Params): ScenarioDoc {
  const copy = structuredClone(doc);
  for (const p of game.params) if (params[p.name] !== undefined) p.apply(copy, params[p.name]!, params);
  return copy;
}

export function play(root: string, game: Game, doc: ScenarioDoc, params: Params, seed: number): RunRecords {
  const scenario = scenarioFromData(gameDocWith(game, doc, params), gameFile(root, game));
  return runScenario(scenario, { seed });
}

/** Seeds 1 … n: several independent plays of the same game. */
export function seedsOf(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** The outcome of several plays, the runs whose set-up failed left out. */
export interface Sample {
  /** Plays that met the game's set-up, and all plays. */
  readonly runs: number;
  readonly seeds: number;
  /** Mean, its 95% interval (interval.ts), and the smallest and largest outcome; NaN when no run counted. */
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly min: number;
  readonly max: number;
}

/** Plays every seed with parameters `p`; the outcome's sample over the runs that met the set-up. */
function playSeeds(root: string, game: Game, doc: ScenarioDoc, p: Params, seeds: readonly number[]): { sample: Sample; kept: RunRecords[] } {
  const kept = seeds.map((seed) => play(root, game, doc, p, seed)).filter((run) => game.outcome.setUp?.held(run, p) ?? true);
  const outcomes = kept.map((run) => game.outcome.measure(run, p));
  const [lo, hi] = game.outcome.bounds(p);
  const m = outcomes.length === 0 ? Number.NaN : mean(outcomes);
  const ci = outcomes.length === 0 ? { low: Number.NaN, high: Number.NaN } : meanInterval(m, outcomes.length, lo, hi);
  const sample = { runs: outcomes.length, seeds: seeds.length, mean: m, ...ci, min: Math.min(...outcomes), max: Math.max(...outcomes) };
  return { sample, kept };
}

export interface PayoffRow extends Sample {
  readonly label: string;
  /** Mean gain of each player over the counted runs, sat, in the game's player order. */
  readonly payoffs: readonly number[];
  readonly predicted: number | undefined;
}

/** Each profile of the game played with every seed; payoffs are mean gains over the runs that met the set-up. */
export function payoffTable(root: string, game: Game, doc: ScenarioDoc, params: Params, seeds: readonly number[]): PayoffRow[] {
  return game.profiles.map((profile) => {
    const p = { ...params, ...profile.set };
    const { sample, kept } = playSeeds(root, game, doc, p, seeds);
    return {
      label: profile.label,
      ...sample,
      payoffs: game.players.map((player) => mean(kept.map((r) => (game.payoff ? game.payoff(r, player.node) : gainSat(r, player.node, game.payoffsFromMs))))),
      predicted: game.outcome.predict?.(p),
    };
  });
}

export interface SweepPoint extends Sample {
  readonly value: number;
  readonly predicted: number | undefined;
}

/**
 * Where a curve sampled on a grid crosses a level: between two neighbouring grid values (the
 * threshold of a step lies anywhere in between), or at grid values where it sits on the level.
 */
export interface Crossing {
  readonly from: number;
  readonly to: number;
  /** The curve sits on the level from `from` to `to` rather than jumping over it. */
  readonly at: boolean;
}

/** A run of a sweep that failed (sim/sweep's RunRow), and why. */
export interface FailedRun {
  readonly id: string;
  readonly point: number;
  readonly seed: number;
  readonly error?: string;
  readonly cause?: 'input' | 'invariant';
}

export interface Sweep {
  readonly name: string;
  readonly points: readonly SweepPoint[];
  readonly simulatedCrossing: Crossing | undefined;
  readonly predictedCrossing: Crossing | undefined;
  /** Runs that failed (left out of every point, with why), and runs read back from `out` (resumed). */
  readonly failed: readonly FailedRun[];
  readonly resumed: number;
}

/**
 * The first place a curve sampled on a grid goes from one side of `level` to the other: between
 * the last point on one side and the first on the other, or at the points on the level between
 * them. Points with no value (NaN: no run counted) are skipped.
 */
export function crossing(curve: readonly (readonly [number, number])[], level: number): Crossing | undefined {
  const known = curve.filter(([, y]) => !Number.isNaN(y));
  let last: readonly [number, number] | undefined; // the last point off the level
  let onLevel: number[] = [];
  for (const point of known) {
    const side = Math.sign(point[1] - level);
    if (side === 0) {
      if (last) onLevel.push(point[0]);
      continue;
    }
    if (last && Math.sign(last[1] - level) !== side) {
      return onLevel.length > 0 ? { from: onLevel[0]!, to: onLevel[onLevel.length - 1]!, at: true } : { from: last[0], to: point[0], at: false };
    }
    last = point;
    onLevel = [];
  }
  return undefined;
}
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}
