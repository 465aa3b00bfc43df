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

describe('report.html', () => {
  const html = page('scenarios/examples/one-channel-cheat.yaml');

  it('is one self-contained page: no scripts, no external resources', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
  });

  it('charts throughput, locked liquidity, balances and the chain, with penalty and close markers', () => {
    expect(html.match(/<svg /g)).toHaveLength(4);
    for (const title of ['Throughput', 'Locked liquidity', 'Balances over time', 'mempool']) expect(html).toContain(title);
    expect(html).toContain('penalty: alice-bob by bob');
    expect(html).toContain('unilateral close: alice-bob by alice');
    // Both nodes' balance lines are drawn and named in the legend.
    expect(html).toMatch(/<title>alice<\/title>[\s\S]*<title>bob<\/title>/);
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
});
