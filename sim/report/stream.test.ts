/**
 * Streaming (issue 8): a run that keeps no rows, writing payments.csv and events.ndjson as it
 * goes, produces the same files and the same report as a run that keeps every row in memory.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, runScenario } from '../scenario/index.js';
import { eventsNdjson, paymentsCsv, timelineCsv } from './csv.js';
import { reportHtml, reportJson, StreamedRows, summarize } from './index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('streamed rows', () => {
  // hub-failure (the largest study) twice over only under test:deep; the smaller ones always.
  const files = ['scenarios/examples/four-hop-fees.yaml', 'scenarios/studies/watchtower.yaml', 'scenarios/games/mass-exit.yaml', ...(process.env.PCNSIM_DEEP ? ['scenarios/studies/hub-failure.yaml'] : [])];
  it.each(files)('%s: same files and report with rows kept or streamed', (file) => {
    const scenario = loadScenario(join(root, file));
    const kept = runScenario(scenario);
    const dir = mkdtempSync(join(tmpdir(), 'pcnsim-stream-'));
    const rows = new StreamedRows(dir, { trace: true });
    const streamed = runScenario(scenario, { keepRows: false, onPayment: rows.onPayment, onEvent: rows.onEvent });
    rows.finish(streamed);

    expect(streamed.payments).toHaveLength(0);
    expect(streamed.channelEvents).toHaveLength(0);
    expect(kept.payments.length + kept.channelEvents.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'payments.csv'), 'utf8')).toBe(paymentsCsv(kept));
    expect(readFileSync(join(dir, 'events.ndjson'), 'utf8')).toBe(eventsNdjson(kept));
    const report = summarize(kept);
    expect(reportJson(summarize(streamed))).toBe(reportJson(report));
    expect(timelineCsv(streamed)).toBe(timelineCsv(kept));
    expect(reportHtml(summarize(streamed), streamed)).toBe(reportHtml(report, kept));
  });

  it('the accumulated figures agree with counting the kept rows', () => {
    const run = runScenario(loadScenario(join(root, 'scenarios/studies/hub-failure.yaml')));
    const report = summarize(run);
    const ok = run.payments.filter((p) => p.status === 'succeeded');
    expect(report.payments.attempted).toBe(run.payments.length);
    expect(report.payments.succeeded).toBe(ok.length);
    expect(report.payments.feesPaidMsat).toBe(ok.reduce((s, p) => s + p.feeMsat, 0));
    expect(report.chain.unilateralCloses).toBe(run.channelEvents.filter((e) => e.kind === 'cash').length);
    const adds = run.channelEvents.filter((e) => e.kind === 'htlc-add');
    expect(adds.length).toBeGreaterThan(0);
    expect(report.liquidity.htlcLockMsatBlocks).toBe(adds.reduce((s, e) => s + (e.amountMsat ?? 0) * ((e.expiryHeight ?? e.height) - e.height), 0));
    expect(report.liquidity.htlcLockedPeakMsat).toBeGreaterThanOrEqual(Math.max(...adds.map((e) => e.amountMsat ?? 0)));
  });
});
