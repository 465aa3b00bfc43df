/**
 * Writes a finished run's reports so that nothing it computed is lost to one writer: the plain
 * files first (report.json, report.md, timeline.csv), the HTML page last, each on its own. A
 * writer that fails is reported in one line; the files already written stay.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportFiles, type Report } from '../sim/report/index.js';
import type { RunRecords } from '../sim/scenario/index.js';
import { fsReason } from '../sim/errors.js';

export interface WriteFailure {
  readonly file: string;
  /** A filesystem refusal (disk full, permissions) rather than a bug in a writer. */
  readonly io: boolean;
  readonly reason: string;
}

/** The files of a report, in the order they are written: the plain ones first, the chart page last. */
export function reportWriters(run: RunRecords, report: Report): [string, () => string][] {
  return reportFiles(run, report);
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
