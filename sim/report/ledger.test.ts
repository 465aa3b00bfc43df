/** Per-channel and per-node results against BRIEF §5 example 3 and against the report's own totals. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, runScenario } from '../scenario/index.js';
import { channelsCsv, nodeRows } from './resultsCsv.js';
import { summarize } from './summary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = (file: string) => runScenario(loadScenario(join(root, file)));
const BTC = 100_000_000_000;

describe('channel ledger', () => {
  it('BRIEF §5 ex. 3: each intermediary earns 0.001 BTC on its outgoing channel; end balances as in the BRIEF', () => {
    const r = run('scenarios/examples/four-hop-fees.yaml');
    const channels = r.stats.ledger.channels;
    expect([...channels.values()].map((c) => [c.info.id, c.balance[0], c.balance[1], c.feesEarnedMsat, c.carried])).toEqual([
      ['alice-bob', 0.997 * BTC, 3.003 * BTC, 0, 1],
      ['bob-carol', 0.998 * BTC, 3.002 * BTC, 0.001 * BTC, 1],
      ['carol-diana', 0.999 * BTC, 3.001 * BTC, 0.001 * BTC, 1],
      ['diana-eric', 1 * BTC, 3 * BTC, 0.001 * BTC, 1],
    ]);
    const nodes = Object.fromEntries(nodeRows(r).map((row) => [row[0], row]));
    // fees_paid (col 10), fees_earned (col 11): alice paid 0.003 BTC, bob/carol/diana earned 0.001 each.
    expect([nodes.alice![10], nodes.bob![11], nodes.carol![11], nodes.diana![11], nodes.eric![11]]).toEqual([0.003 * BTC, 0.001 * BTC, 0.001 * BTC, 0.001 * BTC, 0]);
  });

  it('liquidity drain: the hub→merchant channel ends drained and is charged the failures', () => {
    const r = run('scenarios/studies/liquidity-drain.yaml');
    const report = summarize(r);
    const merchant = r.stats.ledger.channels.get('n0-n1')!;
    // Drained down to about the 1% reserve the hub must keep.
    expect(merchant.balance[0]).toBeLessThan(0.02 * merchant.capacityMsat);
    expect(merchant.failuresCaused).toBe(report.payments.failed);
    const csv = channelsCsv(r).trim().split('\n');
    expect(csv).toHaveLength(1 + r.stats.ledger.channels.size);
  });

  it('every channel conserves its capacity, and the fees earned are the fees paid', () => {
    for (const file of ['scenarios/studies/hub-failure.yaml', 'scenarios/studies/liquidity-drain.yaml']) {
      const r = run(file);
      let earned = 0;
      for (const c of r.stats.ledger.channels.values()) {
        expect(c.balance[0] + c.balance[1]).toBe(c.capacityMsat);
        earned += c.feesEarnedMsat;
      }
      // Fees of payments settled on chain are not off-chain forwarding income.
      expect(earned).toBeLessThanOrEqual(summarize(r).payments.feesPaidMsat);
      if (file.includes('liquidity')) expect(earned).toBe(summarize(r).payments.feesPaidMsat);
    }
  });
});
