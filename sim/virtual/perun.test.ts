/**
 * The worked example of scenarios/README.md "Perun virtual channel": btc blocks every 600 s
 * (block k at k·600 s), fee 1 sat per transaction, ledgers α = β = (100,000, 100,000) sat,
 * γ = (50,000, 50,000) sat opened at 30 min, messages 100 ms one way, valid 6 h (settled at 6h30m = 23,400 s), challenge
 * 1 h, 30 payments of 1,000 sat every 10 min from 1 h. Every run also checks the chain's
 * conservation and the nodes' accounting (wallets + ledger contracts + fees), which would abort it.
 */
import { join } from 'node:path';
import { readScenarioDoc, runScenario, scenarioFromData } from '../scenario/index.js';

const file = join(process.cwd(), 'scenarios', 'examples', 'virtual-channel.yaml');

function play(change: Record<string, unknown>) {
  const doc = readScenarioDoc(file) as { virtualChannels: Record<string, unknown>[]; run: { until: string } };
  doc.virtualChannels[0] = { ...doc.virtualChannels[0], ...change };
  doc.run = { until: '9h' };
  const run = runScenario(scenarioFromData(doc, file), { seed: 1 });
  const calls = run.crossChain!.chains.btc!.txs.filter((t) => t.status === 'confirmed').filter((t) => t.kind !== 'perun-fund').map((t) => `${t.confirmedHeight} ${t.sender} ${t.kind}`);
  // No party ever found its wallet short or its call refused or dropped.
  expect(run.crossChain!.virtualChannelEvents.filter((e) => /refused|cannot|dropped/.test(e.what))).toEqual([]);
  const wallet = (n: string) => run.balances[n]!.endMsat / 1000;
  return { row: run.crossChain!.virtualChannels[0]!, calls, wallet };
}

const carolPays = { payments: [{ at: '1h', from: 'carol', amount: '1000 sat', every: '10min', count: 30 }] };

describe('Perun virtual channel, worked example', () => {
  it('30 payments go through, 12 of them while Bob is offline (2h–4h); both ledgers settle off chain and Bob is even', () => {
    const { row, calls, wallet } = play({});
    expect(row).toMatchObject({ paymentsSucceeded: 30, paidWhileIntermediaryOffline: 12, finalVersion: 30, alphaClosedBy: 'off-chain', betaClosedBy: 'off-chain' });
    expect(row.ledgerMsat).toEqual({ alice: 70_000_000, bob: 200_000_000, carol: 130_000_000 });
    expect(calls).toEqual([]);
    // Each payment is one round trip between the ends: 2 × 100 ms, no message to Bob.
    expect(new Set(row.payments.map((p) => p.latencyMs))).toEqual(new Set([200]));
    // Bob locks 50,000 sat in each ledger from 1,800.4 s (opening, 4 messages) to 23,400.2 s (closing, 2 messages).
    expect(row.intermediaryLockedMsatSeconds).toBe(2_159_980_000_000); // 2 × 50,000,000 msat × 21,599.8 s
    expect([wallet('alice'), wallet('bob'), wallet('carol')]).toEqual([9, 8, 9]);
  });

  it('Bob offline at the closing: each end registers its ledger (block 40), shows γ version 30 (block 41, deadline 28,200 s) and finalizes (block 48)', () => {
    const { row, calls, wallet } = play({ offline: [{ node: 'bob', from: '6h', until: '9h' }] });
    expect(calls).toEqual([
      '40 carol perun-register', '40 alice perun-register',
      '41 carol perun-registerVirtual', '41 alice perun-registerVirtual',
      '48 carol perun-finalize', '48 alice perun-finalize',
    ]);
    expect(row).toMatchObject({ alphaClosedBy: 'chain', betaClosedBy: 'chain', ledgerMsat: { alice: 0, bob: 0, carol: 0 } });
    // α pays alice 70,000 and bob 130,000; β pays bob 70,000 and carol 130,000; ends paid 4 fees each.
    expect([wallet('alice'), wallet('bob'), wallet('carol')]).toEqual([70_006, 200_008, 130_006]);
  });

  it('Bob cheats after Carol paid Alice: he registers α with the opening split (50,000 to him); Alice shows version 30 and it wins', () => {
    const { row, calls, wallet } = play({ ...carolPays, cheat: 'bob' });
    expect(calls).toEqual(['40 bob perun-register', '41 alice perun-registerVirtual', '48 alice perun-finalize']);
    expect(row.finalBalances).toEqual({ alice: 80_000_000, carol: 20_000_000 });
    // α on chain: alice 50,000 + 80,000, bob 50,000 + 20,000; β off chain: bob 130,000, carol 70,000.
    expect([wallet('alice'), wallet('bob'), wallet('carol')]).toEqual([130_007, 70_007, 9]);
    expect(row.ledgerMsat).toEqual({ alice: 0, bob: 130_000_000, carol: 70_000_000 });
  });

  it('Alice cheats after paying Carol 30,000 sat: she registers α and shows γ version 0 (block 41); Bob, who got version 30 from Carol, answers (block 42) and it wins', () => {
    const { row, calls, wallet } = play({ cheat: 'alice' });
    // Bob's showing restarts the deadline: 25,200 + 3,600 = 28,800 s, seen in block 48; finalize in block 49.
    expect(calls).toEqual(['40 alice perun-register', '41 alice perun-registerVirtual', '42 bob perun-registerVirtual', '49 alice perun-finalize']);
    // α pays Alice 50,000 + 20,000 (not 50,000 + 50,000) and Bob 130,000; β settled off chain.
    expect([wallet('alice'), wallet('bob'), wallet('carol')]).toEqual([70_006, 130_007, 9]);
    expect(row.ledgerMsat).toEqual({ alice: 0, bob: 70_000_000, carol: 130_000_000 });
  });

  it('Carol offline at the closing: α settles off chain (Bob learns version 30), Bob settles β on chain and pays Carol 130,000 sat', () => {
    const { row, calls, wallet } = play({ offline: [{ node: 'carol', from: '6h', until: '9h' }] });
    expect(calls).toEqual(['40 bob perun-register', '41 bob perun-registerVirtual', '48 bob perun-finalize']);
    expect(row).toMatchObject({ alphaClosedBy: 'off-chain', betaClosedBy: 'chain', ledgerMsat: { alice: 70_000_000, bob: 130_000_000, carol: 0 } });
    expect([wallet('bob'), wallet('carol')]).toEqual([70_005, 130_009]);
  });

  it('Bob offline at the opening: γ never opens, every payment fails and nothing is locked', () => {
    const { row } = play({ offline: [{ node: 'bob', from: '20min', until: '1h' }] });
    expect(row).toMatchObject({ opened: false, paymentsSucceeded: 0, paymentsFailed: 30, intermediaryCollateralMsat: 0 });
    expect(new Set(row.payments.map((p) => p.reason))).toEqual(new Set(['not-open']));
  });

  it('an end offline fails the payments of its window (peer-offline), the others go through', () => {
    const { row } = play({ offline: [{ node: 'carol', from: '2h', until: '3h' }] });
    expect(row).toMatchObject({ paymentsSucceeded: 24, paymentsFailed: 6, finalBalances: { alice: 26_000_000, carol: 74_000_000 } });
  });
});
