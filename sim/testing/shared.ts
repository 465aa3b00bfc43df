/**
 * Real data from `../shared` beside the repository (CI checks it out there; the repo never holds
 * a copy). A test that needs a missing file fails naming it, instead of passing without checking.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const shared = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');

/** The path of `../shared/<parts>`; throws when the file is not there. */
export function sharedFile(...parts: string[]): string {
  const file = join(shared, ...parts);
  if (!existsSync(file)) throw new Error(`${file} is missing: this test reads ../shared (checked out beside the repository, as in CI) and cannot pass without it`);
  return file;
}
