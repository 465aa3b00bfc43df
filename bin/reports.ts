/**
 * Writes a finished run's reports (in sim/report `reportFiles` order: the plain files first, the
 * HTML page last) so that nothing it computed is lost to one writer: each is written on its own,
 * and a writer that fails is reported in one line; the files already written stay.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fsReason } from '../sim/errors.js';

export interface WriteFailure {
  readonly file: string;
  /** A filesystem refusal (disk full, permissions) rather than a bug in a writer. */
  readonly io: boolean;
  readonly reason: string;
}

export function writeRunReports(dir: string, writers: readonly [string, () => string][]): WriteFailure[] {
  const failures: WriteFailure[] = [];
  for (const [name, text] of writers) {
    const file = join(dir, name);
    let content: string;
    try {
      content = text();
    } catch (error) {
      failures.push({ file, io: false, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    try {
      writeFileSync(file, content);
    } catch (error) {
      failures.push({ file, io: true, reason: fsReason(error) });
    }
  }
  return failures;
}
