/**
 * Playing a game: its scenario file with the parameters written in, run once (the story), over
 * the strategy profiles (the payoff table) or over a range of one parameter (a sweep), each
 * with several seeds. Pure functions of their inputs: same arguments ⇒ same figures.
 */
import { join } from 'node:path';
import { ScenarioError } from '../errors.js';
import { readScenarioDoc, runScenario, scenarioFromData, type RunRecords } from '../scenario/index.js';
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

export interface PayoffRow {
  readonly label: string;
  /** Mean gain of each player over the seeds, sat, in the game's player order. */
  readonly payoffs: readonly number[];
  readonly outcome: number;
  readonly predicted: number | undefined;
}

/** Each profile of the game played with every seed; payoffs are mean gains. */
export function payoffTable(root: string, game: Game, doc: ScenarioDoc, params: Params, seeds: readonly number[]): PayoffRow[] {
  return game.profiles.map((profile) => {
    const p = { ...params, ...profile.set };
    const runs = seeds.map((seed) => play(root, game, doc, p, seed));
    return {
      label: profile.label,
      payoffs: game.players.map((player) => mean(runs.map((r) => (game.payoff ? game.payoff(r, player.node) : gainSat(r, player.node, game.payoffsFromMs))))),
      outcome: mean(runs.map((r) => game.outcome.measure(r, p))),
      predicted: game.outcome.predict?.(p),
    };
  });
}

export interface SweepPoint {
  readonly value: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly predicted: number | undefined;
}

export interface Sweep {
  readonly name: string;
  readonly points: readonly SweepPoint[];
  /** Where the simulated mean crosses the break-even level (interpolated), if it does. */
  readonly simulatedCrossing: number | undefined;
  readonly predictedCrossing: number | undefined;
}

export function sweep(root: string, game: Game, doc: ScenarioDoc, params: Params, name: string, values: readonly number[], seeds: readonly number[]): Sweep {
  const points = values.map((value): SweepPoint => {
    const p = { ...params, [name]: checkParam(game, name, value) };
    const outcomes = seeds.map((seed) => game.outcome.measure(play(root, game, doc, p, seed), p));
    return { value, mean: mean(outcomes), min: Math.min(...outcomes), max: Math.max(...outcomes), predicted: game.outcome.predict?.(p) };
  });
  const level = game.outcome.breakEven;
  const predicted = points.every((p) => p.predicted !== undefined) ? crossing(points.map((p) => [p.value, p.predicted!]), level) : undefined;
  return { name, points, simulatedCrossing: crossing(points.map((p) => [p.value, p.mean]), level), predictedCrossing: predicted };
}

/**
 * The first x where a piecewise-linear curve reaches `level` from one side to the other (a point
 * exactly at the level counts when the curve arrives there from one side and leaves to the other).
 */
export function crossing(curve: readonly (readonly [number, number])[], level: number): number | undefined {
  for (let i = 1; i < curve.length; i++) {
    const [x0, y0] = curve[i - 1]!;
    const [x1, y1] = curve[i]!;
    const a = y0 - level;
    const b = y1 - level;
    if (a === 0 && i > 1 && Math.sign(curve[i - 2]![1] - level) !== Math.sign(b) && b !== 0) return x0;
    if ((a < 0 && b >= 0) || (a > 0 && b <= 0)) return b === 0 ? x1 : x0 + ((x1 - x0) * a) / (a - b);
  }
  return undefined;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}
