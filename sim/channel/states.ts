/**
 * Small pieces the contract's transitions (contract.ts, penalty.ts) build states with.
 */
import { fail, type Outcome } from '../errors.js';
import type { Pair, Side } from './commitment.js';
import type { Common, VirtualBank } from './contract.js';

/** The fields every phase carries. */
export function common(state: VirtualBank): Common {
  return { id: state.id, rules: state.rules, parties: state.parties, deposits: state.deposits };
}

/** `pair` with `amount` more on `side`. */
export function add(pair: Pair, side: Side, amount: number): Pair {
  const out: [number, number] = [pair[0], pair[1]];
  out[side] += amount;
  return out as unknown as Pair;
}

export function wrongPhase(method: string, state: VirtualBank, expected: string): Outcome<never> {
  return fail('wrong-state', `${method}: the contract is ${state.phase}, expected ${expected}`, expected, state.phase);
}
