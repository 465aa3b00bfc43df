/**
 * Long runs write every report file in bounded size: 400 days of blocks (57,600) and, under
 * `npm run test:deep`, 100,000 payments (memory is measured by the bench command, not here).
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, parseScenario, runScenario } from '../scenario/index.js';
import { MAX_BINS } from './bins.js';
import { REPORT_FILES } from './html.js';
import { summarize, writeReports } from './index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DAY = 86_400_000;

function writeAll(run: ReturnType<typeof runScenario>): string {
  const dir = writeReports(mkdtempSync(join(tmpdir(), 'pcnsim-long-')), run, summarize(run));
  for (const [file] of REPORT_FILES) expect(existsSync(join(dir, file))).toBe(true);
  return dir;
}

describe('long runs', () => {
  it('400 days: every file written, series on 400 daily bins, the page inlines at most 5,000 blocks', () => {
    const run = runScenario(loadScenario(join(root, 'scenarios/studies/liquidity-drain.yaml')), { untilMs: 400 * DAY, keepRows: false });
    expect(run.chain.blocks.length).toBeGreaterThan(50_000);
    const dir = writeAll(run);
    expect(run.stats.bins.widthMs).toBe(DAY);
    expect(readFileSync(join(dir, 'series.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 400);
    expect(readFileSync(join(dir, 'timeline.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + run.chain.blocks.length);
    const blocksInline = /<script type="application\/json" id="pcnsim-blocks">(.*?)<\/script>/.exec(readFileSync(join(dir, 'report.html'), 'utf8'))![1]!;
    expect(JSON.parse(blocksInline).length).toBeLessThanOrEqual(MAX_BINS + 1);
  });

  (process.env.PCNSIM_DEEP ? it : it.skip)('100,000 payments: every file written; the page stays a few MB', () => {
    const text = readFileSync(join(root, 'scenarios/studies/generated-1000.yaml'), 'utf8').replace('count: 10000', 'count: 100000').replace('rate: 10/s', 'rate: 50/s').replace('payments.attempted: 10000', 'payments.attempted: 100000');
    const run = runScenario(parseScenario(text, join(root, 'scenarios/studies/generated-100k.yaml')), { keepRows: false });
    expect(run.stats.attempted).toBe(100_000);
    const dir = writeAll(run);
    expect(statSync(join(dir, 'report.html')).size).toBeLessThan(8_000_000);
    // Past 5,000 changes the locked value is kept per bin, not per change.
    expect(run.stats.locked.exactPoints()).toBeUndefined();
  }, 600_000);
});
