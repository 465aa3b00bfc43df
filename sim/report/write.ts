/** Writes a run's reports into `OUT/<name>/`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecords } from '../scenario/run.js';
import { eventsNdjson, paymentsCsv, timelineCsv } from './csv.js';
import { channelsCsv, nodesCsv } from './resultsCsv.js';
import { distributionsCsv, holdingsCsv, liquidityCsv, seriesCsv } from './seriesCsv.js';
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
  writeFileSync(join(dir, 'report.md'), reportMarkdown(report, run));
  writeFileSync(join(dir, 'timeline.csv'), timelineCsv(run));
  writeFileSync(join(dir, 'series.csv'), seriesCsv(run));
  writeFileSync(join(dir, 'channels.csv'), channelsCsv(run));
  writeFileSync(join(dir, 'nodes.csv'), nodesCsv(run));
  writeFileSync(join(dir, 'holdings.csv'), holdingsCsv(run));
  writeFileSync(join(dir, 'liquidity.csv'), liquidityCsv(run));
  writeFileSync(join(dir, 'distributions.csv'), distributionsCsv(run));
  // The page last: the files its charts link to are there by then.
  writeFileSync(join(dir, 'report.html'), reportHtml(report, run));
  if (options.streamed) return dir;
  writeFileSync(join(dir, 'payments.csv'), paymentsCsv(run));
  if (options.trace) writeFileSync(join(dir, 'events.ndjson'), eventsNdjson(run));
  return dir;
}
