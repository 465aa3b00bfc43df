/**
 * A game swept over one of its parameters, on the sweep machinery: the game is one more thing a
 * sweep runs (sim/games knows nothing of sweeps).
 */
import { checkParam, crossing, gameDocWith, gameFile, meanInterval, type Game, type Params, type ScenarioDoc, type Sweep, type SweepPoint } from '../games/index.js';
import { scenarioFromData } from '../scenario/index.js';
import { metricNames, SET_UP } from './metrics.js';
import { runSweep, type SweepProgress } from './sweep.js';

/** How a game's sweep runs: threads, a folder for its tables and run folders (resumed), progress. */
export interface GameSweepOptions {
  readonly jobs?: number;
  readonly out?: string;
  readonly version?: string;
  readonly onProgress?: (p: SweepProgress) => void;
}

/**
 * A sweep of one parameter, on the sweep machinery (sim/sweep): each point's scenario with every
 * seed, a runs table with the outcome, whether the set-up held, each player's gain and the
 * closed form; the aggregate counts only runs that met the set-up and gives the outcome Wilson's
 * interval on its bounds (interval.ts). Same arguments ⇒ same figures, whatever `jobs`.
 */
export async function sweepGame(root: string, game: Game, doc: ScenarioDoc, params: Params, name: string, values: readonly number[], seeds: readonly number[], options: GameSweepOptions = {}): Promise<Sweep> {
  const paramsAt = values.map((value): Params => ({ ...params, [name]: checkParam(game, name, value) }));
  const file = gameFile(root, game);
  const measure = { kind: 'game', game: game.name } as const;
  const setUp = metricNames(measure).indexOf(SET_UP);
  const result = await runSweep(
    {
      file,
      name: game.name,
      grid: { names: [name], points: values.map((v) => [v]) },
      measure,
      build: ([value]) => {
        const p = paramsAt[values.indexOf(value as number)]!;
        const pointDoc = gameDocWith(game, doc, p);
        return { doc: pointDoc, scenario: scenarioFromData(pointDoc, file), set: Object.entries(p).map(([k, v]) => `${k}=${v}`), gameParams: p };
      },
      aggregate: {
        counts: (row) => row.metrics[setUp] === 1,
        interval: (point, metric, outcomes, m) => {
          if (metric !== 'outcome') return undefined;
          const [lo, hi] = game.outcome.bounds(paramsAt[point]!);
          const ci = meanInterval(m, outcomes.length, lo, hi);
          return [ci.low, ci.high];
        },
      },
    },
    { seeds, ...options },
  );
  const points = result.summary.map((s, i): SweepPoint => {
    const o = s.metrics.outcome;
    const sample = o ? { mean: o.mean, low: o.ci95[0], high: o.ci95[1], min: o.min, max: o.max } : { mean: Number.NaN, low: Number.NaN, high: Number.NaN, min: Infinity, max: -Infinity };
    return { value: values[i]!, runs: s.runs, seeds: seeds.length, ...sample, predicted: game.outcome.predict?.(paramsAt[i]!) };
  });
  const level = game.outcome.breakEven;
  const predicted = points.every((p) => p.predicted !== undefined) ? crossing(points.map((p) => [p.value, p.predicted!]), level) : undefined;
  const failed = result.rows.filter((r) => r.error !== undefined);
  return { name, points, simulatedCrossing: crossing(points.map((p) => [p.value, p.mean]), level), predictedCrossing: predicted, failed, resumed: result.resumed };
}

