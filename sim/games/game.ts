/**
 * A teaching game (BRIEF §3, §7): a scenario file under `scenarios/games/`, a few named
 * parameters a student can change (`--set`, `--sweep`), the strategy profiles of its payoff
 * table, the outcome a sweep follows, and the closed-form prediction it is compared with.
 * Every figure a game prints is computed by running the scenario; only the predictions are
 * formulas, and they are labelled as such.
 */
import type { RunRecords } from '../scenario/index.js';

/** Parameter values by name. */
export type Params = Readonly<Record<string, number>>;

/** A scenario file as parsed, before validation: parameters write into it. */
export type ScenarioDoc = Record<string, unknown>;

export interface GameParam {
  readonly name: string;
  readonly describe: string;
  /** Smallest and largest sensible value (checked: a value outside is bad input). */
  readonly min: number;
  readonly max: number;
  /** The value's unit as printed after it ("blocks", "sat"); none for probabilities, counts and codes. */
  readonly unit?: string;
  /** Whole numbers only (blocks, counts). */
  readonly integer?: boolean;
  /** Writes the value into the scenario document. */
  apply(doc: ScenarioDoc, value: number, all: Params): void;
}

export interface Player {
  readonly node: string;
  readonly role: string;
}

/** One row of the payoff table: a strategy profile, as parameter values over the defaults. */
export interface Profile {
  readonly label: string;
  readonly set: Params;
}

export interface Outcome {
  /** What is measured, e.g. "cheater's gain" (`format` writes the unit with each value). */
  readonly label: string;
  measure(run: RunRecords, params: Params): number;
  /** The closed-form value, when the literature gives one. */
  predict?(params: Params): number;
  /** The smallest and largest value one run can give: the confidence interval needs them (interval.ts). */
  bounds(params: Params): readonly [number, number];
  /**
   * The set-up every profile relies on (e.g. "Alice's payment to Bob went through"), and whether a
   * run met it. A run that did not is no play of the game: means leave it out and count it.
   */
  readonly setUp?: { readonly text: string; held(run: RunRecords, params: Params): boolean };
  /** The level whose crossing a sweep marks (e.g. 0: cheating stops paying). */
  readonly breakEven: number;
  /** Formats a value for tables. */
  format(value: number): string;
}

export interface Game {
  readonly name: string;
  readonly title: string;
  /** The scenario file, relative to `scenarios/games/`. */
  readonly file: string;
  readonly players: readonly Player[];
  readonly params: readonly GameParam[];
  readonly profiles: readonly Profile[];
  readonly outcome: Outcome;
  /**
   * Payoffs count from this simulated time (ms): each player's end balance minus its balance then,
   * so set-up payments that every profile shares do not blur the table. Default: the start.
   */
  readonly payoffsFromMs?: number;
  /** A player's payoff (sat) when the default chain's balances do not tell it (issue 20: swaps value two coins). */
  payoff?(run: RunRecords, node: string): number;
  /** The story of one play when the one-chain narrator does not tell it (issue 20: several chains). */
  story?(run: RunRecords, verbose: boolean, params: Params): string[];
  /** The sweep a student should try first: the README's and the tests' (`key=a..b:step`). */
  readonly exampleSweep: string;
  /** The closed form and what it means, in a few lines, for the current parameters. */
  explain(params: Params): readonly string[];
  /** Reads the parameters' values back from the scenario file, so the file stays the one source. */
  defaults(doc: ScenarioDoc): Params;
}

/** Sets `path` (dotted; numeric parts index arrays) in a document, creating objects on the way. */
export function setIn(doc: ScenarioDoc, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = doc;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/**
 * Sets the freeze (blocks of 600 s) and runs long enough for it to end: the cheater's withdrawal
 * after the freeze is part of every breach-like game's outcome, whatever the freeze swept to.
 */
export function setFreeze(doc: ScenarioDoc, blocks: number): void {
  setIn(doc, 'defaults.freeze', `${blocks} blocks`);
  setIn(doc, 'run.until', `${Math.max(144, blocks + 60) * 600}s`);
}

/** Reads `path` from a document (undefined when any part is missing). */
export function getIn(doc: unknown, path: string): unknown {
  let node = doc;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A number read from a document field such as `6 blocks`, `0.95` or `40 sat` (the leading number). */
export function numberIn(doc: unknown, path: string, fallback: number): number {
  const value = getIn(doc, path);
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const n = Number.parseFloat(value);
    if (Number.isFinite(n)) return n;
  }
  return fallback;
}

/** A node's gain in sat: what it ends with minus what it held at `fromMs` (default: the start). */
export function gainSat(run: RunRecords, node: string, fromMs = 0): number {
  const b = run.balances[node];
  if (!b) return 0;
  const column = run.balanceSeries.nodes.indexOf(node);
  const sample = fromMs > 0 && column >= 0 ? [...run.balanceSeries.samples].reverse().find((s) => s.time <= fromMs) : undefined;
  return (b.endMsat - (sample ? sample.values[column]! : b.startMsat)) / 1000;
}

export const formatSat = (v: number): string => `${v >= 0 ? '+' : ''}${Number.isInteger(v) ? v : v.toFixed(1)} sat`;
export const formatShare = (v: number): string => `${(v * 100).toFixed(1)}%`;
