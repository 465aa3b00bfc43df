#!/usr/bin/env node
/**
 * pcnsim — the installed command: wires `main` (bin/main.ts) to the process. A closed stdout
 * (`pcnsim game breach | head -1`) ends the process quietly instead of with an EPIPE trace.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { main } from './main.js';

// dist/bin/pcnsim.js → the package root is two levels up.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

// V8 lets the heap grow to up to four times what its last full collection found live before it
// collects again; a run's live heap is mostly its channels (160 MB for the 31,000 of the 2019
// snapshot), so its peak was that headroom. Twice as much headroom as live (growth factor
// 1 + 50%) cuts the peak of `bench` by about a fifth on the snapshot and by half on a million
// payments, for a few percent more CPU (README "Performance"). `node --heap-growing-percent=N`
// wins (0: V8's own choice).
if (!process.execArgv.some((flag) => flag.includes('heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=50');

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  root,
  version,
  out: (s) => void process.stdout.write(`${s}\n`),
  err: (s) => void process.stderr.write(`${s}\n`),
  ...(process.stderr.isTTY ? { progress: (s: string) => void process.stderr.write(s) } : {}),
});
