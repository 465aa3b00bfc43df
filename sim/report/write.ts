/** Writes a run's reports into `OUT/<name>/`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecords } from '../scenario/run.js';
import { eventsNdjson, paymentsCsv, timelineCsv } from './csv.js';
import { reportHtml } from './html.js';
import { reportMarkdown } from './markdown.js';
import type { Report } from './summary.js';

export function reportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/**
 * `streamed`: payments.csv and events.ndjson were written during the run (StreamedRows), so
 * only the summary files are written here.
 */
export function writeReports(outDir: string, run: RunRecords, report: Report, options: { trace?: boolean; streamed?: boolean } = {}): string {
  const dir = join(outDir, report.scenario);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), reportJson(report));
  writeFileSync(join(dir, 'report.md'), reportMarkdown(report, run.description));
  writeFileSync(join(dir, 'report.html'), reportHtml(report, run));
  writeFileSync(join(dir, 'timeline.csv'), timelineCsv(run));
  if (options.streamed) return dir;
  writeFileSync(join(dir, 'payments.csv'), paymentsCsv(run));
  if (options.trace) writeFileSync(join(dir, 'events.ndjson'), eventsNdjson(run));
  return dir;
}
