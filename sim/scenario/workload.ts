/**
 * Generated payments (the `workload` section): Poisson arrivals at a rate, amounts from a
 * distribution, payer and payee drawn uniformly or weighted by their channel capacity. Payments
 * are generated one at a time as the simulation runs, so a million of them cost no memory up front.
 */
import { ScenarioError } from '../errors.js';
import type { Engine, Rng } from '../engine/index.js';
import type { Msat } from '../units.js';

export type AmountDistribution =
  | { readonly dist: 'fixed'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'lognormal'; readonly median: number; readonly sigma: number };

export interface Workload {
  readonly ratePerSecond: number;
  readonly amount: AmountDistribution;
  readonly pairs: 'uniform' | 'capacity-weighted';
  readonly startMs: number;
  readonly untilMs: number;
  readonly count: number;
}

type AmountInput = number | { dist: 'fixed' | 'uniform' | 'lognormal'; value?: number; min?: number; max?: number; median?: number; sigma?: number };

export function resolveAmount(input: AmountInput, path: string): AmountDistribution {
  if (typeof input === 'number') return { dist: 'fixed', value: input };
  const need = (v: number | undefined, key: string): number => {
    if (v === undefined) throw new ScenarioError('missing-field', `missing; a ${input.dist} amount needs ${key}`, `${path}.${key}`);
    return v;
  };
  switch (input.dist) {
    case 'fixed':
      return { dist: 'fixed', value: need(input.value, 'value') };
    case 'uniform': {
      const min = need(input.min, 'min');
      const max = need(input.max, 'max');
      if (min > max) throw new ScenarioError('bad-amount', 'min must not exceed max', `${path}.min`);
      return { dist: 'uniform', min, max };
    }
    case 'lognormal':
      return { dist: 'lognormal', median: need(input.median, 'median'), sigma: input.sigma ?? 1 };
  }
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
  const pick = picker(workload.pairs, nodes, capacityOf, rng);
  const meanGapMs = 1000 / workload.ratePerSecond;
  let made = 0;
  const next = (from: number): void => {
    const at = from + Math.round(rng.exponential(meanGapMs));
    if (at > workload.untilMs || made >= workload.count) return;
    engine.scheduleAt(at, () => {
      made++;
      const payer = pick();
      let payee = pick();
      while (payee === payer) payee = pick();
      pay(payer, payee, drawAmount(workload.amount, rng));
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
