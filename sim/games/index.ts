/** The bundled teaching games (`pcnsim game NAME`), in the order `pcnsim list` shows them. */
import { breach } from './breach.js';
import type { Game } from './game.js';

export const GAMES: readonly Game[] = [breach];

export function findGame(name: string): Game | undefined {
  return GAMES.find((g) => g.name === name);
}

export type { Game, Params } from './game.js';
export { narrate } from './narrate.js';
export { crossing, gameParams, payoffTable, play, readGameDoc, seedsOf, sweep, type PayoffRow, type Sweep } from './play.js';
