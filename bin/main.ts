/**
 * The command line as a function: `main(argv, io)` parses the flags, runs one command and maps
 * every error to an exit code (INTERFACE.md): 0 success; 2 bad input (one line naming the file
 * and field); 1 internal error ("this is a bug"); 3 unmet `expect`. Stack traces only with
 * PCNSIM_DEBUG=1. `bin/pcnsim.ts` calls it for the installed command; tests call it in-process.
 */
import { Command, CommanderError } from 'commander';
import { InvariantError, printable, ScenarioError } from '../sim/errors.js';
import { scenarioJsonSchema } from '../sim/scenario/index.js';
import { GAMES } from '../sim/games/index.js';
import { benchCommand, type BenchFlags } from './bench.js';
import { benchSweepCommand, DEFAULT_SWEEP, type BenchSweepFlags } from './benchSweep.js';
import { addSweepCommands } from './sweep.js';
import { gameCommand, type GameFlags } from './game.js';
import { estimateCommand, listCommand, runCommand, validateCommand, type EstimateFlags, type RunFlags } from './cli.js';

/** Where a command's output goes, and what it knows of its surroundings. */
export interface Io {
  /** The package root (scenarios/, package.json). */
  readonly root: string;
  readonly version: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Progress output on stderr (only when it is a terminal). */
  readonly progress?: (text: string) => void;
}

function progressBar(io: Io): ((name: string, fraction: number) => void) | undefined {
  const write = io.progress;
  if (!write) return undefined;
  return (name, fraction) => {
    const width = 30;
    const done = Math.round(fraction * width);
    write(`\r${name} [${'#'.repeat(done)}${' '.repeat(width - done)}] ${Math.round(fraction * 100)}%`);
    if (fraction >= 1) write('\r\x1b[K');
  };
}

/** The exit code; a promise of it for commands that run asynchronously (sweep, worker). */
export function main(argv: readonly string[], io: Io): number | Promise<number> {
  const { root, version, out, err } = io;
  let exitCode = 0;
  let pending: Promise<number> | undefined;
  const program = new Command('pcnsim')
    .description('Deterministic simulator of payment-channel networks (Lightning-style)')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => err(`pcnsim: ${commanderLine(s)}`) })
    .showSuggestionAfterError(true);

  program
    .command('run')
    .description('run scenario files, write reports, print a summary')
    .argument('<files...>', 'scenario files (.yaml, .yml or .json)')
    .option('--seed <n>', "random seed (default: the scenario's, else 1)")
    .option('--out <dir>', 'report folder', 'reports')
    .option('--until <time>', "simulated end time, e.g. '7d' (default: the scenario's run.until)")
    .option('--crypto <mode>', 'full: sign and verify every commitment; lazy: only what reaches the chain', 'lazy')
    .option('--quiet', 'print nothing on success')
    .option('--json', 'print the report JSON on stdout instead of the summary')
    .option('--trace', 'also write events.ndjson')
    .option('--set <path=value>', "override a scenario field (repeatable), e.g. --set defaults.freeze='288 blocks'", collect, [] as string[])
    .action((files: string[], flags: RunFlags) => {
      exitCode = runCommand(files, flags, io, flags.quiet || flags.json ? undefined : progressBar(io));
    });

  program
    .command('validate')
    .description("check scenario files; print 'ok' or one line per problem")
    .argument('<files...>', 'scenario files')
    .action((files: string[]) => {
      exitCode = validateCommand(files, out, err);
    });

  program
    .command('game')
    .description('play a teaching game: the story block by block, then a payoff table (or a sweep of one parameter)')
    .argument('<name>', `one of: ${GAMES.map((g) => g.name).join(', ')}`)
    .option('--narrate', 'tell every off-chain step too (signatures, HTLCs, payments)')
    .option('--seed <n>', 'seed of the story', '1')
    .option('--seeds <n>', 'seeds per payoff-table row or sweep point', '40')
    .option('--set <key=value>', "change a parameter (repeatable), e.g. --set online=0.9", collect, [] as string[])
    .option('--sweep <key=a..b:step>', 'rerun over a range of one parameter, e.g. online=0.5..1:0.05')
    .option('--out <file|dir>', 'with --sweep: FILE.html writes the chart and table as a self-contained page; a folder also gets the runs and summary tables and run folders (resumed)')
    .option('--jobs <n>', "with --sweep: worker threads (default: the machine's cores)")
    .action((name: string, flags: GameFlags) => {
      const code = gameCommand(name, flags, io);
      if (typeof code === 'number') exitCode = code;
      else pending = code;
    });

  program
    .command('estimate')
    .description('the concurrency bound of BRIEF §6: channels ≤ TPS × 86,400 × days / transactions per channel')
    .option('--tps <x>', 'chain transactions per second (a number or a fraction)', '10/3')
    .option('--lifetime-days <n>', 'average channel lifetime, days', '54.9')
    .option('--txs-per-channel <k>', 'on-chain transactions per channel (two deposits, two withdrawals)', '4')
    .option('--path-length <l>', 'channels per payment path', '6')
    .option('--simulate', 'also simulate a chain and network at 1/scale of the rates and print what they reach next to the bound')
    .option('--scale <f>', 'with --simulate: shrink rates and counts by this factor (default 1000)')
    .option('--seed <n>', 'with --simulate: the first seed (default 1)')
    .option('--seeds <n>', 'with --simulate: seeds to run, from --seed on; figures print as mean ± 95% CI (default 5)')
    .option('--demand <f>', "with --simulate: openers arrive at f × the bound's opening rate (default 1; above 1 the chain's limit binds)")
    .action((flags: EstimateFlags) => {
      exitCode = estimateCommand(flags, out, io.progress ? err : undefined);
    });

  program
    .command('bench')
    .description('performance benchmark: payments per CPU-second and per second, setup apart, searches per payment, peak memory (wall-clock figures live here only); writes bench.json')
    .option('--payments <n>', 'one workload of n payments instead of the fixed set (20k and 100k on the 2019 snapshot, 1M on 10,000 generated nodes)')
    .option('--pairs <kind>', 'uniform: 100 sat between uniformly drawn pairs, up to 10 routes each; capacity-weighted: lognormal amounts around 10,000 sat', 'uniform')
    .option('--routing', 'replay the searches of one run (20k payments unless --payments) through findRoute and a minimal reference Dijkstra; print the CPU ratio')
    .option('--graph <file>', 'an lnd describegraph JSON (or .gz) to use instead of the bundled snapshot')
    .option('--network <kind>', 'snapshot: the 2019 snapshot (or --graph); generated: the 1M workload\'s scale-free 10,000-node network (with --payments, that many payments on it; without, the 1M alone)', 'snapshot')
    .option('--out <file>', 'where to write the figures', 'bench.json')
    .option('--crypto <mode>', 'full: sign and verify every commitment; lazy: only what reaches the chain', 'lazy')
    .option('--sweep [file]', `instead: time a sweep of short runs in this thread, on a one-thread pool and on two threads (--jobs 2 speed-up, pool overhead per run); default ${DEFAULT_SWEEP.file}`)
    .option('--vary <path=values>', `with --sweep: the grid (repeatable; default ${DEFAULT_SWEEP.vary.join(' ')})`, collect, [] as string[])
    .option('--seeds <n>', `with --sweep: seeds per point (default ${DEFAULT_SWEEP.seeds})`)
    .option('--repeat <n>', 'with --sweep: times each way runs (the median counts)', '3')
    .action((flags: BenchFlags & BenchSweepFlags) => {
      if (flags.sweep !== undefined) pending = benchSweepCommand(root, flags, out);
      else if (flags.vary.length > 0 || flags.seeds !== undefined) throw new ScenarioError('bad-flag', '--vary and --seeds shape a sweep benchmark; expected --sweep too', flags.seeds !== undefined ? '--seeds' : '--vary');
      else exitCode = benchCommand(root, flags, out);
    });

  program
    .command('schema')
    .description('print the scenario format as a JSON Schema (for editor autocompletion)')
    .action(() => {
      out(JSON.stringify(scenarioJsonSchema(), null, 2));
    });

  program
    .command('list')
    .description('the bundled scenarios and games, one line each')
    .action(() => {
      exitCode = listCommand(root, out);
    });

  addSweepCommands(program, io, (run) => {
    pending = run();
  });

  try {
    program.parse(argv, { from: 'user' });
    return pending ? pending.catch((error: unknown) => exitCodeOf(error, err)) : exitCode;
  } catch (error) {
    return exitCodeOf(error, err);
  }
}

/** Maps an error to its exit code (INTERFACE.md), printing its one line. */
function exitCodeOf(error: unknown, err: (line: string) => void): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return 2; // commander already printed one line through writeErr
  }
  if (error instanceof ScenarioError) {
    err(`pcnsim: ${error.message}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(error instanceof InvariantError ? `pcnsim: invariant broken: ${message}` : `pcnsim: internal error: ${message} (this is a bug)`);
  if (process.env.PCNSIM_DEBUG && error instanceof Error && error.stack) err(error.stack);
  return 1;
}


/** A repeatable option's values, in order. */
export function collect(value: string, all: string[]): string[] {
  return [...all, value];
}

/** A commander message on one line, saying where the expected forms are. */
function commanderLine(text: string): string {
  const line = printable(text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' '));
  return /expected|did you mean/i.test(line) ? line : `${line}; expected the arguments and options that --help lists`;
}
