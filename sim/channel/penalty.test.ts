/**
 * withdrawByDefender (penalty.ts): what it takes (bond and pending HTLCs, reported in
 * `Penalty`), when (virtual bank: the freeze; asymmetric: until each output is spent), and the
 * justice fee paid out of the swept funds, checked on the chain too (ledger + contract books +
 * miner fees balance).
 */
import { Chain } from '../chain/index.js';
import { hashLock, preimageFromSeed } from '../crypto/index.js';
import { Engine, rngStream } from '../engine/index.js';
import { ctx, expectCode, expectOk, funding, htlc, pair, revocationProof, running, signedCopy } from '../testing/contract.js';
import { msat, type Msat } from '../units.js';
import { type ContractRules, step, type VirtualBank } from './contract.js';
import { virtualBankHost } from './host.js';
import { stampsOf } from '../chain/records.js';

const R1 = preimageFromSeed('R1');
const R2 = preimageFromSeed('R2');
const [H1, H2] = [hashLock(R1), hashLock(R2)];

/** Bob cashes his revoked sequence 3 at height 100: [85 000, 100 000] + Alice's HTLCs of 10 000 (H1) and 5 000 (H2), both until 150; freeze 144 (ends at 244). */
function bobCheatsWithHtlcs(rules: ContractRules): VirtualBank {
  const copy = signedCopy(1, 3, pair(85_000, 100_000), { id: 'hi', htlcs: [htlc(0, 10_000, H1, 150), htlc(0, 5_000, H2, 150)] });
  return expectOk(step(running('hi', rules), { method: 'cashHtlc', commitment: copy }, ctx('bob', 100))).state;
}

describe('a revoked asymmetric commitment after the cheater swept its delayed output', () => {
  it('still yields every pending HTLC, and only those, to the revocation key (regression: refused as wrong-state)', () => {
    let state = bobCheatsWithHtlcs('asymmetric');
    // Bob claims H1 during the freeze: it joins his bond (110 000); then he sweeps it at 244.
    state = expectOk(step(state, { method: 'claimHtlc', hashLock: H1, preimage: R1 }, ctx('bob', 120))).state;
    const swept = expectOk(step(state, { method: 'withdrawByAttacker' }, ctx('bob', 244)));
    expect(swept.payouts).toEqual([{ side: 1, amountMsat: 110_000 }]);
    expect(swept.state).toMatchObject({ phase: 'Auditing', bondReleased: true, bondMsat: 0 });
    // Alice, at 300 (past the freeze and the HTLC's lock), punishes: H2's 5 000 only.
    const s = expectOk(step(swept.state, { method: 'withdrawByDefender', revocationSignature: revocationProof(1, 3, 'hi') }, ctx('alice', 300)));
    expect(s.payouts).toEqual([{ side: 0, amountMsat: 5_000 }]);
    expect(s.state).toMatchObject({ phase: 'Closed', how: 'defender-punished', paidOut: [90_000, 110_000] });
    expect(s.state.phase === 'Closed' && s.state.how === 'defender-punished' && s.state.penalty).toEqual({ takenMsat: 5_000, htlcMsat: 5_000, feeMsat: 0, rewardMsat: 0 });
    expect(s.resolved).toEqual([{ htlc: expect.objectContaining({ hashLock: H2, amountMsat: 5_000 }), outcome: 'punished' }]);
  });

  it('needs the proof of this sequence, and the defender', () => {
    const swept = expectOk(step(bobCheatsWithHtlcs('asymmetric'), { method: 'withdrawByAttacker' }, ctx('bob', 244))).state;
    expectCode(step(swept, { method: 'withdrawByDefender', revocationSignature: revocationProof(1, 2, 'hi') }, ctx('alice', 300)), 'bad-revocation');
    expectCode(step(swept, { method: 'withdrawByDefender', revocationSignature: revocationProof(1, 3, 'hi') }, ctx('bob', 300)), 'not-defender');
  });

  it('is over once the last HTLC is spent: the contract is closed', () => {
    let state = expectOk(step(bobCheatsWithHtlcs('asymmetric'), { method: 'withdrawByAttacker' }, ctx('bob', 244))).state;
    state = expectOk(step(state, { method: 'timeoutHtlc', hashLock: H1 }, ctx('alice', 250))).state;
    const last = expectOk(step(state, { method: 'timeoutHtlc', hashLock: H2 }, ctx('alice', 250)));
    expect(last.state).toMatchObject({ phase: 'Closed', how: 'htlcs-resolved', paidOut: [100_000, 100_000] });
    expect(last.resolved).toEqual([{ htlc: expect.objectContaining({ hashLock: H2 }), outcome: 'timed-out' }]);
    expectCode(step(last.state, { method: 'withdrawByDefender', revocationSignature: revocationProof(1, 3, 'hi') }, ctx('alice', 251)), 'wrong-state');
  });
});

describe('under virtual-bank rules (BRIEF §2)', () => {
  it('the freeze bounds the penalty: after it, pending HTLCs of a revoked commitment are no longer punishable', () => {
    const frozen = bobCheatsWithHtlcs('virtual-bank');
    const before = expectOk(step(frozen, { method: 'withdrawByDefender', revocationSignature: revocationProof(1, 3, 'hi') }, ctx('alice', 243)));
    expect(before.state.phase === 'Closed' && before.state.how === 'defender-punished' && before.state.penalty).toEqual({ takenMsat: 115_000, htlcMsat: 15_000, feeMsat: 0, rewardMsat: 0 });
    const swept = expectOk(step(frozen, { method: 'withdrawByAttacker' }, ctx('bob', 244))).state;
    expectCode(step(swept, { method: 'withdrawByDefender', revocationSignature: revocationProof(1, 3, 'hi') }, ctx('alice', 300)), 'freeze-over');
  });
});

describe('the penalty figures and the justice fee paid from the swept funds', () => {
  // Alice cashes her revoked sequence 1 ([100 000, 100 000]) at height 100: a bond of 100 000.
  const cheated = (): VirtualBank => expectOk(step(running(), { method: 'cashRsmc', commitment: signedCopy(0, 1, pair(100_000, 100_000)) }, ctx('alice', 100))).state;
  const punish = (state: VirtualBank, contractFeeMsat: number, reward?: number) =>
    step(state, { method: 'withdrawByDefender', revocationSignature: revocationProof(0, 1), ...(reward ? { reward: { to: 'tower', amountMsat: msat(reward) } } : {}) }, ctx('bob', 120, { contractFeeMsat }));

  it('pays the fee to the miner out of what it takes; the defender gets the rest', () => {
    const s = expectOk(punish(cheated(), 2_000));
    expect(s.payouts).toEqual([{ side: 1, amountMsat: 98_000 }]);
    expect(s.feeMsat).toBe(2_000);
    expect(s.state).toMatchObject({ phase: 'Closed', how: 'defender-punished', paidOut: [0, 200_000] });
    expect(s.state.phase === 'Closed' && s.state.how === 'defender-punished' && s.state.penalty).toEqual({ takenMsat: 100_000, htlcMsat: 0, feeMsat: 2_000, rewardMsat: 0 });
  });

  it('pays fee and tower reward together within what it takes', () => {
    const s = expectOk(punish(cheated(), 2_000, 1_000));
    expect(s.payouts).toEqual([
      { side: 1, amountMsat: 97_000 },
      { side: 1, amountMsat: 1_000, to: 'tower' },
    ]);
    // Everything to the miner is allowed (nothing left for the defender).
    expect(expectOk(punish(cheated(), 100_000)).payouts).toEqual([]);
  });

  it('refuses a fee larger than what the penalty takes, alone or with the reward', () => {
    expectCode(punish(cheated(), 100_001), 'fee-exceeds-penalty');
    expectCode(punish(cheated(), 99_500, 600), 'fee-exceeds-penalty');
  });

  it('refuses a fee paid from the contract on any other call', () => {
    expectCode(step(running(), { method: 'cashRsmc', commitment: signedCopy(0, 1, pair(100_000, 100_000)) }, ctx('alice', 100, { contractFeeMsat: 1 })), 'unexpected-fee');
    expectCode(step(cheated(), { method: 'withdrawByAttacker' }, ctx('alice', 244, { contractFeeMsat: 1 })), 'unexpected-fee');
    expectCode(step(funding(), { method: 'deposit' }, ctx('alice', 1, { valueInMsat: 100_000, contractFeeMsat: 1 })), 'unexpected-fee');
  });
});

describe('on the chain: an altruist tower whose justice fee comes out of the swept funds', () => {
  const BLOCK = 600_000;

  function world() {
    const engine = new Engine();
    const chain = new Chain(engine, { blockIntervalMs: BLOCK, fixedInterval: true, startHeight: 0, startTimestamp: 1_700_000_000 }, rngStream(1, 'chain'));
    const host = virtualBankHost(funding());
    chain.registerContract('alice-bob', host);
    chain.start();
    const mine = () => engine.run({ until: engine.now + BLOCK });
    const call = (sender: string, args: { method: string }, extra: { inputs?: [ReturnType<Chain['fund']>]; contractFeeMsat?: number } = {}) => {
      const paid = { inputs: extra.inputs ?? [], contractFeeMsat: msat(extra.contractFeeMsat ?? 0) };
      const r = chain.submit({ kind: args.method, sender, feeMsat: msat(0), ...paid, call: { contractId: 'alice-bob', method: args.method, args } });
      if (!r.ok) throw r.error;
      return r.value;
    };
    call('alice', { method: 'deposit' }, { inputs: [chain.fund('alice', msat(100_000))] });
    call('bob', { method: 'deposit' }, { inputs: [chain.fund('bob', msat(100_000))] });
    mine();
    call('alice', { method: 'cashRsmc', commitment: signedCopy(0, 1, pair(100_000, 100_000)) } as { method: string });
    mine(); // block 2: Bob paid 100 000, Alice's bond of 100 000 frozen
    const transitions: { feeMsat: Msat; penalty?: unknown }[] = [];
    host.onTransition((t) => transitions.push({ feeMsat: t.feeMsat, ...(t.after.phase === 'Closed' && t.after.how === 'defender-punished' ? { penalty: t.after.penalty } : {}) }));
    const justice = (contractFeeMsat: number) => call('bob', { method: 'withdrawByDefender', revocationSignature: revocationProof(0, 1), reward: { to: 'tower', amountMsat: msat(1_000) } } as { method: string }, { contractFeeMsat });
    return { chain, mine, justice, transitions };
  }

  it('balances: defender + tower + miner = the bond, and supply = unspent + contracts + fees', () => {
    const { chain, mine, justice, transitions } = world();
    const tx = justice(1_500);
    mine();
    expect([chain.balanceOf('bob'), chain.balanceOf('tower'), chain.feesCollectedMsat, chain.contractBalance('alice-bob')]).toEqual([100_000 + 97_500, 1_000, 1_500, 0]);
    expect(chain.records.txs.find((r) => r.id === tx.id)).toMatchObject({ feeMsat: 1_500, contractFeeMsat: 1_500, confirmedHeight: 3 });
    expect(transitions).toEqual([{ feeMsat: 1_500, penalty: { takenMsat: 100_000, htlcMsat: 0, feeMsat: 1_500, rewardMsat: 1_000 } }]);
    chain.recount();
  });

  it('drops a justice transaction whose fee exceeds what it takes, leaving the bond for a retry', () => {
    const { chain, mine, justice } = world();
    const greedy = justice(99_001); // with the 1 000 reward: 100 001 > 100 000
    mine();
    expect(stampsOf(chain.records.txs.find((r) => r.id === greedy.id)!).dropped).toBe('contract-rejected');
    expect([chain.contractBalance('alice-bob'), chain.feesCollectedMsat]).toEqual([100_000, 0]);
    justice(500);
    mine();
    expect([chain.balanceOf('bob'), chain.feesCollectedMsat]).toEqual([100_000 + 98_500, 500]);
    chain.recount();
  });
});
