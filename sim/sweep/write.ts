/**
 * Writes a sweep folder: sweep.json (what was swept), runs.csv and runs.ndjson, and for a whole
 * sweep (not one shard) summary.csv, summary.json and the chart page sweep.html. Each file is
 * written to a temporary name and renamed, so a folder never holds half a table.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sweepPage } from './chart.js';
import type { PointSummary } from './stats.js';
import { runsCsv, runsNdjson, summaryCsv, summaryJson, type Manifest } from './tables.js';
import type { RunRow } from './task.js';

/** The files of a sweep folder, in the order they are written (the page last). */
export const SWEEP_FILES = ['sweep.json', 'runs.csv', 'runs.ndjson', 'summary.csv', 'summary.json', 'sweep.html'] as const;

export function writeSweep(dir: string, m: Manifest, rows: readonly RunRow[], summary: readonly PointSummary[]): void {
  mkdirSync(dir, { recursive: true });
  const files: [string, () => string][] = [
    ['sweep.json', () => `${JSON.stringify(m, null, 2)}\n`],
    ['runs.csv', () => runsCsv(m, rows)],
    ['runs.ndjson', () => runsNdjson(m, rows)],
  ];
  if (m.shard === undefined) files.push(['summary.csv', () => summaryCsv(m, summary)], ['summary.json', () => summaryJson(m, summary)], ['sweep.html', () => sweepPage(m, summary)]);
  for (const [name, text] of files) {
    writeFileSync(join(dir, `${name}.tmp`), text());
    renameSync(join(dir, `${name}.tmp`), join(dir, name));
  }
}
