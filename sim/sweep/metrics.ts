/**
 * What a sweep records of each run: the report's headline figures (a runs-table column each),
 * or, for a game's sweep, the game's outcome and each player's gain. Measures are named, not
 * passed as functions, so a worker thread or a queue worker on another machine computes the
 * same columns from the same name.
 */
import { ScenarioError } from '../errors.js';
import { findGame, gainSat, type Params } from '../games/index.js';
import type { Report } from '../report/index.js';
import type { RunRecords } from '../scenario/index.js';

/**
 * `report`: headline figures; `game`: a game's outcome, whether its set-up held (1 or 0: a run
 * where it failed is no play of the game and is left out of the aggregate), each player's gain,
 * and the closed form at the point's parameters when the game has one.
 */
export type MeasureSpec = { readonly kind: 'report' } | { readonly kind: 'game'; readonly game: string };

/** A game's column saying whether the run met the game's set-up. */
export const SET_UP = 'setUp';

/** Report field paths recorded by default, in column order. */
export const HEADLINE: readonly string[] = [
  'payments.attempted',
  'payments.succeeded',
  'payments.successRate',
  'payments.throughputPerSec',
  'payments.feesPaidMsat',
  'payments.avgHops',
  'payments.latencyMs.p50',
  'payments.latencyMs.p99',
  'liquidity.htlcLockedPeakMsat',
  'liquidity.htlcLockedAvgMsat',
  'liquidity.htlcLockMsatBlocks',
  'penalties.revokedBroadcasts',
  'penalties.punished',
  'penalties.unpunished',
  'penalties.penaltyMsat',
  'penalties.stolenMsat',
  'chain.transactions',
  'chain.peakMempool',
  'simulated.blocks',
];

/** A number at a dotted path of a report (0 when absent: a run without payments has no latency). */
function at(report: unknown, path: string): number {
  let node = report;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' ? node : 0;
}

/** The metric columns a measure gives. */
export function metricNames(measure: MeasureSpec): string[] {
  if (measure.kind === 'report') return [...HEADLINE];
  const game = gameOf(measure.game);
  return ['outcome', SET_UP, ...game.players.map((p) => `gain_${p.node}`), ...(game.outcome.predict ? ['predicted'] : [])];
}

/** A run's metric values, aligned with metricNames. */
export function measureRun(measure: MeasureSpec, run: RunRecords, report: Report, params: Params): number[] {
  if (measure.kind === 'report') return HEADLINE.map((path) => at(report, path));
  const game = gameOf(measure.game);
  const setUp = (game.outcome.setUp?.held(run, params) ?? true) ? 1 : 0;
  const predicted = game.outcome.predict ? [game.outcome.predict(params)] : [];
  return [game.outcome.measure(run, params), setUp, ...game.players.map((p) => gainSat(run, p.node, game.payoffsFromMs)), ...predicted];
}

function gameOf(name: string) {
  const game = findGame(name);
  if (!game) throw new ScenarioError('unknown-game', `unknown game '${name}'`, 'measure');
  return game;
}
