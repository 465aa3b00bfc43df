/**
 * The worked example of scenarios/README.md "Generalized state channel" on the chain: btc blocks
 * every 600 s (block k at k·600 s after the start), fee 1 sat per transaction, wallets of 50,010
 * sat, deposits 50,000 sat, stake 10,000 sat, challenge 1 h, off-chain answer wait 60 s. A
 * transaction broadcast during block k's interval lands in block k + 1. Every run also checks
 * the chain's conservation and the nodes' accounting (wallets + adjudicator + fees), which would
 * abort it.
 */
import { join } from 'node:path';
import { readScenarioDoc, runScenario, scenarioFromData } from '../scenario/index.js';
import { summarize } from '../report/summary.js';

const file = join(process.cwd(), 'scenarios', 'examples', 'state-channel-bet.yaml');

function play(change: Record<string, unknown>, seed = 1) {
  const doc = readScenarioDoc(file) as { stateChannels: Record<string, unknown>[]; run: { until: string } };
  doc.stateChannels[0] = { ...doc.stateChannels[0], ...change };
  doc.run = { until: '3h' };
  const run = runScenario(scenarioFromData(doc, file), { seed });
  const calls = run.crossChain!.chains.btc!.txs.filter((t) => t.status === 'confirmed').map((t) => `${t.confirmedHeight} ${t.sender} ${t.kind}`);
  // No party ever found its wallet short or its call refused or dropped.
  expect(run.crossChain!.stateChannelEvents.filter((e) => /refused|cannot|dropped/.test(e.what))).toEqual([]);
  return { run, report: summarize(run), row: run.crossChain!.stateChannels[0]!, calls, end: (n: string) => run.balances[n]!.endMsat / 1000 };
}

describe('generalized state channel, worked example', () => {
  it('honest: both fund in block 2, versions 1–3 off chain, conclude in block 3 pays 60,000 / 40,000 sat', () => {
    const { row, calls, end } = play({});
    expect(calls).toEqual(['2 alice app-fund', '2 bob app-fund', '3 alice app-conclude']);
    expect(row).toMatchObject({ closedBy: 'conclude', finalVersion: 3, paidMsat: { alice: 60_000_000, bob: 40_000_000 } });
    // 50,010 − 50,000 − 2 fees + 60,000; 50,010 − 50,000 − 1 fee + 40,000.
    expect([end('alice'), end('bob')]).toEqual([60_008, 40_009]);
  });

  it('Bob stops co-signing before his guess but plays on chain: Alice disputes with version 1 (block 3), Bob guesses (block 4), Alice reveals (block 5), finalize at 110 min (block 12)', () => {
    const { row, calls, end } = play({ stop: { node: 'bob', before: 'guess', onChain: true } });
    expect(calls.slice(2)).toEqual(['3 alice app-dispute', '4 bob app-move', '5 alice app-move', '12 alice app-finalize']);
    expect(row).toMatchObject({ closedBy: 'finalize', finalVersion: 3, onChainMoves: 2, disputes: 1, feesMsat: { alice: 4000, bob: 2000 } });
    expect([end('alice'), end('bob')]).toEqual([60_006, 40_008]);
  });

  it('Alice vanishes before revealing: Bob disputes with version 2 (block 3); at the deadline (90 min) he finalizes (block 10) and takes the pot', () => {
    const { row, calls, end } = play({ stop: { node: 'alice', before: 'reveal' } });
    expect(calls.slice(2)).toEqual(['3 bob app-dispute', '10 bob app-finalize']);
    expect(row).toMatchObject({ finalVersion: 2, paidMsat: { alice: 40_000_000, bob: 60_000_000 } });
    expect([end('alice'), end('bob')]).toEqual([40_009, 60_007]);
  });

  it('Bob, having lost, disputes with version 0; Alice answers with version 3 (block 4) and it wins (finalize in block 11)', () => {
    const { row, calls, end, report } = play({ stale: 'bob' });
    expect(calls.slice(2)).toEqual(['3 bob app-dispute', '4 alice app-dispute', '11 alice app-finalize']);
    expect(row).toMatchObject({ finalVersion: 3, disputes: 2, paidMsat: { alice: 60_000_000, bob: 40_000_000 } });
    expect([end('alice'), end('bob')]).toEqual([60_007, 40_008]);
    expect(report).toMatchObject({ stateChannels: { finalized: 1, disputes: 2 }, chains: { btc: { fundsConserved: true, feesMsat: 5000 } } });
  });

  it('is deterministic: same file and seed give the same report bytes', () => {
    const a = JSON.stringify(play({ stop: { node: 'bob', before: 'guess', onChain: true } }).report);
    expect(JSON.stringify(play({ stop: { node: 'bob', before: 'guess', onChain: true } }).report)).toBe(a);
  });
});
