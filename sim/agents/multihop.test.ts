/**
 * BRIEF §5 examples 2 and 3 hop by hop, with exact balances after each step; failures as
 * outcomes; and hops whose peers stop answering going on chain in time.
 */
import { htlcsOf } from '../channel/htlc.js';
import { simulate, type Simulation } from '../testing/world.js';

const sheet = (sim: Simulation, id: string) => {
  const c = sim.channel(id).channel;
  return { sequence: c.sequence, balances: c.balances.map((m) => m / 1000), htlcs: htlcsOf(c).map((h) => [h.amountMsat / 1000, h.timeLock]) };
};

describe('example 2: Alice pays Carol 10 through Bob', () => {
  it('sets up HTLC N+1 and M+1 with 2 h and 1 h locks, then settles both to N+2 and M+2', () => {
    // 600 s blocks: 1 hour = 6 blocks. Bob forwards for free; his delta is 6, Carol's final lock 6.
    const sim = simulate({
      channels: [
        { between: ['alice', 'bob'], deposit: [60, 140], policy: { cltvDelta: 6 } },
        { between: ['bob', 'carol'], deposit: [120, 80], policy: { cltvDelta: 6 } },
      ],
      multiHop: { finalCltvDelta: 6 },
    });
    sim.mineBlocks(3); // both channels open at height 3, sequence 1
    sim.send('alice', 'carol', 10);
    expect(sheet(sim, 'alice-bob')).toEqual({ sequence: 2, balances: [50, 140], htlcs: [[10, 3 + 12]] });
    sim.runFor(200);
    expect(sheet(sim, 'bob-carol')).toEqual({ sequence: 2, balances: [110, 80], htlcs: [[10, 3 + 6]] });
    sim.runFor(200); // Carol reveals R to Bob
    expect(sheet(sim, 'bob-carol')).toEqual({ sequence: 3, balances: [110, 90], htlcs: [] });
    sim.runFor(200); // Bob shows R to Alice
    expect(sheet(sim, 'alice-bob')).toEqual({ sequence: 3, balances: [50, 150], htlcs: [] });
    expect(sim.network.payments).toEqual([expect.objectContaining({ status: 'succeeded', hops: 2, feeMsat: 0, latencyMs: 600, route: 'alice>bob>carol' })]);
  });

  it('keeps R known while an HTLC of it is pending, and forgets it once every hop has settled', () => {
    const sim = simulate({ channels: [{ between: ['alice', 'bob'], deposit: [60, 140] }, { between: ['bob', 'carol'], deposit: [120, 80] }] });
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    expect(sim.network.preimages.privatelyKnown).toBe(1); // Carol's own secret
    sim.runFor(400); // Carol has shown R to Bob
    expect(sim.network.preimages.privatelyKnown).toBe(2);
    sim.runFor(200); // Bob has shown R to Alice: nothing is left to claim with it
    expect(sim.network.payments).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    expect(sim.network.preimages.privatelyKnown).toBe(0);
  });
});

describe('example 3: four hops with fees', () => {
  const names = ['alice', 'bob', 'carol', 'diana', 'eric'];
  const BTC = 100_000_000; // sat
  const fourHops = (overrides: { cltvDelta?: number; final?: number } = {}) =>
    simulate({
      channels: names.slice(1).map((to, i) => ({ between: [names[i]!, to] as const, deposit: [2 * BTC, 2 * BTC] as const, policy: { feeBase: 0.001 * BTC, cltvDelta: overrides.cltvDelta ?? 1 } })),
      multiHop: { finalCltvDelta: overrides.final ?? 7 },
    });

  it('offers 1.003 / 1.002 / 1.001 / 1.000 BTC locked +10 / +9 / +8 / +7 and ends as the BRIEF says', () => {
    const sim = fourHops();
    sim.mineBlocks(3);
    sim.send('alice', 'eric', 1 * BTC);
    sim.runFor(700); // all four HTLCs set up (one every 200 ms); R not yet revealed
    const offered = names.slice(1).map((to, i) => sheet(sim, `${names[i]}-${to}`).htlcs[0]);
    expect(offered).toEqual([
      [100_300_000, 3 + 10],
      [100_200_000, 3 + 9],
      [100_100_000, 3 + 8],
      [100_000_000, 3 + 7],
    ]);
    sim.runFor(800); // R flows back, one hop every 200 ms
    const balances = names.slice(1).map((to, i) => sheet(sim, `${names[i]}-${to}`).balances.map((s) => s / BTC));
    expect(balances).toEqual([
      [0.997, 3.003],
      [0.998, 3.002],
      [0.999, 3.001],
      [1, 3],
    ]);
    // Each intermediary earned 0.001 BTC; Alice paid 0.003 in fees.
    expect(['bob', 'carol', 'diana'].map((n) => sim.balance(n) / BTC)).toEqual([4.001, 4.001, 4.001]);
    expect(sim.network.payments[0]).toMatchObject({ status: 'succeeded', hops: 4, feeMsat: 300_000_000, latencyMs: 1400 });
  });

  it('Carol goes silent after Diana learns R: Diana claims on chain before her incoming HTLC expires', () => {
    const sim = fourHops({ cltvDelta: 40, final: 18 });
    sim.mineBlocks(3);
    sim.send('alice', 'eric', 1 * BTC);
    sim.runFor(900); // set up (0–600 ms), Eric fulfilled with Diana at 800 ms: Diana knows R
    sim.offline('carol', 1000); // … and Carol stops answering before Diana can show it to her
    sim.mineBlocks(300);
    // Diana paid Eric off-chain and took her 1.001 BTC from Carol's channel on chain.
    expect(sim.balance('diana')).toBe(400_100_000);
    expect(onChainCashBy(sim)[0]).toBe('diana');
    // R is public from then on: Bob fulfils with Alice off-chain before his deadline, and, Carol
    // being silent past expiry, takes his own HTLC to her back on chain. Silent Carol pays for it.
    expect(sim.channel('alice-bob').channel.balances).toEqual([99_700_000_000, 300_300_000_000]);
    expect(onChainCashBy(sim)).toEqual(['diana', 'bob']);
    expect(sim.balance('carol')).toBe(299_900_000);
    expect(sim.balance('eric') / BTC).toBe(3);
    const total = names.reduce((s, n) => s + sim.balance(n), 0);
    expect(total).toBe(16 * BTC);
  });

  it('Diana goes silent before Eric can reveal R off-chain: Eric claims on chain in time', () => {
    const sim = fourHops({ cltvDelta: 40, final: 18 });
    sim.mineBlocks(3);
    sim.send('alice', 'eric', 1 * BTC);
    sim.runFor(700); // all HTLCs set up; Eric's fulfill with Diana is due at 800 ms
    sim.offline('diana', 2000);
    sim.mineBlocks(300);
    expect(sim.balance('eric') / BTC).toBe(3);
    expect(onChainCashBy(sim)).toContain('eric');
    const total = names.reduce((s, n) => s + sim.balance(n), 0);
    expect(total).toBe(16 * BTC);
    // Honest online hops upstream lose nothing: Bob and Carol end at least where they started.
    expect(sim.balance('bob')).toBeGreaterThanOrEqual(4 * BTC);
    expect(sim.balance('carol')).toBeGreaterThanOrEqual(4 * BTC);
  });
});

/** Who took a commitment with HTLCs to the chain. */
const onChainCashBy = (sim: Simulation) =>
  sim.chain.records.txs.filter((t) => t.kind === 'cash-htlc' && t.status === 'confirmed').map((t) => sim.chain.getTx(t.id)!.sender);

describe('failures are outcomes', () => {
  it('no route, insufficient balance (after retries), and an offline hop', () => {
    const sim = simulate({
      channels: [
        { between: ['a', 'b'], deposit: [100, 100] },
        { between: ['b', 'c'], deposit: [5, 100] },
        { between: ['x', 'y'], deposit: [100, 100] },
      ],
    });
    sim.mineBlocks(3);
    sim.send('a', 'y', 1);
    sim.send('a', 'c', 50);
    sim.runFor(2_000);
    sim.offline('b', 10);
    sim.send('a', 'c', 1);
    sim.runFor(2_000);
    expect(sim.network.payments.map((p) => [p.to, p.status, p.reason])).toEqual([
      ['y', 'failed', 'no-route'],
      ['c', 'failed', 'insufficient-balance'],
      ['c', 'failed', 'peer-offline'],
    ]);
    // Nothing stays locked after failures.
    expect(sheet(sim, 'a-b')).toMatchObject({ balances: [100, 100], htlcs: [] });
  });

  const line = (extra: Parameters<typeof simulate>[0]['multiHop'] = {}, policy = { feeBase: 1, cltvDelta: 2 }) =>
    simulate({
      channels: [
        { between: ['a', 'b'], deposit: [100, 100], policy },
        { between: ['b', 'c'], deposit: [100, 100], policy },
        { between: ['c', 'd'], deposit: [100, 100], policy },
      ],
      multiHop: { finalCltvDelta: 2, deadlineBlocks: 1, ...extra },
    });

  it('fee or lock rejected: the payer routed on a policy the forwarder has since changed', () => {
    const sim = line({ gossipDelayMs: 600_000 });
    sim.mineBlocks(3);
    sim.network.routedPayments().setPolicy('b-c', 'b', { feeBaseMsat: 5_000 });
    sim.network.routedPayments().setPolicy('c-d', 'c', { cltvDelta: 50 });
    sim.send('a', 'c', 10);
    sim.send('a', 'd', 10);
    sim.runFor(5_000);
    sim.mineBlocks(2); // gossip has arrived: routes now carry the new fee and delta
    sim.send('a', 'c', 10);
    sim.runFor(5_000);
    expect(sim.network.payments.map((p) => [p.to, p.status, p.reason, p.feeMsat])).toEqual([
      ['c', 'failed', 'fee-rejected', 0],
      ['d', 'failed', 'fee-rejected', 0], // b's fee is checked first, on the way to d too
      ['c', 'succeeded', '', 5_000],
    ]);
  });

  it('lock rejected', () => {
    const sim = line();
    sim.mineBlocks(3);
    sim.network.routedPayments().setPolicy('c-d', 'c', { cltvDelta: 50 });
    sim.send('a', 'd', 10);
    sim.runFor(5_000);
    expect(sim.network.payments.map((p) => p.reason)).toEqual(['lock-rejected']);
  });

  it('expired: a block passes while a slow hop sets up, and the payee refuses a lock that leaves no time', () => {
    const sim = line({ messageLatencyMs: 300_000, timeoutMs: 3_600_000 });
    sim.mineBlocks(3);
    sim.send('a', 'c', 10);
    sim.mineBlocks(2);
    expect(sim.network.payments.map((p) => [p.status, p.reason])).toEqual([['failed', 'expired']]);
    expect(sim.channel('a-b').channel.balances).toEqual([100_000, 100_000]);
  });

  it('timeout: the payer abandons an attempt whose HTLCs are still on their way after 60 s', () => {
    const sim = line({ messageLatencyMs: 20_000 });
    sim.mineBlocks(3);
    sim.send('a', 'd', 10);
    sim.runFor(300_000);
    expect(sim.network.payments.map((p) => [p.status, p.reason, p.attempts])).toEqual([['failed', 'timeout', 1]]);
    expect(sim.channel('a-b').channel.balances).toEqual([100_000, 100_000]);
  });

  it('too many HTLCs in flight', () => {
    const sim = simulate({ channels: [{ between: ['a', 'b'], deposit: [100, 100] }, { between: ['b', 'c'], deposit: [100, 100] }], maxHtlcs: 2 });
    sim.mineBlocks(3);
    for (let i = 0; i < 3; i++) sim.send('a', 'c', 1);
    sim.runFor(2_000);
    expect(sim.network.payments.map((p) => p.reason).sort()).toEqual(['', '', 'too-many-htlcs']);
  });
});

describe('scripted opens', () => {
  it('a channel opened by an action joins the network and carries routed payments', async () => {
    const { parseScenario, runScenario } = await import('../scenario/index.js');
    const scenario = parseScenario(
      `name: o
chain: { blockInterval: 600s, fixed: true }
defaults: { feeBase: 0 sat, feePpm: 0 }
channels:
  - { between: [a, b], deposit: [100, 100] }
actions:
  - { at: 1h, node: b, with: c, do: open, deposit: [100, 100] }
payments:
  - { at: 30min, from: a, to: c, amount: 10 }
  - { at: 3h, from: a, to: c, amount: 10 }
run: { until: 5h }
`,
      'o.yaml',
    );
    const run = runScenario(scenario);
    expect(run.payments.map((p) => [p.status, p.reason])).toEqual([
      ['failed', 'no-route'],
      ['succeeded', ''],
    ]);
    expect(run.balances).toEqual({ a: { startMsat: 100_000, endMsat: 90_000 }, b: { startMsat: 200_000, endMsat: 200_000 }, c: { startMsat: 100_000, endMsat: 110_000 } });
  });
});
