/**
 * The command implementations behind `pcnsim` (STYLE §15: a thin CLI; each command parses its
 * flags and calls exported functions). Errors propagate to the one handler in pcnsim.ts.
 */
import { printable, ScenarioError } from '../sim/errors.js';
import { join } from 'node:path';
import { reportFiles, StreamedRows, unmetExpectations, reportJson, summaryText } from '../sim/report/index.js';
import { checkBlocks, forgetImportedGraphs, listScenarios, loadScenario, parseOverride, type Scenario, validateScenario } from '../sim/scenario/index.js';
import { parseTimeMs } from '../sim/units.js';
import type { CryptoMode } from '../sim/channel/index.js';
import { DEFAULT_SCALE, DEFAULT_SEEDS, estimate, explain, explainSeeds, explainSimulation, simulateSeeds } from '../sim/estimate/index.js';
import { GAMES } from '../sim/games/index.js';
import { whole as wholeNumber } from './sweep.js';
import { prepareOutDir } from './outputs.js';
import { simulate as simulateRun, type RunReport } from '../sim/index.js';
import { writeRunReports } from './reports.js';

export interface RunFlags {
  seed?: string;
  out: string;
  until?: string;
  crypto: string;
  quiet?: boolean;
  json?: boolean;
  trace?: boolean;
  set?: string[];
}

/** `pcnsim run`: returns the exit code (0; 3 when an `expect` is unmet; 1 when a report writer broke). */
export function runCommand(files: readonly string[], flags: RunFlags, io: { out: (s: string) => void; err: (s: string) => void; version: string }, progress?: (name: string, f: number) => void): number {
  const { out, err } = io;
  const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
  const untilMs = flags.until === undefined ? undefined : parseTimeMs(flags.until, '--until');
  const crypto = parseCrypto(flags.crypto);
  const overrides = (flags.set ?? []).map((text) => parseOverride(text));
  // Validate every file and the output folder before running any, so a typo fails fast.
  const scenarios: Scenario[] = files.map((f) => loadScenario(f, overrides));
  forgetImportedGraphs(); // every scenario is resolved: the runs do not need the imported files' graphs
  if (untilMs !== undefined) for (const s of scenarios) checkBlocks(untilMs, s.chain.blockIntervalMs, '--until');
  prepareOutDir(flags.out);
  let exit = 0;
  for (const scenario of scenarios) {
    for (const warning of scenario.warnings) err(`pcnsim: ${scenario.file}: warning: ${printable(warning)}`);
    const started = process.hrtime.bigint();
    // Rows go straight to payments.csv / events.ndjson: memory stays flat however long the run.
    const dir = join(flags.out, scenario.name);
    prepareOutDir(dir);
    const rows = new StreamedRows(dir, { trace: flags.trace ?? false });
    const { records: run, report } = simulateRun(scenario, {
      version: io.version,
      set: overrides.map((o) => o.text),
      ...(seed !== undefined ? { seed } : {}),
      ...(untilMs !== undefined ? { untilMs } : {}),
      crypto,
      ...(progress ? { onProgress: (f: number) => progress(scenario.name, f) } : {}),
      keepRows: false,
      onPayment: rows.onPayment,
      onEvent: rows.onEvent,
    });
    rows.finish(run);
    const failures = writeRunReports(dir, reportFiles(run, report));
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (flags.json) out(reportJson(report).trimEnd());
    else if (!flags.quiet) out(`${summaryText(report)}${extraLines(report)}\n  reports   ${dir}/ (${wallMs.toFixed(0)} ms wall-clock)`);
    for (const f of failures) {
      err(f.io ? `pcnsim: ${f.file}: cannot write (${f.reason}); the other reports are in ${dir}/` : `pcnsim: ${f.file}: the report writer failed: ${f.reason} (this is a bug; the other reports are in ${dir}/)`);
      exit = f.io ? Math.max(exit, 2) : 1;
    }
    const unmet = unmetExpectations(report, scenario.expect);
    if (unmet.length > 0) {
      if (exit === 0) exit = 3;
      for (const line of unmet) err(`pcnsim: ${scenario.file}: expect ${line}`);
    }
  }
  return exit;
}

/** Why payments failed and which scripted actions were refused, under the summary table. */
function extraLines(report: RunReport): string {
  const failures = Object.entries(report.payments.failures).map(([reason, n]) => `${reason} ${n}`);
  const lines = failures.length ? [`  failures   ${failures.join(', ')}`] : [];
  if (report.actions.refused > 0) lines.push(`  refused    ${report.actions.refused} scripted actions (events.ndjson with --trace lists them)`);
  return lines.map((l) => `\n${l}`).join('');
}

/** `pcnsim validate`: prints `ok` per valid file or one line per problem; exit 2 if any. */
export function validateCommand(files: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  let exit = 0;
  for (const file of files) {
    const { problems, warnings } = validateScenario(file);
    if (problems.length === 0) out(`${file}: ok`);
    for (const p of problems) err(`pcnsim: ${p.message}`);
    for (const w of warnings) err(`pcnsim: ${file}: warning: ${printable(w)}`);
    if (problems.length > 0) exit = 2;
  }
  return exit;
}

export interface EstimateFlags {
  tps: string;
  lifetimeDays: string;
  txsPerChannel: string;
  pathLength: string;
  simulate?: boolean;
  scale?: string;
  seed?: string;
  seeds?: string;
  demand?: string;
}

/**
 * `pcnsim estimate`: the concurrency bound of BRIEF §6 from its inputs; with --simulate, also
 * what a simulated chain and network reach at 1/scale of the bound's rates (sim/estimate/simulate.ts).
 */
export function estimateCommand(flags: EstimateFlags, out: (s: string) => void, progress?: (line: string) => void): number {
  const input = {
    tps: positiveNumber(flags.tps, '--tps'),
    lifetimeDays: positiveNumber(flags.lifetimeDays, '--lifetime-days'),
    txsPerChannel: positiveNumber(flags.txsPerChannel, '--txs-per-channel'),
    pathLength: positiveNumber(flags.pathLength, '--path-length'),
  };
  const e = estimate(input);
  if (!flags.simulate) {
    const stray = (['scale', 'seed', 'seeds', 'demand'] as const).find((k) => flags[k] !== undefined);
    if (stray) throw new ScenarioError('bad-flag', 'only used with --simulate; expected --simulate too', `--${stray}`);
    out(explain(e, flags.tps.trim()));
    return 0;
  }
  if (!Number.isInteger(input.txsPerChannel)) throw new ScenarioError('bad-flag', `with --simulate, expected a whole number of transactions, got '${flags.txsPerChannel}'`, '--txs-per-channel');
  const scale = flags.scale === undefined ? DEFAULT_SCALE : positiveNumber(flags.scale, '--scale');
  // Fewer than 100 channels is noise; more than 100,000 would run for hours.
  const channels = e.channels / scale;
  if (!(channels >= 100 && channels <= 100_000)) {
    throw new ScenarioError('bad-flag', `expected a factor that leaves 100 to 100,000 channels of the bound's ${e.channels.toLocaleString('en-US')} (e.g. ${DEFAULT_SCALE}), got '${flags.scale}'`, '--scale');
  }
  const seed = flags.seed === undefined ? 1 : parseSeed(flags.seed);
  const seeds = flags.seeds === undefined ? DEFAULT_SEEDS : wholeNumber(flags.seeds, '--seeds', 1, 100);
  // Above 100 × the chain's capacity every opener but one in a hundred gives up: nothing new to see.
  const demand = flags.demand === undefined ? 1 : positiveNumber(flags.demand, '--demand');
  if (demand > 100) throw new ScenarioError('bad-flag', `expected a multiple of the openers' rate up to 100, got '${flags.demand}'`, '--demand');
  out(explain(e, flags.tps.trim()));
  const started = process.hrtime.bigint();
  const sims = simulateSeeds(input, { scale, demand, ...(progress ? { onProgress: progress } : {}) }, seed, seeds);
  out(explainSimulation(sims[0]!));
  out(explainSeeds(sims));
  out(`  (${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s wall-clock)`);
  return 0;
}

/** A positive number, or a fraction such as 10/3. */
function positiveNumber(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?))?\s*$/.exec(text);
  const value = m ? Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2])) : NaN;
  if (!(value > 0) || !Number.isFinite(value)) throw new ScenarioError('bad-flag', `expected a positive number such as 3.33 or 10/3, got '${text}'`, flag);
  return value;
}

export function listCommand(root: string, out: (s: string) => void): number {
  const entries = listScenarios(root);
  const width = Math.max(0, ...entries.map((e) => e.path.length));
  out('Scenarios (pcnsim run PATH):');
  for (const e of entries) out(`  ${e.path.padEnd(width)}  ${e.description}`);
  out('Games (pcnsim game NAME [--narrate] [--set key=value] [--sweep key=a..b:step]):');
  const nameWidth = Math.max(...GAMES.map((g) => g.name.length));
  for (const g of GAMES) out(`  ${g.name.padEnd(nameWidth)}  ${g.title} (scenarios/games/${g.file})`);
  return 0;
}

function parseSeed(text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new ScenarioError('bad-flag', `expected a non-negative whole number, got '${text}'`, '--seed');
  return Number(text);
}

/** `--crypto`: full or lazy (run and bench). */
export function parseCrypto(text: string): CryptoMode {
  if (text !== 'full' && text !== 'lazy') throw new ScenarioError('bad-flag', `expected full or lazy, got '${text}'`, '--crypto');
  return text;
}
