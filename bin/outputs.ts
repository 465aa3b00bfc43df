/**
 * Output paths, checked before any work is done (a benchmark or a long run must not end in "cannot
 * write"): `--out` folders are created one level at a time (Node's recursive mkdir loops forever
 * under /proc) and tested for writing; `--out` files must sit in a writable folder and not be a
 * folder. Every failure is a ScenarioError naming the flag, the path and what was expected.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fsReason, ScenarioError } from '../sim/errors.js';

function kindOf(path: string, what = 'a path you can write to'): 'dir' | 'file' | 'missing' | 'other' {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new ScenarioError('bad-output', `cannot use ${path} (${fsReason(error)}); expected ${what}`, '');
  }
}

function writable(path: string, flag: string, what: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    throw new ScenarioError('bad-output', `cannot write in ${path} (${fsReason(error)}); expected ${what}`, flag);
  }
}

/** Creates `dir` (and missing parents) and checks it can be written in. */
export function prepareOutDir(dir: string, flag = '--out'): void {
  const what = 'a folder you can write to';
  const missing: string[] = [];
  let at = resolve(dir);
  try {
    for (let kind = kindOf(at); kind === 'missing'; kind = kindOf(at)) {
      missing.unshift(at);
      const up = dirname(at);
      if (up === at) break;
      at = up;
    }
    const kind = kindOf(at);
    if (kind !== 'dir' && kind !== 'missing') throw new ScenarioError('bad-output', `${at} is ${kind === 'file' ? 'a file' : 'not a folder'}; expected ${what}`, flag);
    for (const path of missing) mkdirSync(path);
  } catch (error) {
    if (error instanceof ScenarioError) throw error.path ? error : error.under(flag);
    throw new ScenarioError('bad-output', `cannot create ${dir} (${fsReason(error)}); expected ${what}`, flag);
  }
  writable(dir, flag, what);
}

/** Checks that `file` can be written: not a folder, in an existing folder that can be written in. */
export function checkOutFile(file: string, flag = '--out'): void {
  const what = 'a file path in a folder you can write to';
  const kind = kindOf(resolve(file));
  if (kind === 'dir') throw new ScenarioError('bad-output', `${file} is a folder; expected ${what}`, flag);
  const parent = dirname(resolve(file));
  const parentKind = kindOf(parent);
  if (parentKind !== 'dir') throw new ScenarioError('bad-output', `${parentKind === 'missing' ? `no folder ${parent}` : `${parent} is not a folder`}; expected ${what}`, flag);
  writable(kind === 'file' ? file : parent, flag, what);
}
