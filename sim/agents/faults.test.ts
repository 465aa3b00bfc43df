/**
 * Faults around in-flight HTLCs (issue 13): short outages, reconnects, closes and failures. Each
 * case reproduces a way an honest hop lost money or a report lied before the HTLC lifecycle
 * became explicit state machines, and checks what must happen instead.
 *
 * Heights, with 3 confirmations and a payment sent at height 3: the payee's hop expires at
 * 3 + 18 = 21, the hop before it at 21 + 40 = 61. The receiver of an HTLC it cannot settle
 * off-chain goes on chain at expiry − deadline (6) − 1: block 14 for the payee, 54 upstream.
 */
import { htlcsOf } from '../channel/htlc.js';
import { hashLock, preimageFromSeed } from '../crypto/index.js';
import { BLOCK_MS, simulate, type TestOptions } from '../testing/world.js';

const twoHops = (extra: Partial<TestOptions> = {}) =>
  simulate({ channels: [{ between: ['alice', 'bob'], deposit: [100, 100] }, { between: ['bob', 'carol'], deposit: [100, 100] }], ...extra });

/** The hash lock of the first routed payment (`p0`) of a simulation with seed 1. */
const LOCK = hashLock(preimageFromSeed('1/p0'));

const cashes = (sim: ReturnType<typeof twoHops>) => sim.events('cash').map((e) => `${e.channel}@${e.height}`);

describe('an honest hop never loses', () => {
  it('a forwarder offline at its deadline goes on chain once it is back (the guard is re-armed every block)', () => {
    const sim = twoHops();
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.runFor(500); // Carol has fulfilled with Bob at 400 ms: Bob knows R and owes Alice nothing
    sim.unresponsive('alice', 200); // Alice stops signing before Bob can show her R
    sim.offlineAt('bob', 53.5 * BLOCK_MS - sim.engine.now, 2 * BLOCK_MS); // offline at his deadline (block 54) until 55.5
    sim.mineBlocks(80);
    // Back at 55.5, Bob takes alice-bob to the chain at block 56 with R: paid before the expiry (61).
    expect(cashes(sim)).toEqual(['alice-bob@57']);
    expect(sim.balance('bob')).toBe(200);
    expect(sim.balance('carol')).toBe(110);
    expect(sim.balance('alice')).toBe(90);
  });

  it('a forwarder that learns R from the chain claims upstream at once, not at its own deadline', () => {
    const sim = twoHops({ receivers: { carol: { kind: 'griefer', floodTxs: 0, floodFeeMsat: 0 } } });
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.mineBlocks(16); // height 19: Carol's commitment went out at 19 (expiry 21 − 2)
    expect(htlcsOf(sim.channel('alice-bob').channel)).toHaveLength(1);
    sim.mineBlocks(1); // block 20 confirms it, R is public: Bob fulfils with Alice right after the block
    sim.runFor(1000);
    expect(htlcsOf(sim.channel('alice-bob').channel)).toHaveLength(0);
    expect(sim.channel('alice-bob').channel.balances).toEqual([90_000, 110_000]);
    expect(sim.network.payments).toEqual([expect.objectContaining({ status: 'succeeded', payerKnowsR: true })]);
  });

  it('a fail interrupted by a short outage is resent on reconnect: no channel goes to the chain', () => {
    // Carol jams for 10 minutes, then fails back; Alice is away for 5 minutes just as Bob fails her HTLC.
    const sim = twoHops({ receivers: { carol: { kind: 'jammer', holdMs: 600_000 } } });
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.offlineAt('alice', 600_400 - 50, 300_000);
    sim.mineBlocks(100);
    expect(sim.events('cash')).toEqual([]);
    expect(htlcsOf(sim.channel('alice-bob').channel)).toHaveLength(0);
    const settled = sim.events('htlc-settle').filter((e) => e.channel === 'alice-bob');
    expect(settled.map((e) => e.time)).toEqual([3 * BLOCK_MS + 600_400 - 50 + 300_000]); // at her return
    expect(sim.network.payments).toEqual([expect.objectContaining({ status: 'failed', reason: 'held' })]);
    expect(['alice', 'bob', 'carol'].map(sim.balance)).toEqual([100, 200, 100]);
  });

  it('a fulfil interrupted by a short outage is resent on reconnect', () => {
    const sim = twoHops();
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.offlineAt('alice', 500, 120_000); // away when Bob shows her R at 600 ms
    sim.runFor(200_000);
    expect(htlcsOf(sim.channel('alice-bob').channel)).toHaveLength(0);
    expect(sim.channel('alice-bob').channel.balances).toEqual([90_000, 110_000]);
    expect(sim.network.payments).toEqual([expect.objectContaining({ status: 'succeeded', payerKnowsR: true, latencyMs: 120_500 })]);
    sim.mineBlocks(100);
    expect(sim.events('cash')).toEqual([]);
  });

  it('an offerer times out only after the expiry (BOLT #2), not one block before', () => {
    const sim = twoHops();
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.runFor(300); // both HTLCs set up; Carol would fulfil at 400 ms
    sim.perform({ node: 'carol', do: 'offline', forMs: 100 * BLOCK_MS });
    sim.mineBlocks(80);
    // Bob goes on chain when block 21 (the expiry) is mined; the refund confirms in block 22.
    expect(cashes(sim)).toContain('bob-carol@22');
    expect(sim.balance('bob')).toBe(200);
    expect(sim.balance('alice')).toBe(100); // failed back off-chain once Bob had his refund
  });
});

describe('shutdown, failures and closes around in-flight HTLCs', () => {
  it('a cooperative close waits for the HTLCs in flight, refusing new ones meanwhile', () => {
    const sim = twoHops({ receivers: { carol: { kind: 'jammer', holdMs: 1_800_000 } } });
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.runFor(1000);
    expect(sim.close('alice', 'alice-bob')).toMatchObject({ ok: true, value: 'shuttingDown' });
    sim.send('alice', 'carol', 5); // no new HTLC on a channel that is shutting down
    sim.mineBlocks(10);
    expect(sim.events('rejected')).toEqual([]);
    expect(sim.events('cooperative-close').map((e) => e.channel)).toEqual(['alice-bob']);
    expect(sim.events('cash')).toEqual([]);
    expect(sim.balance('alice')).toBe(100);
    expect(sim.network.payments.map((p) => [p.status, p.reason])).toEqual([
      ['failed', 'no-route'],
      ['failed', 'held'],
    ]);
  });

  it('a node that signs nothing closes unilaterally; an offline one closes when it is back', () => {
    const sim = twoHops();
    sim.mineBlocks(3);
    sim.unresponsive('alice', 10);
    expect(sim.close('alice', 'alice-bob')).toMatchObject({ ok: true, value: 'closing' });
    sim.offline('carol', 5);
    expect(sim.close('carol', 'bob-carol')).toMatchObject({ ok: true, value: 'deferred' });
    sim.mineBlocks(3);
    expect(sim.events('cash').map((e) => e.channel)).toEqual(['alice-bob']);
    sim.mineBlocks(3); // Carol is back at block 8: Bob answers, so she closes cooperatively
    expect(sim.events('cooperative-close').map((e) => [e.channel, e.height])).toEqual([['bob-carol', 9]]);
  });

  it('a node that fails while its peer is offline: the peer closes once it is back', () => {
    const sim = twoHops();
    sim.mineBlocks(3);
    sim.offline('alice', 10);
    sim.perform({ node: 'bob', do: 'fail' });
    sim.mineBlocks(12);
    expect(sim.events('cash').map((e) => [e.channel, e.node])).toEqual([['bob-carol', 'carol'], ['alice-bob', 'alice']]);
    expect(sim.events('cash').find((e) => e.channel === 'alice-bob')!.height).toBe(14); // back at 13
  });

  it('an offline or unresponsive payer pays nobody, and a direct payment keeps the 1% reserve', () => {
    const sim = twoHops();
    sim.mineBlocks(3);
    sim.offline('alice', 1);
    sim.send('alice', 'bob', 10);
    sim.mineBlocks(1);
    sim.unresponsive('alice', 1);
    sim.send('alice', 'bob', 10);
    sim.mineBlocks(1);
    sim.send('alice', 'bob', 99); // the reserve is 1% of 200 sat: at most 98 may go
    sim.send('alice', 'bob', 98);
    expect(sim.network.payments.map((p) => [p.status, p.reason])).toEqual([
      ['failed', 'payer-offline'],
      ['failed', 'payer-offline'],
      ['failed', 'insufficient-balance'],
      ['succeeded', ''],
    ]);
    expect(sim.channel('alice-bob').channel.balances).toEqual([2_000, 198_000]);
    expect(sim.network.payments[3]!.latencyMs).toBe(200); // one update: a round trip of two 100 ms messages
  });
});

describe('a report never lies', () => {
  it('a payment whose payee was never paid is not a success, even though the payee released R', () => {
    // Bob stops answering once both HTLCs are set up: Carol cannot settle off-chain, and she is away
    // until after her HTLC expires, so the chain refunds Bob; Bob then fails Alice's HTLC.
    const sim = twoHops();
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.runFor(300);
    sim.unresponsive('bob', 30);
    sim.offline('carol', 25);
    sim.mineBlocks(100);
    expect(sim.balance('carol')).toBe(100);
    expect(sim.network.payments).toEqual([expect.objectContaining({ status: 'failed', payerKnowsR: false })]);
    expect(['alice', 'bob'].map(sim.balance)).toEqual([100, 200]);
  });

  it('a payment still unresolved when the run ends is recorded as stuck', () => {
    const sim = twoHops({ receivers: { carol: { kind: 'jammer', holdMs: 3_600_000 } } });
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.runFor(60_000);
    sim.finish();
    expect(sim.network.payments).toEqual([expect.objectContaining({ status: 'stuck', reason: 'stuck' })]);
  });

  it('the preimage of an expired, refunded HTLC is not published, so a failed hub cannot claim upstream with it', () => {
    const sim = twoHops();
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.runFor(300); // both HTLCs set up; Bob never hears R: he is away, and so is Carol
    sim.offlineAt('bob', 0, 20 * BLOCK_MS);
    sim.offlineAt('carol', 0, 18.5 * BLOCK_MS);
    sim.mineBlocks(18.5); // height 21: Carol's HTLC has expired
    sim.cheat('carol', 'bob-carol', sim.channel('bob-carol').channel.sequence); // her newest copy, with R
    sim.mineBlocks(60);
    expect(sim.network.preimages.isPublic(LOCK)).toBe(false);
    expect(sim.events('cash').find((e) => e.channel === 'bob-carol')).toMatchObject({ node: 'carol', settledAs: 'rsmc' });
    expect(['alice', 'bob', 'carol'].map(sim.balance)).toEqual([100, 200, 100]);
    expect(sim.network.payments).toEqual([expect.objectContaining({ status: 'failed' })]);
  });
});

describe('Sprites and asymmetric commitments', () => {
  it("Sprites: a payee revealing R in the last block cannot make an honest, online forwarder lose (R registered in time settles every hop)", () => {
    const sim = twoHops({ multiHop: { style: 'sprites' }, receivers: { carol: { kind: 'griefer', floodTxs: 0, floodFeeMsat: 0 } } });
    sim.mineBlocks(3);
    sim.send('alice', 'carol', 10);
    sim.runFor(1000);
    const [upstream, downstream] = [htlcsOf(sim.channel('alice-bob').channel)[0]!, htlcsOf(sim.channel('bob-carol').channel)[0]!];
    expect(upstream.timeLock).toBe(downstream.timeLock); // one shared lock T for every hop
    expect([upstream.shared, downstream.shared]).toEqual([true, true]);
    sim.unresponsive('alice', 200); // Alice will not sign Bob's fulfil: he must claim on chain
    sim.mineBlocks(80);
    const T = downstream.timeLock;
    // Carol's commitment and her registration of R go out at T − 2 and confirm at T − 1; Bob
    // learns R then, goes on chain at once, and his commitment confirms at T: past the lock, yet
    // his HTLC pays him because R was registered below it.
    expect(sim.chain.preimageRegistration(LOCK)?.height).toBe(T - 1);
    expect(cashes(sim)).toEqual([`bob-carol@${T - 1}`, `alice-bob@${T}`]);
    expect(['alice', 'bob', 'carol'].map(sim.balance)).toEqual([90, 200, 110]);
  });

  it("asymmetric: the revoked commitment's pending HTLC is still punishable after the cheater swept its delayed output", () => {
    // Bob offers Carol an HTLC (sequence 2) that Dave, a jammer, fails back (sequence 3). Bob then
    // cashes the revoked sequence 2 while Carol is away; he sweeps his delayed output after 5
    // blocks; Carol, back before the HTLC expires, takes it with the revocation key.
    const sim = simulate({
      channels: [
        { between: ['alice', 'bob'], deposit: [100, 100] },
        { between: ['bob', 'carol'], deposit: [100, 100], kind: 'asymmetric', freeze: { blocks: 5 } },
        { between: ['carol', 'dave'], deposit: [100, 100] },
      ],
      receivers: { dave: { kind: 'jammer', holdMs: 600_000 } },
    });
    sim.mineBlocks(3);
    sim.send('alice', 'dave', 10);
    sim.runFor(700_000);
    expect(sim.channel('bob-carol').channel.sequence).toBe(3);
    sim.offline('carol', 20);
    expect(sim.cheat('bob', 'bob-carol', 2).ok).toBe(true);
    sim.mineBlocks(60);
    expect(sim.events('withdraw').map((e) => [e.node, e.amountMsat])).toEqual([['bob', 90_000]]);
    expect(sim.events('penalty').map((e) => [e.node, e.amountMsat, e.bondMsat])).toEqual([['carol', 10_000, 0]]);
    expect(['alice', 'bob', 'carol', 'dave'].map(sim.balance)).toEqual([100, 190, 210, 100]); // Carol: 100 at the cash + the 10-sat HTLC, and 100 in carol-dave
  });
});
