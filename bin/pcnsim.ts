#!/usr/bin/env node
/**
 * pcnsim — the installed command: wires `main` (bin/main.ts) to the process. A closed stdout
 * (`pcnsim game breach | head -1`) ends the process quietly instead of with an EPIPE trace.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main.js';

// dist/bin/pcnsim.js → the package root is two levels up.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

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
