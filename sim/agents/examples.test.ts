/**
 * BRIEF §5 worked examples 1, 4 and 5 on the simulated chain, with exact balances.
 * Blocks are exactly 600 s apart; deposits need 3 confirmations.
 */
import { simulate } from '../testing/world.js';

describe('example 1: one channel, Alice and Bob deposit 100 and 100', () => {
  function paid10() {
    const sim = simulate({ channels: [{ between: ['alice', 'bob'], deposit: [100, 100], freeze: { blocks: 144 } }] });
    sim.mineBlocks(3);
    expect(sim.channel('alice-bob').isUsable).toBe(true);
    expect(sim.pay('alice', 'bob', 10)).toEqual({ ok: true, value: 2 });
    expect(sim.channel('alice-bob').channel.balances).toEqual([90_000, 110_000]);
    return sim;
  }

  it('cheating with revoked sequence 1 against a watching Bob: Bob takes the whole bond', () => {
    const sim = paid10();
    expect(sim.cheat('alice', 'alice-bob', 1).ok).toBe(true);
    sim.mineBlocks(1);
    // Sequence 1 confirmed: Bob is paid his 100 at once; Alice's 100 is frozen as her bond.
    expect(sim.balance('bob')).toBe(100);
    expect(sim.balance('alice')).toBe(100);
    sim.mineBlocks(200);
    expect(sim.balance('bob')).toBe(200);
    expect(sim.balance('alice')).toBe(0);
    expect(sim.events('revoked-broadcast')).toHaveLength(1);
    expect(sim.events('penalty')).toEqual([expect.objectContaining({ node: 'bob', sequence: 1, amountMsat: 100_000, height: 5 })]);
    expect(sim.events('cheat-succeeded')).toHaveLength(0);
  });

  it('cashing the newest sequence: Bob gets 110 at once, Alice 90 after the freeze', () => {
    const sim = paid10();
    expect(sim.cheat('alice', 'alice-bob', 2).ok).toBe(true);
    sim.mineBlocks(1);
    expect(sim.chain.balanceOf('bob')).toBe(110_000);
    expect(sim.chain.balanceOf('alice')).toBe(0);
    sim.mineBlocks(143); // height 147: the freeze (144 blocks from height 4) ends at 148
    expect(sim.chain.balanceOf('alice')).toBe(0);
    sim.mineBlocks(1);
    expect(sim.chain.balanceOf('alice')).toBe(90_000);
    expect(sim.events('penalty')).toHaveLength(0);
    expect(sim.events('withdraw')).toEqual([expect.objectContaining({ node: 'alice', amountMsat: 90_000, height: 148 })]);
  });

  it('cooperative close: 90 / 110 at once, no freeze, no penalty', () => {
    const sim = paid10();
    expect(sim.close('alice', 'alice-bob').ok).toBe(true);
    sim.mineBlocks(1);
    expect([sim.chain.balanceOf('alice'), sim.chain.balanceOf('bob')]).toEqual([90_000, 110_000]);
    expect(sim.events('cooperative-close')).toHaveLength(1);
  });

  it('cheating while Bob is offline for the whole freeze succeeds', () => {
    const sim = paid10();
    sim.offline('bob', 300);
    sim.cheat('alice', 'alice-bob', 1);
    sim.mineBlocks(400);
    expect(sim.balance('alice')).toBe(100);
    expect(sim.balance('bob')).toBe(100);
    expect(sim.events('cheat-succeeded')).toEqual([expect.objectContaining({ node: 'alice', sequence: 1, amountMsat: 10_000 })]);
    expect(sim.events('penalty')).toHaveLength(0);
  });

  it('Bob offline for part of the freeze still punishes when he returns in time', () => {
    const sim = paid10();
    sim.offline('bob', 100);
    sim.cheat('alice', 'alice-bob', 1);
    sim.mineBlocks(300);
    expect(sim.balance('bob')).toBe(200);
    expect(sim.events('penalty')).toHaveLength(1);
  });

  it('a payment needs the peer online and enough balance', () => {
    const sim = paid10();
    expect(sim.pay('alice', 'bob', 91)).toMatchObject({ ok: false, error: { code: 'insufficient-balance' } });
    sim.offline('bob', 10);
    expect(sim.pay('alice', 'bob', 1)).toMatchObject({ ok: false, error: { code: 'peer-offline' } });
  });
});

describe('example 4: asymmetric revocable commitments (Hitesh and Irene, 5 + 5 BTC)', () => {
  const BTC = 100_000_000; // sat
  function state2() {
    const sim = simulate({ channels: [{ between: ['hitesh', 'irene'], deposit: [5 * BTC, 5 * BTC], kind: 'asymmetric', freeze: { blocks: 1000 } }] });
    sim.mineBlocks(3);
    expect(sim.pay('irene', 'hitesh', 2 * BTC).ok).toBe(true);
    expect(sim.channel('hitesh-irene').channel.balances).toEqual([7 * BTC * 1000, 3 * BTC * 1000]);
    return sim;
  }

  it('Irene broadcasts state 1: Hitesh takes all 10 BTC with her revealed key within the 1000 blocks', () => {
    const sim = state2();
    sim.cheat('irene', 'hitesh-irene', 1);
    sim.mineBlocks(1200);
    expect(sim.balance('hitesh')).toBe(10 * BTC);
    expect(sim.balance('irene')).toBe(0);
  });

  it('Irene broadcasts state 2 (the newest): 7 BTC to Hitesh at once, her 3 BTC after 1000 blocks', () => {
    const sim = state2();
    sim.cheat('irene', 'hitesh-irene', 2);
    sim.mineBlocks(1);
    expect(sim.chain.balanceOf('hitesh')).toBe(7 * BTC * 1000);
    sim.mineBlocks(999); // height 1003: the lock (1000 blocks from height 4) opens at 1004
    expect(sim.chain.balanceOf('irene')).toBe(0);
    sim.mineBlocks(1);
    expect(sim.chain.balanceOf('irene')).toBe(3 * BTC * 1000);
  });

  it('rejects a delay in seconds: the relative lock counts blocks', () => {
    const sim = simulate({ channels: [{ between: ['hitesh', 'irene'], deposit: [5, 5], kind: 'asymmetric', freeze: { seconds: 3600 } }] });
    sim.mineBlocks(3);
    sim.cheat('irene', 'hitesh-irene', 1);
    sim.mineBlocks(1);
    expect(sim.events('rejected')).toEqual([expect.objectContaining({ txKind: 'cash-rsmc', code: 'contract-rejected' })]);
  });
});

describe('example 5: one-way channel, Emma pays Fabian for video', () => {
  const MBTC = 100_000; // sat
  it('after 600 seconds at 0.01 millibit per second: Fabian 6, Emma 30 millibits', () => {
    const sim = simulate({ channels: [{ between: ['emma', 'fabian'], deposit: [36 * MBTC, 0], kind: 'one-way', refundBlocks: 4320 }], confirmations: 1 });
    sim.mineBlocks(1);
    for (let second = 0; second < 600; second++) expect(sim.pay('emma', 'fabian', MBTC / 100).ok).toBe(true);
    expect(sim.live('emma-fabian').balances).toEqual([30 * MBTC * 1000, 6 * MBTC * 1000]);
    // State 600 is valid from height 1 + 4320 − 600 = 3721; Fabian settles it then.
    sim.mineBlocks(3719);
    expect(sim.chain.balanceOf('fabian')).toBe(0);
    sim.mineBlocks(1);
    expect(sim.chain.height).toBe(3721);
    expect(sim.chain.balanceOf('fabian')).toBe(6 * MBTC * 1000);
    expect(sim.chain.balanceOf('emma')).toBe(30 * MBTC * 1000);
  });

  it('holds at most refundBlocks states', () => {
    const sim = simulate({ channels: [{ between: ['emma', 'fabian'], deposit: [1000, 0], kind: 'one-way', refundBlocks: 10 }], confirmations: 1 });
    sim.mineBlocks(1);
    for (let i = 0; i < 10; i++) expect(sim.pay('emma', 'fabian', 1).ok).toBe(true);
    expect(sim.pay('emma', 'fabian', 1)).toMatchObject({ ok: false, error: { code: 'state-limit' } });
  });

  it('an older state submitted by Emma loses to the newest, which unlocks first', () => {
    const sim = simulate({ channels: [{ between: ['emma', 'fabian'], deposit: [1000, 0], kind: 'one-way', refundBlocks: 20 }], confirmations: 1 });
    sim.mineBlocks(1);
    for (let i = 0; i < 5; i++) sim.pay('emma', 'fabian', 100);
    sim.cheat('emma', 'emma-fabian', 1);
    sim.mineBlocks(30);
    expect(sim.chain.balanceOf('fabian')).toBe(500_000);
    expect(sim.events('cheat-succeeded')).toHaveLength(0);
  });

  it('…but wins if Fabian is offline when the newest state unlocks', () => {
    const sim = simulate({ channels: [{ between: ['emma', 'fabian'], deposit: [1000, 0], kind: 'one-way', refundBlocks: 20 }], confirmations: 1 });
    sim.mineBlocks(1);
    for (let i = 0; i < 5; i++) sim.pay('emma', 'fabian', 100);
    sim.offline('fabian', 40);
    sim.cheat('emma', 'emma-fabian', 1);
    sim.mineBlocks(30);
    expect(sim.chain.balanceOf('fabian')).toBe(100_000);
    expect(sim.events('cheat-succeeded')).toEqual([expect.objectContaining({ node: 'emma', sequence: 1, amountMsat: 400_000 })]);
  });
});

describe('channel transactions pay fees from the wallet', () => {
  it('every confirmed channel transaction costs its submitter the fee; funds are conserved', () => {
    const sim = simulate({ channels: [{ between: ['alice', 'bob'], deposit: [100, 100] }], txFee: 1, wallet: 10 });
    sim.mineBlocks(3);
    sim.pay('alice', 'bob', 10);
    sim.cheat('alice', 'alice-bob', 1);
    sim.mineBlocks(200);
    // Bob: 200 from the channel + 10 wallet − deposit fee − penalty fee. Alice: 10 − deposit fee − cash fee;
    // her time-locked withdrawal was dropped (the contract had closed), so its fee coin came back.
    expect(sim.balance('bob')).toBe(208);
    expect(sim.balance('alice')).toBe(8);
    expect(sim.chain.feesCollectedMsat).toBe(4_000);
  });

  it('a party whose wallet is empty still submits, without a fee', () => {
    const sim = simulate({ channels: [{ between: ['alice', 'bob'], deposit: [100, 100] }], txFee: 1 });
    sim.mineBlocks(3);
    expect(sim.channel('alice-bob').isUsable).toBe(true);
    expect(sim.chain.feesCollectedMsat).toBe(0);
  });
});

describe('watchtowers (BRIEF §7)', () => {
  const cheatWhileBobIsAway = (towerOnline: boolean) => {
    const sim = simulate({ channels: [{ between: ['alice', 'bob'], deposit: [100, 100] }], watchtowers: [{ tower: 'tower', clients: ['bob'] }], txFee: 1, wallet: 10 });
    sim.mineBlocks(3);
    sim.pay('alice', 'bob', 10);
    sim.offline('bob', 300);
    if (!towerOnline) sim.offline('tower', 300);
    sim.cheat('alice', 'alice-bob', 1);
    sim.mineBlocks(400);
    return sim;
  };

  it('an altruist tower punishes for its offline client: the bond goes to the client, less the justice fee it pays', () => {
    const sim = cheatWhileBobIsAway(true);
    expect(sim.events('tower-justice')).toEqual([expect.objectContaining({ node: 'tower', client: 'bob' })]);
    expect(sim.events('penalty')).toEqual([expect.objectContaining({ node: 'bob', amountMsat: 100_000 })]);
    // DEFAULTS.md: an altruist tower returns all but fees; the justice fee comes out of the swept bond.
    expect(sim.balance('bob')).toBe(200 + 10 - 1 - 1); // his deposit fee and the justice fee
    expect(sim.balance('tower')).toBe(10); // the tower spends nothing
    expect(sim.balance('alice')).toBe(10 - 2);
  });

  it('without a watching tower the cheat succeeds', () => {
    const sim = cheatWhileBobIsAway(false);
    expect(sim.events('cheat-succeeded')).toHaveLength(1);
    expect(sim.balance('bob')).toBe(100 + 10 - 1);
  });
});
