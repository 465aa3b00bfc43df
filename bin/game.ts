/**
 * `pcnsim game NAME`: the story of one play, block by block, then the payoff table over the
 * game's strategy profiles; with `--sweep`, the outcome against one parameter instead, run as a
 * sweep (sim/sweep: threads with `--jobs`; with `--out DIR`, the runs and summary tables, run
 * folders and resume; `--out FILE.html` writes only the chart page).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { ScenarioError } from '../sim/errors.js';
import { checkParam, findGame, gameParams, GAMES, narrate, parseSet, parseSweep, payoffLines, payoffTable, play, readGameDoc, seedsOf, type Sweep, sweepHtml, sweepLines } from '../sim/games/index.js';
import { sweepGame } from '../sim/sweep/index.js';
import { checkOutFile, prepareOutDir } from './outputs.js';
import type { Io } from './main.js';
import { progressBar, sweepExitCode, whole } from './sweep.js';

export interface GameFlags {
  narrate?: boolean;
  seed?: string;
  seeds: string;
  set: string[];
  sweep?: string;
  out?: string;
  jobs?: string;
}

/** The exit code; a promise of it for a sweep (it runs on the sweep machinery). */
export function gameCommand(name: string, flags: GameFlags, io: Io): number | Promise<number> {
  const { root, out } = io;
  const game = findGame(name);
  if (!game) throw new ScenarioError('unknown-game', `unknown game '${name}'; expected one of: ${GAMES.map((g) => g.name).join(', ')}`, 'NAME');
  const seed = flags.seed === undefined ? 1 : whole(flags.seed, '--seed', 0);
  const seeds = seedsOf(whole(flags.seeds, '--seeds', 1, 1000));
  const doc = readGameDoc(root, game);
  const params = gameParams(game, doc, parseSet(flags.set));
  const range = flags.sweep === undefined ? undefined : parseSweep(flags.sweep);
  if (flags.out !== undefined && !range) throw new ScenarioError('bad-flag', '--out writes the chart of a sweep; expected --sweep too', '--out');
  if (flags.jobs !== undefined && !range) throw new ScenarioError('bad-flag', '--jobs runs a sweep on threads; expected --sweep too', '--jobs');
  const jobs = flags.jobs === undefined ? availableParallelism() : whole(flags.jobs, '--jobs', 1, 256);
  // An .html path is the chart page alone; anything else is the sweep's folder.
  const page = flags.out === undefined ? undefined : /\.html?$/i.test(flags.out) ? flags.out : join(flags.out, `${game.name}-sweep.html`);
  const folder = flags.out !== undefined && page !== flags.out ? flags.out : undefined;
  if (folder !== undefined) prepareOutDir(folder, '--out');
  else if (page !== undefined) checkOutFile(page, '--out');
  // Every point of the sweep is checked before any is played; errors name --sweep, not --set.
  for (const value of range?.values ?? []) {
    try {
      checkParam(game, range!.name, value);
    } catch (error) {
      throw error instanceof ScenarioError ? new ScenarioError(error.code, error.detail, '--sweep') : error;
    }
  }

  out(`${game.title}  (pcnsim game ${game.name}; scenarios/games/${game.file})`);
  const unit = (k: string): string => game.params.find((p) => p.name === k)?.unit ?? '';
  out(`parameters: ${Object.entries(params).map(([k, v]) => `${k}=${v}${unit(k) ? ` ${unit(k)}` : ''}`).join(' · ')}`);
  for (const line of game.explain(params)) out(`  ${line}`);
  out('');
  if (range) {
    return (async () => {
      const bar = progressBar(io);
      let s: Sweep;
      try {
        s = await sweepGame(root, game, doc, params, range.name, range.values, seeds, { jobs, version: io.version, ...(folder !== undefined ? { out: folder } : {}), ...(bar ? { onProgress: bar.update } : {}) });
      } finally {
        bar?.stop();
      }
      for (const line of sweepLines(game, s, seeds.length)) out(line);
      if (page !== undefined) {
        writeFileSync(page, sweepHtml(game, s, seeds.length, game.explain(params)));
        out(folder !== undefined ? `wrote ${folder}/ (runs.csv, runs.ndjson, summary.csv, summary.json, sweep.html, ${game.name}-sweep.html; run folders in ${folder}/runs/${s.resumed > 0 ? `; ${s.resumed} runs resumed` : ''})` : `wrote ${page}`);
      }
      return sweepExitCode(s.failed, io.err);
    })();
  }
  const run = play(root, game, doc, params, seed);
  out(`Story (seed ${seed})${flags.narrate ? '' : ' — on-chain steps only; --narrate adds every off-chain signature'}:`);
  const story = game.story ? game.story(run, flags.narrate ?? false, params) : narrate(run, game.players.map((p) => p.node), flags.narrate ?? false);
  for (const line of story) out(`  ${line}`);
  out(`  ${game.outcome.label}: ${game.outcome.format(game.outcome.measure(run, params))}`);
  const setUp = game.outcome.setUp;
  if (setUp && !setUp.held(run, params)) out(`  The set-up failed in this play: it needs ${setUp.text}. Payoffs and sweeps leave such runs out.`);
  out('');
  for (const line of payoffLines(game, payoffTable(root, game, doc, params, seeds), seeds.length)) out(line);
  return 0;
}
