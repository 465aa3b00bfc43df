/** `--sweep key=a..b:step` and `--set key=value`, parsed (errors name the flag and the form). */
import { ScenarioError } from '../errors.js';

export interface SweepRange {
  readonly name: string;
  readonly values: readonly number[];
}

const MAX_POINTS = 201;

export function parseSweep(text: string): SweepRange {
  const m = /^([A-Za-z][\w-]*)=(-?[\d.]+)\.\.(-?[\d.]+):([\d.]+)$/.exec(text.trim());
  const form = 'key=a..b:step, e.g. online=0.5..1:0.05';
  if (!m) throw new ScenarioError('bad-flag', `'${text}': expected ${form}`, '--sweep');
  const [from, to, step] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (![from, to, step].every(Number.isFinite) || step <= 0 || to < from) throw new ScenarioError('bad-flag', `'${text}': expected a ≤ b and a step > 0 (${form})`, '--sweep');
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_POINTS) throw new ScenarioError('bad-flag', `'${text}' has ${count} points; expected at most ${MAX_POINTS}`, '--sweep');
  // Values as decimals of the step's precision, so 0.5 + 3 × 0.05 prints as 0.65, not 0.6500000000000001.
  const decimals = Math.max(...[m[2]!, m[3]!, m[4]!].map((s) => (s.split('.')[1] ?? '').length));
  return { name: m[1]!, values: Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(decimals))) };
}

export function parseSet(pairs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z][\w-]*)=(-?[\d.]+(?:e-?\d+)?)$/.exec(pair.trim());
    if (!m || !Number.isFinite(Number(m[2]))) throw new ScenarioError('bad-flag', `'${pair}': expected key=number, e.g. online=0.9`, '--set');
    out[m[1]!] = Number(m[2]);
  }
  return out;
}
