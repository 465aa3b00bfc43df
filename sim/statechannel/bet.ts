/**
 * The application a generalized state channel carries here: a bet settled by a hash commitment
 * (matching pennies). Side 0 (the "chooser") commits to a bit c with C = SHA-256(salt ‖ c),
 * staking `stake`; side 1 (the "guesser") answers a guess g, staking as much; the chooser
 * reveals (salt, c). The guesser takes the pot of 2·stake if g = c, the chooser otherwise.
 *
 *   Commit ── commit(C), chooser ──► Guess ── guess(g), guesser ──► Reveal ── reveal(salt, c), chooser ──► Done
 *
 * A state is the whole position: stage, the balances outside the pot, the pot, and what has been
 * said. `applyMove` is pure and is run by both parties off chain and by the adjudicator on chain
 * (a unilateral move), so the same rules decide everywhere. `forfeit` says who takes the pot
 * when the party to move never moves: the other one (a chooser who will not reveal loses).
 */
import { concat, sha256, toHex } from '../crypto/index.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Side } from '../channel/index.js';

export type BetStage = 'Commit' | 'Guess' | 'Reveal' | 'Done';

export interface BetState {
  readonly stage: BetStage;
  /** What each side would take if the channel closed now, outside the pot. */
  readonly balances: readonly [number, number];
  readonly pot: number;
  readonly commitment?: string;
  readonly guess?: 0 | 1;
  /** Who won the pot (Done only). */
  readonly winner?: Side;
}

export type BetMove =
  | { readonly kind: 'commit'; readonly commitment: string }
  | { readonly kind: 'guess'; readonly guess: 0 | 1 }
  | { readonly kind: 'reveal'; readonly salt: string; readonly choice: 0 | 1 };

/** Who must move in this stage; undefined once Done. */
export function toMove(s: BetState): Side | undefined {
  return s.stage === 'Guess' ? 1 : s.stage === 'Done' ? undefined : 0;
}

/** C = SHA-256(salt ‖ c): the salt as UTF-8, then one byte 0 or 1. */
export function commitmentOf(salt: string, choice: 0 | 1): string {
  return toHex(sha256(concat(new TextEncoder().encode(salt), Uint8Array.of(choice))));
}

export function initialBet(deposits: readonly [number, number]): BetState {
  return Object.freeze({ stage: 'Commit', balances: [deposits[0], deposits[1]] as const, pot: 0 });
}

const wrong = (s: BetState, m: BetMove): Outcome<BetState> => fail('wrong-stage', `bet: ${m.kind} is not a move while ${s.stage}`, toMove(s), m.kind);

/** The state after `mover` plays `move`, or why the move is illegal. Never changes the total. */
export function applyMove(s: BetState, move: BetMove, mover: Side, stake: number): Outcome<BetState> {
  if (toMove(s) !== mover) return fail('not-your-turn', `bet: side ${mover} may not move while ${s.stage}`, toMove(s), mover);
  switch (move.kind) {
    case 'commit': {
      if (s.stage !== 'Commit') return wrong(s, move);
      if (!/^[0-9a-f]{64}$/.test(move.commitment)) return fail('bad-commitment', 'bet: the commitment must be 64 hex digits', 'SHA-256 hex', move.commitment);
      if (s.balances[0] < stake || s.balances[1] < stake) return fail('stake-too-large', 'bet: both sides must hold the stake', stake, s.balances);
      return ok(Object.freeze({ stage: 'Guess', balances: [s.balances[0] - stake, s.balances[1] - stake] as const, pot: s.pot + 2 * stake, commitment: move.commitment }));
    }
    case 'guess':
      if (s.stage !== 'Guess') return wrong(s, move);
      if (move.guess !== 0 && move.guess !== 1) return fail('bad-guess', 'bet: a guess is 0 or 1', '0 | 1', move.guess);
      return ok(Object.freeze({ ...s, stage: 'Reveal', guess: move.guess }));
    case 'reveal': {
      if (s.stage !== 'Reveal') return wrong(s, move);
      if (commitmentOf(move.salt, move.choice) !== s.commitment) return fail('wrong-opening', 'bet: (salt, choice) does not open the commitment');
      return ok(settle(s, s.guess === move.choice ? 1 : 0));
    }
  }
}

/** The pot to `winner`; the position becomes Done. */
export function settle(s: BetState, winner: Side): BetState {
  const balances: [number, number] = [s.balances[0], s.balances[1]];
  balances[winner] += s.pot;
  return Object.freeze({ stage: 'Done', balances, pot: 0, winner });
}

/** What the chain pays when the party to move never moves: the pot to the other side. */
export function forfeit(s: BetState): BetState {
  const mover = toMove(s);
  return mover === undefined || s.pot === 0 ? Object.freeze({ ...s, stage: 'Done' as const }) : settle(s, mover === 0 ? 1 : 0);
}

export const betTotal = (s: BetState): number => s.balances[0] + s.balances[1] + s.pot;
