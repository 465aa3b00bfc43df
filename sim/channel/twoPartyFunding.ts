/**
 * What the two-deposit contracts (sim/statechannel's adjudicator, sim/virtual's ledger) share:
 * each party funds exactly its own deposit once, and a close pays each side what it is owed.
 */
import { fail, ok, type Outcome } from '../errors.js';
import type { Side } from './commitment.js';
import type { HostPayout } from './host.js';

/** Who has funded after `side` puts in `valueInMsat`, or why it may not. */
export function fundSide(id: string, deposits: readonly [number, number], funded: readonly [boolean, boolean], side: Side, caller: string, valueInMsat: number): Outcome<readonly [boolean, boolean]> {
  if (funded[side]) return fail('already-funded', `${id}: ${caller} has funded`);
  if (valueInMsat !== deposits[side]) return fail('wrong-amount', `${id}: expected exactly the agreed deposit`, deposits[side], valueInMsat);
  return ok(side === 0 ? [true, funded[1]] : [funded[0], true]);
}

/** What a two-deposit contract holds by its own books: the funded deposits while funding, both once open, nothing once closed. */
export function heldMsat(s: { readonly phase: string; readonly deposits: readonly [number, number]; readonly funded?: readonly [boolean, boolean] }): number {
  if (s.phase === 'Closed') return 0;
  const funded = s.phase === 'Funding' ? s.funded! : ([true, true] as const);
  return (funded[0] ? s.deposits[0] : 0) + (funded[1] ? s.deposits[1] : 0);
}

/** Nothing funded yet, except a side whose deposit is 0. */
export const unfunded = (deposits: readonly [number, number]): readonly [boolean, boolean] => [deposits[0] === 0, deposits[1] === 0];

/** The payouts of a close that owes each side `paid[side]` (none for a side owed 0). */
export function payoutsOf(paid: readonly [number, number]): HostPayout[] {
  return ([0, 1] as const).filter((side) => paid[side] > 0).map((side) => ({ side, amountMsat: paid[side] as HostPayout['amountMsat'] }));
}
