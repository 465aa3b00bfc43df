/** The bundled teaching games (`pcnsim game NAME`), in the order `pcnsim list` shows them. */
export { findGame, GAMES } from './catalog.js';
export type { Game, Params, ScenarioDoc } from './game.js';
export { meanInterval } from './interval.js';
export { narrate } from './narrate.js';
export { checkParam, crossing, gameDocWith, gameFile, gameParams, payoffTable, play, readGameDoc, seedsOf, type FailedRun, type PayoffRow, type Sweep, type SweepPoint } from './play.js';
export { gainSat } from './game.js';
export { sweepHtml } from './sweepChart.js';
export { parseSet, parseSweep } from './sweepRange.js';
export { payoffLines, sweepLines } from './tables.js';
