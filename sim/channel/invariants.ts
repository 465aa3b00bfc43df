/**
 * Conservation checks (STYLE §8), cheap enough to run after every transition. A failure is a
 * bug in pcnsim, never a simulation outcome: it throws InvariantError and aborts the run.
 */
import { InvariantError } from '../errors.js';
import { heldMsat, type VirtualBank } from './contract.js';
import { sumPair } from './commitment.js';

/** Contract: money paid in = money held + money paid out. */
export function checkContract(state: VirtualBank): void {
  const paidIn =
    state.phase === 'Funding'
      ? (state.paid[0] ? state.deposits[0] : 0) + (state.paid[1] ? state.deposits[1] : 0)
      : sumPair(state.deposits);
  const paidOut = state.phase === 'Auditing' || state.phase === 'Closed' ? sumPair(state.paidOut) : 0;
  const accounted = heldMsat(state) + paidOut;
  // The message is built only on failure: this runs at every contract call (62,000 deposits on a real snapshot).
  if (paidIn !== accounted) throw new InvariantError('contract-not-conserved', `contract ${state.id} (${state.phase}): paid in ≠ held + paid out`, paidIn, accounted);
}

/** Channel: the newest sheet's balances plus value in flight = the total deposit. */
export function checkChannel(id: string, balances: readonly [number, number], inFlightMsat: number, totalMsat: number): void {
  const accounted = balances[0] + balances[1] + inFlightMsat;
  // Built only on failure: this runs at every update of every channel.
  if (balances[0] < 0 || balances[1] < 0 || accounted !== totalMsat) throw new InvariantError('channel-not-conserved', `channel ${id}: balances + in flight ≠ deposit`, totalMsat, accounted);
}
