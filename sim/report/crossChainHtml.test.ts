import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, runScenario } from '../scenario/index.js';
import { reportHtml } from './html.js';
import { summarize } from './summary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const page = (file: string): string => {
  const run = runScenario(loadScenario(join(root, 'scenarios/examples', file)));
  return reportHtml(summarize(run), run);
};
/** The section under the heading `h2`, up to the next h2. */
function section(html: string, h2: string): string {
  const start = html.indexOf(`<h2>${h2}</h2>`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = html.indexOf('<h2>', start + 4);
  return html.slice(start, end);
}
/** Cell texts of each table row of a piece of page. */
function rows(html: string): string[][] {
  return [...html.matchAll(/<tr>([^]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>([^]*?)<\/t[dh]>/g)].map((c) => c[1]!));
}
function chart(html: string, id: string): { points: number; option: { series: { name: string; data: unknown[] }[] } } {
  const m = new RegExp(`<figure class="chart" id="${id}">[^]*?<script type="application/json">([^]*?)</script>`).exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

describe('report.html: chains, swaps, malleability, state and virtual channels', () => {
  it('a one-chain run without them has none of these sections', () => {
    const html = page('one-channel-cheat.yaml');
    for (const h of ['Chains', 'Atomic swaps', 'Malleability', 'State channels', 'Virtual channels']) expect(html).not.toContain(`<h2>${h}</h2>`);
  });

  describe('atomic swap (btc every 600 s, alt every 150 s, one hour)', () => {
    const html = page('atomic-swap.yaml');

    it('has one row per chain: 6 btc blocks and 24 alt blocks in the hour, two transactions and 2 sat of fees on each', () => {
      const t = rows(section(html, 'Chains'));
      expect(t[0]).toEqual(['chain', 'block interval', 'blocks', 'end height', 'confirmed', 'dropped', 'fees (sat)', 'peak mempool', 'funds conserved']);
      expect(t[1]!.slice(0, 8)).toEqual(['btc', '10min 0s', '6', '6', '2', '0', '2', '1']);
      expect(t[2]!.slice(0, 8)).toEqual(['alt', '2min 30s', '24', '24', '2', '0', '2', '1']);
      expect(t[2]![8]).toMatch(/^yes/);
      // Bob's 2,000,000 sat (+1 for his fee) went to Alice, less her claim's 1 sat fee.
      expect(t).toContainEqual(['alt', 'alice', '0', '1,999,999']);
      expect(t).toContainEqual(['alt', 'bob', '2,000,001', '0']);
    });

    it('charts each chain’s height block by block', () => {
      const c = chart(html, 'chains');
      expect(c.option.series.map((s) => s.name)).toEqual(['btc height', 'btc mempool', 'alt height', 'alt mempool']);
      expect(c.option.series[0]!.data).toHaveLength(1 + 6);
      expect(c.option.series[2]!.data).toHaveLength(1 + 24);
      expect(c.points).toBe(2 * 6 + 1 + 2 * 24 + 1);
    });

    it('shows the swap’s outcome, and TX1…TX3 in order on their chains', () => {
      const s = section(html, 'Atomic swaps');
      expect(rows(s)).toContainEqual(['swap1', 'alice', 'bob', 'completed', 'Claimed', 'Claimed', '0.05', '-1.050', '-1.050']);
      const steps = rows(s.slice(s.indexOf('Step by step'))).slice(1).map((r) => [r[0], r[2], r[3], r[4], r[5]]);
      expect(steps).toEqual([
        ['10min 0s', 'btc', 'alice', 'agree', ''],
        ['10min 0s', 'btc', 'alice', 'lock', 'TX1'],
        ['20min 0s', 'alt', 'bob', 'lock', 'TX3'],
        ['22min 30s', 'alt', 'alice', 'claim', 'TX3'],
        ['25min 0s', 'alt', 'bob', 'learn-secret', ''],
        ['25min 0s', 'btc', 'bob', 'claim', 'TX1'],
      ]);
      const timeline = chart(html, 'swap-timeline');
      expect(timeline.points).toBe(6);
      // The lanes' ticks are the chains' blocks: 6 + 24.
      expect(timeline.option.series[0]!.data).toHaveLength(30);
    });
  });

  it('swap over Lightning, wrong order: the exchange lost; both expiries drawn, the exchange’s after the payer’s', () => {
    const html = page('lightning-swap-wrong-order.yaml');
    const s = section(html, 'Swaps over Lightning');
    expect(rows(s)).toContainEqual(['lnswap1', 'alice → xchg → bob', 'exchange-lost', '100,000', '2,000,000', '#48 (8h 0min)', '#216 (9h 0min)', 'timedOut / claimed']);
    const c = chart(html, 'lightning-timeline') as unknown as { points: number; option: { series: { name: string; markLine?: { data: { xAxis: number; name: string }[] } }[] } };
    expect(c.points).toBe(6);
    expect(c.option.series.at(-1)!.markLine!.data).toEqual([
      { xAxis: 28_800_000, name: 'alice’s HTLC expires (#48)' },
      { xAxis: 32_400_000, name: 'xchg’s HTLC expires (#216)' },
    ]);
    // The alt chain's holdings include the channel sides: X paid Bob 2,000,000 alt-sat.
    expect(rows(section(html, 'Chains'))).toContainEqual(['alt', 'xchg', '20,000,000', '18,000,000']);
  });

  it('malleability: the re-encoded confirmations and the void refund', () => {
    const s = section(page('malleability.yaml'), 'Malleability');
    expect(rows(s)).toEqual(expect.arrayContaining([
      ['confirmed under a re-encoded id', '3'],
      ['withdrawals confirmed', '2'],
      ['pre-signed refund void (its input never exists)', 'yes'],
    ]));
    expect(s).toContain("pays carol's withdrawal and records it by id tx2");
  });

  it('state channel: version 3 concluded off chain, 60,000 sat to alice and 40,000 to bob', () => {
    const t = rows(section(page('state-channel-bet.yaml'), 'State channels'));
    expect(t).toContainEqual(['bet', 'Closed', '3', 'conclude', '0', '0', 'alice', '60,000', '2']);
    expect(t).toContainEqual(['bet', 'Closed', '3', 'conclude', '0', '0', 'bob', '40,000', '1']);
  });

  it('virtual channel: 30 payments, 12 while bob was offline, 100,000 sat of collateral for 5h 59min 59.8s', () => {
    const html = page('virtual-channel.yaml');
    const t = rows(section(html, 'Virtual channels'));
    // 2,159,980,000,000 msat·s = 100,000,000 msat × 21,599.8 s; / 1000 / 3600 = 599,994.4 sat·h.
    expect(t[1]).toEqual(['gamma', '30', '30 of 30', '12', 'off-chain, off-chain', '100,000', '599,994 sat·h']);
    const c = chart(html, 'virtual-gamma');
    expect(c.points).toBe(30);
    // Alice's side: 50,000 sat before the first payment, 1,000 sat less after each, 20,000 at the end.
    const alice = c.option.series[0]!.data as [number, number][];
    expect(alice).toHaveLength(31);
    expect(alice[0]![1]).toBe(50_000);
    expect(alice[30]![1]).toBe(20_000);
  });
});
