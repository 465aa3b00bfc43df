/**
 * Generated payments (the `workload` section): Poisson arrivals at a rate, amounts from a
 * distribution, payer and payee drawn uniformly or weighted by their channel capacity. Payments
 * are generated one at a time as the simulation runs, so a million of them cost no memory up front.
 */
import { ScenarioError } from '../errors.js';
import type { Engine, Rng } from '../engine/index.js';
import { parseAmount, type Msat } from '../units.js';
import type { InputLog } from './inputs.js';
import { csvRows } from './topology/cloth.js';

export type AmountDistribution =
  | { readonly dist: 'fixed'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'lognormal'; readonly median: number; readonly sigma: number }
  | { readonly dist: 'csv'; readonly values: readonly number[] };

export interface Workload {
  readonly ratePerSecond: number;
  readonly amount: AmountDistribution;
  readonly pairs: 'uniform' | 'capacity-weighted';
  /** Candidate payers and payees (empty: every node). */
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly startMs: number;
  readonly untilMs: number;
  readonly count: number;
}

type AmountInput = number | { dist: 'fixed' | 'uniform' | 'lognormal' | 'csv'; file?: string; value?: number; min?: number; max?: number; median?: number; sigma?: number };

export function resolveAmount(input: AmountInput, path: string, inputs: InputLog): AmountDistribution {
  if (typeof input === 'number') return { dist: 'fixed', value: input };
  const need = (v: number | undefined, key: string): number => {
    if (v === undefined) throw new ScenarioError('missing-field', `missing; expected ${key} for a ${input.dist} amount`, `${path}.${key}`);
    return v;
  };
  switch (input.dist) {
    case 'fixed':
      return { dist: 'fixed', value: need(input.value, 'value') };
    case 'uniform': {
      const min = need(input.min, 'min');
      const max = need(input.max, 'max');
      if (min > max) throw new ScenarioError('bad-range', `expected min ≤ max, got min ${min} msat > max ${max} msat`, `${path}.min`);
      return { dist: 'uniform', min, max };
    }
    case 'lognormal':
      return { dist: 'lognormal', median: need(input.median, 'median'), sigma: input.sigma ?? 1 };
    case 'csv':
      return { dist: 'csv', values: readAmounts(input.file, `${path}.file`, inputs) };
  }
}

/** Largest list of amounts read. */
const MAX_AMOUNTS = 1_000_000;

/**
 * Amounts from a CSV file of one column, one amount per line (a bare number is sat); a first line
 * without digits is a header. A file of several columns is refused rather than read in part.
 */
function readAmounts(file: string | undefined, path: string, inputs: InputLog): number[] {
  if (!file) throw new ScenarioError('missing-field', 'missing; expected file (a CSV of amounts, one per line) for a csv amount', path);
  const form = 'a CSV of amounts, one per line';
  const full = inputs.resolve(file);
  let rows: string[][];
  try {
    rows = csvRows(inputs.readText(file, form), full);
  } catch (error) {
    throw error instanceof ScenarioError ? inputs.located(error, path) : error;
  }
  if (rows.length > 0 && !/\d/.test(rows[0]!.join(','))) rows.shift();
  if (rows.length > MAX_AMOUNTS) throw new ScenarioError('file-too-large', `${full} holds ${rows.length} amounts; expected at most ${MAX_AMOUNTS}`, path);
  const values = rows.map((cells, i) => {
    const line = `line ${i + 1}`;
    if (cells.length !== 1) throw inputs.located(new ScenarioError('bad-workload', `has ${cells.length} columns; expected ${form}`, line, full), path);
    try {
      return parseAmount(cells[0]!.trim());
    } catch (error) {
      throw error instanceof ScenarioError ? inputs.located(new ScenarioError(error.code, error.detail, line, full), path) : error;
    }
  });
  if (values.length === 0) throw new ScenarioError('bad-workload', `${full} holds no amounts; expected ${form}`, path);
  return values;
}

export function drawAmount(d: AmountDistribution, rng: Rng): Msat {
  switch (d.dist) {
    case 'fixed':
      return d.value as Msat;
    case 'uniform':
      return (d.min + rng.int(d.max - d.min + 1)) as Msat;
    case 'lognormal':
      // Whole sat, at least 1 sat.
      return (Math.max(1, Math.round((d.median / 1000) * Math.exp(d.sigma * rng.normal()))) * 1000) as Msat;
    case 'csv':
      return d.values[rng.int(d.values.length)]! as Msat;
  }
}

/** Schedules the workload's payments; `pay` is called at each arrival. */
export function startWorkload(
  engine: Engine,
  workload: Workload,
  nodes: readonly string[],
  capacityOf: (node: string) => number,
  rng: Rng,
  pay: (from: string, to: string, amountMsat: Msat) => void,
): void {
  if (nodes.length < 2) return;
  const pickFrom = picker(workload.pairs, workload.from.length ? workload.from : nodes, capacityOf, rng);
  const pickTo = picker(workload.pairs, workload.to.length ? workload.to : nodes, capacityOf, rng);
  const meanGapMs = 1000 / workload.ratePerSecond;
  let made = 0;
  const next = (from: number): void => {
    const at = from + Math.round(rng.exponential(meanGapMs));
    if (at > workload.untilMs || made >= workload.count) return;
    engine.scheduleAt(at, () => {
      made++;
      const payer = pickFrom();
      let payee = pickTo();
      // Redraw a payee equal to the payer (bounded: the lists may offer nothing else).
      for (let tries = 0; payee === payer && tries < 100; tries++) payee = pickTo();
      if (payee !== payer) pay(payer, payee, drawAmount(workload.amount, rng));
      next(at);
    }, { label: 'workload' });
  };
  next(workload.startMs);
}

function picker(kind: Workload['pairs'], nodes: readonly string[], capacityOf: (node: string) => number, rng: Rng): () => string {
  if (kind === 'uniform') return () => nodes[rng.int(nodes.length)]!;
  const cumulative: number[] = [];
  let total = 0;
  for (const n of nodes) cumulative.push((total += Math.max(1, capacityOf(n))));
  return () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return nodes[lo]!;
  };
}
