/** Writes a run's reports into `OUT/<name>/`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecords } from './records.js';
import { eventsNdjson, paymentsCsv, timelineCsv } from './csv.js';
import { channelsCsv, nodesCsv } from './resultsCsv.js';
import { distributionsCsv, holdingsCsv, liquidityCsv, seriesCsv } from './seriesCsv.js';
import { reportHtml } from './html.js';
import { reportMarkdown } from './markdown.js';
import type { Report } from './summary.js';
import { hopViewsCsv, privacyCsv } from './privacy.js';

export function reportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/**
 * The summary files of a report, in the order they are written: the plain files first, the page
 * last (the files its charts link to are there by then, and a page that fails loses nothing else).
 */
export function reportFiles(run: RunRecords, report: Report): [string, () => string][] {
  return [
    ['report.json', () => reportJson(report)],
    ['report.md', () => reportMarkdown(report, run)],
    ['timeline.csv', () => timelineCsv(run)],
    ['series.csv', () => seriesCsv(run)],
    ['channels.csv', () => channelsCsv(run)],
    ['nodes.csv', () => nodesCsv(run)],
    ['holdings.csv', () => holdingsCsv(run)],
    ['liquidity.csv', () => liquidityCsv(run)],
    ['distributions.csv', () => distributionsCsv(run)],
    ...privacyFiles(run),
    ['report.html', () => reportHtml(report, run)],
  ];
}

/** The privacy report's row files, when the scenario asked for it. */
function privacyFiles(run: RunRecords): [string, () => string][] {
  const privacy = run.privacy;
  return privacy ? [['hop-views.csv', () => hopViewsCsv(privacy)], ['privacy.csv', () => privacyCsv(privacy)]] : [];
}

/**
 * `streamed`: payments.csv and events.ndjson were written during the run (StreamedRows), so
 * only the summary files are written here.
 */
export function writeReports(outDir: string, run: RunRecords, report: Report, options: { trace?: boolean; streamed?: boolean } = {}): string {
  const dir = join(outDir, report.scenario);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of reportFiles(run, report)) writeFileSync(join(dir, name), text());
  if (options.streamed) return dir;
  writeFileSync(join(dir, 'payments.csv'), paymentsCsv(run));
  if (options.trace) writeFileSync(join(dir, 'events.ndjson'), eventsNdjson(run));
  return dir;
}
