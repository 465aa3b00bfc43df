/**
 * Malleability, worked example (scenarios/examples/malleability.yaml; 600 s blocks, fee 1 sat):
 * without segwit every signed spend confirms re-encoded, so the exchange pays Carol twice and
 * Alice's refund is void; with segwit the same scenario pays once and refunds Alice.
 */
import { join } from 'node:path';
import { readScenarioDoc, runScenario, scenarioFromData } from '../scenario/index.js';
import { summarize } from '../report/summary.js';

const file = join(process.cwd(), 'scenarios', 'examples', 'malleability.yaml');

function run(chain: Record<string, unknown>) {
  const doc = readScenarioDoc(file) as Record<string, Record<string, unknown>>;
  doc.chain = { ...doc.chain, ...chain };
  return summarize(runScenario(scenarioFromData(doc, file)));
}

describe('malleability', () => {
  it('without segwit: W′ confirms, the exchange sees W dropped and pays again; F′ confirms and R is void', () => {
    const r = run({});
    expect(r.balances).toMatchObject({ carol: { endMsat: 100_000_000 }, gox: { endMsat: 0 }, alice: { endMsat: 0 } });
    expect(r).toMatchObject({ malleability: { reencodedConfirmed: 3, withdrawalsConfirmed: 2, refundVoid: true, refundsConfirmed: 0 } });
  });

  it('with segwit: one withdrawal, and R refunds Alice at height 7 (100,000 − 1 fee)', () => {
    const r = run({ segwit: true });
    expect(r.balances).toMatchObject({ carol: { endMsat: 50_000_000 }, gox: { endMsat: 50_001_000 }, alice: { endMsat: 99_999_000 } });
    expect(r).toMatchObject({ malleability: { reencodedConfirmed: 0, withdrawalsConfirmed: 1, refundVoid: false, refundsConfirmed: 1 } });
  });

  it('segwit ignores a malleate share; malleate 0 without segwit changes nothing either', () => {
    expect(run({ segwit: true, malleate: 1 }).malleability).toEqual(run({ segwit: false, malleate: 0 }).malleability);
  });
});
