/** The bundled teaching games (`pcnsim game NAME`), in the order `pcnsim list` shows them. */
export { findGame, GAMES } from './catalog.js';
export type { Game, Params } from './game.js';
export { narrate } from './narrate.js';
export { crossing, gameParams, payoffTable, play, readGameDoc, seedsOf, sweep, type PayoffRow, type Sweep } from './play.js';
