import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, parseScenario, runScenario } from '../scenario/index.js';
import { reportHtml } from './html.js';
import { summarize } from './summary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const page = (file: string): string => {
  const run = runScenario(loadScenario(join(root, file)));
  return reportHtml(summarize(run), run);
};
/** The charts' specs as the page carries them (JSON beside each chart). */
function specs(html: string): { id: string; points: number; dataHref?: string; option: { series: { name: string; markLine?: { data: { name: string }[] } }[] } }[] {
  return [...html.matchAll(/<figure class="chart"[^]*?<script type="application\/json">([^]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('report.html', () => {
  const html = page('scenarios/examples/one-channel-cheat.yaml');

  it('is one self-contained page: scripts inline, no external resources', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link/i);
    // Outside the inlined scripts (ECharts' own source mentions URLs it never loads): no resource at all.
    const markup = html.replace(/<script>[^]*?<\/script>/g, '');
    expect(markup).not.toMatch(/<img|https?:\/\/|url\(/i);
    expect(html).toContain('echarts.init');
  });

  it('charts payments, locked liquidity, holdings and the chain over time, with penalty and close markers', () => {
    const charts = specs(html);
    expect(charts.map((c) => c.id)).toEqual(['throughput', 'locked', 'holdings', 'liquidity', 'chain', 'network', 'cdf-latency', 'cdf-fee', 'cdf-hops', 'cdf-amount', 'success-by-amount']);
    const holdings = charts.find((c) => c.id === 'holdings')!;
    expect(holdings.option.series.map((s) => s.name)).toEqual(['alice', 'bob', 'unilateral close (1)', 'penalty (1)']);
    const marks = holdings.option.series.flatMap((s) => s.markLine?.data.map((d) => d.name) ?? []);
    expect(marks).toEqual(['unilateral close at 2h 10min (#13): alice-bob by alice', 'penalty at 2h 20min (#14): alice-bob by bob']);
    for (const c of charts.filter((x) => x.id !== 'locked' && x.id !== 'cdf-latency' && x.id !== 'cdf-fee')) expect(c.points).toBeGreaterThan(0);
    for (const c of charts) expect(c.dataHref).toMatch(/^[a-z]+\.csv$/);
  });

  it('is deterministic', () => {
    expect(page('scenarios/examples/one-channel-cheat.yaml')).toBe(html);
  });

  it('escapes text from scenario files', () => {
    const run = runScenario(parseScenario('name: x\ndescription: "<b>bold</b> & co"\nchannels:\n  - { between: [a, b], deposit: [1, 1] }\nrun: { until: 1h }\n', 'x.yaml'));
    const out = reportHtml(summarize(run), run);
    expect(out).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; co');
    expect(out).not.toContain('<b>bold</b>');
  });

  it('shows the peak locked in HTLCs that the table reports (the chart samples every change, not blocks)', () => {
    const run = runScenario(loadScenario(join(root, 'scenarios/studies/liquidity-drain.yaml')));
    const report = summarize(run);
    expect(Math.max(...run.stats.locked.max)).toBe(report.liquidity.htlcLockedPeakMsat);
    const exact = run.stats.locked.exactPoints()!;
    const values = exact.filter((_, i) => i % 2 === 1);
    expect(Math.max(...values)).toBe(report.liquidity.htlcLockedPeakMsat);
  });
});
