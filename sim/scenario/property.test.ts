/**
 * Whole-simulation properties (STYLE §14) over random small networks, payments and adversarial
 * actions (revoked broadcasts, offline windows, failing nodes):
 * - every run ends with its invariants intact (a broken one throws) and funds conserved;
 * - a node that stays online, never cheats and neither pays nor is paid never ends with less;
 * - the same scenario and seed give byte-identical reports, in both crypto modes.
 * `npm run test:deep` tries twenty times as many cases.
 */
import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { stringify } from 'yaml';
import { reportJson, summarize } from '../report/index.js';
import { parseScenario } from './load.js';
import { runScenario } from './run.js';


const world = fc
  .record({
    size: fc.integer({ min: 3, max: 6 }),
    extra: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    deposits: fc.array(fc.tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.integer({ min: 1_000, max: 100_000 })), { minLength: 9, maxLength: 9 }),
    feeBase: fc.integer({ min: 0, max: 20 }),
    cltvDelta: fc.integer({ min: 6, max: 40 }),
    payments: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), amount: fc.integer({ min: 1, max: 30_000 }), at: fc.integer({ min: 3_600, max: 10_000 }) }), { maxLength: 10 }),
    cheats: fc.array(fc.record({ node: fc.nat(), channel: fc.nat(), at: fc.integer({ min: 3_600, max: 12_000 }) }), { maxLength: 2 }),
    outages: fc.array(fc.record({ node: fc.nat(), at: fc.integer({ min: 3_600, max: 12_000 }), hours: fc.integer({ min: 1, max: 30 }) }), { maxLength: 2 }),
    failure: fc.option(fc.record({ node: fc.nat(), at: fc.integer({ min: 3_600, max: 12_000 }) }), { nil: undefined }),
  })
  .map((w) => {
    const nodes = Array.from({ length: w.size }, (_, i) => `n${i}`);
    const pairs = new Map<string, [string, string]>();
    for (let i = 1; i < w.size; i++) pairs.set(`${i - 1}-${i}`, [nodes[i - 1]!, nodes[i]!]);
    for (const [a, b] of w.extra) {
      const [x, y] = [a % w.size, b % w.size].sort((p, q) => p - q);
      if (x !== y && !pairs.has(`${x}-${y}`)) pairs.set(`${x}-${y}`, [nodes[x!]!, nodes[y!]!]);
    }
    const channels = [...pairs.values()].map((between, i) => ({ between, deposit: w.deposits[i % 9]!.map((s) => `${s} sat`) }));
    const payments = w.payments.filter((p) => p.from % w.size !== p.to % w.size).map((p) => ({ at: p.at, from: nodes[p.from % w.size], to: nodes[p.to % w.size], amount: `${p.amount} sat` }));
    const cheaters = w.cheats.map((c) => {
      const ch = channels[c.channel % channels.length]!;
      return { at: c.at, node: ch.between[c.node % 2]!, do: 'broadcast', channel: `${ch.between[0]}-${ch.between[1]}`, sequence: 1 };
    });
    const outages = w.outages.map((o) => ({ at: o.at, node: nodes[o.node % w.size], do: 'offline', for: `${o.hours}h` }));
    const failure = w.failure ? [{ at: w.failure.at, node: nodes[w.failure.node % w.size], do: 'fail' }] : [];
    const scenario = {
      name: 'random',
      seed: 3,
      chain: { blockInterval: '600s' },
      defaults: { feeBase: `${w.feeBase} sat`, feePpm: 100, cltvDelta: `${w.cltvDelta} blocks`, finalCltvDelta: '12 blocks', deadline: '3 blocks' },
      channels,
      payments,
      actions: [...cheaters, ...outages, ...failure],
      run: { until: '3d' },
    };
    const bystanders = nodes.filter(
      (n) => ![...payments.flatMap((p) => [p.from, p.to]), ...cheaters.map((c) => c.node), ...outages.map((o) => o.node), ...failure.map((f) => f.node)].includes(n),
    );
    return { text: stringify(scenario), bystanders };
  });

describe('random networks under attack (property)', () => {
  it('conserve funds, never cost an online bystander, and are deterministic in both crypto modes', () => {
    fc.assert(
      fc.property(world, ({ text, bystanders }) => {
        const scenario = parseScenario(text, 'random.yaml');
        const lazy = runScenario(scenario, { crypto: 'lazy' });
        const report = summarize(lazy);
        expect(report.invariants.fundsConserved).toBe(true);
        for (const node of bystanders) expect(report.balances[node]!.endMsat).toBeGreaterThanOrEqual(report.balances[node]!.startMsat);
        const again = reportJson(summarize(runScenario(scenario, { crypto: 'lazy' })));
        expect(again).toBe(reportJson(report));
        expect(reportJson(summarize(runScenario(scenario, { crypto: 'full' })))).toBe(again);
      }),
      { seed: 77, numRuns: runs(12) },
    );
  });
});
