/**
 * Atomic swaps on two chains of one engine, with the numbers of scenarios/README.md "Atomic
 * swap": btc blocks every 600 s, alt every 150 s (fixed); w = 100,000 sat, v = 2,000,000 sat,
 * fee 1 sat per transaction. Every run also checks each chain's conservation and its nodes'
 * accounting (crossChainRun.ts), which would abort the run.
 */
import { join } from 'node:path';
import { readScenarioDoc, runScenario, scenarioFromData } from '../scenario/index.js';
import { summarize } from '../report/summary.js';
import { stampsOf } from '../chain/records.js';

const file = join(process.cwd(), 'scenarios', 'games', 'atomic-swap.yaml');

function play(swap: Record<string, unknown>, seed = 1) {
  const doc = readScenarioDoc(file) as { swaps: Record<string, unknown>[] };
  doc.swaps[0] = { ...doc.swaps[0], ...swap };
  for (const side of ['initiator', 'responder']) if (swap[side]) doc.swaps[0]![side] = { ...(readScenarioDoc(file) as typeof doc).swaps[0]![side] as object, ...(swap[side] as object) };
  const run = runScenario(scenarioFromData(doc, file), { seed });
  const report = summarize(run);
  return { run, report, row: run.crossChain!.swaps[0]!, alt: run.crossChain!.chains.alt!.wallets };
}

const confirmedAt = (run: ReturnType<typeof play>['run'], chain: string, kind: string) =>
  run.crossChain!.chains[chain]!.txs.filter((t) => t.status === 'confirmed').filter((t) => t.kind === kind).map((t) => [t.sender, t.confirmedHeight]);

describe('atomic swap, worked example', () => {
  it('honest: TX1 in btc block 2, TX3 in alt block 9, claims in alt block 10 and btc block 3', () => {
    const { run, report, row, alt } = play({});
    expect(confirmedAt(run, 'btc', 'swap-lock')).toEqual([['alice', 2]]);
    expect(confirmedAt(run, 'alt', 'swap-lock')).toEqual([['bob', 9]]);
    expect(confirmedAt(run, 'alt', 'swap-claim')).toEqual([['alice', 10]]);
    expect(confirmedAt(run, 'btc', 'swap-claim')).toEqual([['bob', 3]]);
    expect(report.balances).toEqual({ alice: { startMsat: 100_001_000, endMsat: 0 }, bob: { startMsat: 0, endMsat: 99_999_000 } });
    expect(alt).toEqual({ alice: { startMsat: 0, endMsat: 1_999_999_000 }, bob: { startMsat: 2_000_001_000, endMsat: 0 } });
    // −100,001 sat + 1,999,999 alt sat × 0.05 = −1.05 sat each.
    expect(row).toMatchObject({ outcome: 'completed', initiatorGainMsat: -1050, responderGainMsat: -1050 });
    expect(report).toMatchObject({ chains: { btc: { blocks: 432, feesMsat: 2000 }, alt: { blocks: 1728, feesMsat: 2000, fundsConserved: true } } });
  });

  it('Bob halts before TX3: Alice broadcasts TX2 when btc block 289 reaches 48h10m (173,400 s / 600); block 290 includes it', () => {
    const { run, row } = play({ responder: { stop: 'lock' } });
    expect(confirmedAt(run, 'btc', 'swap-refund')).toEqual([['alice', 290]]);
    expect(row).toMatchObject({ outcome: 'unwound', tx1: 'Refunded', tx3: 'Unfunded', initiatorGainMsat: -2000 });
    expect(run.balances.alice!.endMsat).toBe(99_999_000);
  });

  it('Alice halts before claiming TX3: both refunds (TX4 at 24h10m, TX2 at 48h10m), nobody loses more than fees', () => {
    const { run, row, alt } = play({ initiator: { stop: 'claim' } });
    expect(row).toMatchObject({ outcome: 'unwound', tx1: 'Refunded', tx3: 'Refunded' });
    // TX4 is valid from 24h10m = 87,000 s: Bob sees alt block 580 (87,000 / 150) reach it, broadcasts, block 581 includes it.
    expect(confirmedAt(run, 'alt', 'swap-refund')).toEqual([['bob', 581]]);
    expect(alt.bob!.endMsat).toBe(2_000_001_000 - 2000);
  });

  it('Bob halts before claiming TX1 after x is public: Alice refunds TX1 too and keeps both', () => {
    const { row } = play({ responder: { stop: 'claim' } });
    expect(row).toMatchObject({ outcome: 'initiator-took-both', tx1: 'Refunded', tx3: 'Claimed' });
  });

  it('deadlines the wrong way round (T_A 24h ≤ T_B 48h): a late Alice refunds TX1 and still claims TX3; Bob\'s claim is refused', () => {
    const { run, row } = play({ claim: 'late', initiator: { refund: '24h' }, responder: { refund: '48h' } });
    expect(row).toMatchObject({ outcome: 'initiator-took-both', tx1: 'Refunded', tx3: 'Claimed' });
    expect(run.crossChain!.chains.btc!.txs.filter((t) => t.kind === 'swap-claim').map((t) => stampsOf(t).dropped)).toEqual(['contract-rejected']);
  });

  it('ordered right (T_A 48h > T_B 24h), the same late Alice cannot: Bob claims TX1 in the hour left', () => {
    const { row } = play({ claim: 'late' });
    expect(row).toMatchObject({ outcome: 'completed' });
  });

  it('the free option: Alice claims only when the price rose; her mean gain is near w·(2Φ(σ√23/2) − 1) ≈ 3,825 sat', () => {
    const rows = Array.from({ length: 60 }, (_, i) => play({ claim: 'option' }, i + 1).row);
    for (const r of rows) expect(r.outcome === 'completed' ? r.initiatorGainMsat > -2000 : r.outcome === 'unwound').toBe(true);
    const mean = rows.reduce((s, r) => s + r.initiatorGainMsat, 0) / rows.length / 1000;
    expect(mean).toBeGreaterThan(2000);
    expect(mean).toBeLessThan(6000);
    // Bob bears it: the two gains sum to minus the fees.
    for (const r of rows) expect(r.initiatorGainMsat + r.responderGainMsat).toBeLessThan(0);
  });

  it('same seed ⇒ the same report, byte for byte', () => {
    expect(JSON.stringify(play({ claim: 'option' }, 7).report)).toBe(JSON.stringify(play({ claim: 'option' }, 7).report));
  });
});
