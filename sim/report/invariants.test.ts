/** report.invariants says what was checked, from the run's own accounting, and can say no. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, runScenario } from '../scenario/index.js';
import { summarize } from './summary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('report.invariants', () => {
  const run = runScenario(loadScenario(join(root, 'scenarios/examples/one-channel-cheat.yaml')));

  it('states the checks made and the largest discrepancy of the end-of-run accounting: 0', () => {
    const { invariants } = summarize(run);
    expect(invariants).toEqual({ fundsConserved: true, checks: expect.any(Number), largestDiscrepancyMsat: 0 });
    expect(invariants.checks).toBeGreaterThan(run.chain.blocks.length); // every block, update and contract call
    expect(run.accounting.endMsat + run.accounting.feesMsat).toBe(run.accounting.startMsat);
  });

  it('reports funds not conserved when the accounting does not add up', () => {
    const broken = { ...run, accounting: { ...run.accounting, endMsat: run.accounting.endMsat - 5 } };
    expect(summarize(broken).invariants).toMatchObject({ fundsConserved: false, largestDiscrepancyMsat: 5 });
  });
});

describe('direct payments in the report', () => {
  it("count as direct, with their update's round trip as latency, and leave the routed figures empty", () => {
    const r = summarize(runScenario(loadScenario(join(root, 'scenarios/examples/one-channel-cheat.yaml'))));
    expect(r.payments).toMatchObject({ succeeded: 1, direct: 1, latencyMs: { p50: 200, p90: 200, p99: 200 }, latencyRoutedMs: { p50: 0, p90: 0, p99: 0 } });
  });
});
