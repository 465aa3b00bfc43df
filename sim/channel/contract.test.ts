/**
 * The virtual-bank contract (BRIEF §2): every check it lists, one test per misuse, and the
 * happy paths with exact amounts. Rejections are values with stable codes; the pure step never
 * changes the state it was given.
 */
import { hashLock, keyPairFromSeed, preimageFromSeed, revocationLock, sign, toHex } from '../crypto/index.js';
import { alice, bob, ctx as callAt, expectCode, expectOk, funding, pair, parties, revocationProof, revocationSeeds as seeds, running, signedCopy } from '../testing/contract.js';
import { msat, sequence, type Height, type Msat } from '../units.js';
import { freezeTerms, closePayload, signTerms, type HtlcTerms, type Pair, type RsmcTerms, type SignedCommitment, type Side } from './commitment.js';
import { construct, step, type CallContext, type ContractInput, type VirtualBank } from './contract.js';

const mallory = keyPairFromSeed('mallory');

/** A call by `caller` at height `h`, sending `valueInMsat` into the contract. */
const ctx = (caller: string, h = 100, valueInMsat = 0): CallContext => callAt(caller, h, { valueInMsat });

/** `attacker`'s copy of a sequence, signed by the defender. */
const copy = (attacker: Side, seq: number, amounts: Pair, id = 'alice-bob', freezeBlocks = 144): SignedCommitment => signedCopy(attacker, seq, amounts, { id, freezeBlocks });

describe('construct', () => {
  it('needs two distinct parties and positive amounts', () => {
    expectCode(construct('c', { ...parties, nodes: ['alice', 'alice'] }, pair(1, 1)), 'bad-parties');
    expectCode(construct('c', parties, pair(0, 1)), 'bad-deposit');
    expectCode(construct('c', parties, pair(1.5, 1)), 'bad-deposit');
    expect(funding().phase).toBe('Funding');
  });
});

describe('deposit', () => {
  it('moves to Running once both parties paid exactly their amounts', () => {
    const one = expectOk(step(funding(), { method: 'deposit' }, ctx('alice', 1, 100_000)));
    expect(one.state.phase).toBe('Funding');
    const both = expectOk(step(one.state, { method: 'deposit' }, ctx('bob', 1, 100_000)));
    expect(both.state.phase).toBe('Running');
    expect(both.payouts).toEqual([]);
  });

  it('rejects a double deposit', () => {
    const one = expectOk(step(funding(), { method: 'deposit' }, ctx('alice', 1, 100_000)));
    expectCode(step(one.state, { method: 'deposit' }, ctx('alice', 1, 100_000)), 'already-deposited');
  });

  it('rejects a wrong amount', () => {
    expectCode(step(funding(), { method: 'deposit' }, ctx('alice', 1, 99_999)), 'wrong-deposit-amount');
  });

  it('rejects a deposit in the wrong state', () => {
    expectCode(step(running(), { method: 'deposit' }, ctx('alice', 1, 100_000)), 'wrong-state');
  });

  it('rejects a non-party caller', () => {
    expectCode(step(funding(), { method: 'deposit' }, ctx('mallory', 1, 100_000)), 'not-a-party');
  });
});

describe('cashRsmc', () => {
  it('pays the defender at once and freezes the attacker share as a bond (BRIEF §5 ex. 1)', () => {
    const s = expectOk(step(running(), { method: 'cashRsmc', commitment: copy(0, 2, pair(90_000, 110_000)) }, ctx('alice', 100)));
    expect(s.payouts).toEqual([{ side: 1, amountMsat: 110_000 }]);
    expect(s.state).toMatchObject({ phase: 'Auditing', attacker: 0, bondMsat: 90_000, requestHeight: 100 });
  });

  it('rejects cashing in the wrong state', () => {
    expectCode(step(funding(), { method: 'cashRsmc', commitment: copy(0, 1, pair(100_000, 100_000)) }, ctx('alice')), 'wrong-state');
  });

  it('rejects amounts that do not sum to the deposit', () => {
    expectCode(step(running(), { method: 'cashRsmc', commitment: copy(0, 2, pair(90_000, 100_000)) }, ctx('alice')), 'amounts-mismatch');
  });

  it('rejects a forged signature (not by the defender)', () => {
    const honest = copy(0, 2, pair(90_000, 110_000));
    const forged = { ...honest, defenderSignature: signTerms(mallory.secretKey, honest.terms) };
    expectCode(step(running(), { method: 'cashRsmc', commitment: forged }, ctx('alice')), 'bad-signature');
  });

  it("rejects the attacker's own signature: the defender must have signed", () => {
    const honest = copy(0, 2, pair(90_000, 110_000));
    const selfSigned = { ...honest, defenderSignature: signTerms(alice.secretKey, honest.terms) };
    expectCode(step(running(), { method: 'cashRsmc', commitment: selfSigned }, ctx('alice')), 'bad-signature');
  });

  it('rejects terms edited after signing', () => {
    const honest = copy(0, 2, pair(90_000, 110_000));
    const tampered = { ...honest, terms: { ...honest.terms, amounts: pair(110_000, 90_000) } };
    expectCode(step(running(), { method: 'cashRsmc', commitment: tampered }, ctx('alice')), 'bad-signature');
  });

  it('rejects a replay on another channel', () => {
    const other = running('alice-bob-2');
    const signedForFirst = copy(0, 2, pair(90_000, 110_000), 'alice-bob');
    expectCode(step(other, { method: 'cashRsmc', commitment: signedForFirst }, ctx('alice')), 'wrong-contract');
    const relabelled = { ...signedForFirst, terms: { ...signedForFirst.terms, contractId: 'alice-bob-2' } };
    expectCode(step(other, { method: 'cashRsmc', commitment: relabelled }, ctx('alice')), 'bad-signature');
  });

  it('rejects the defender submitting the attacker copy', () => {
    // Alice's copy carries Bob's signature: Bob cannot cash it, the contract wants Alice's.
    expectCode(step(running(), { method: 'cashRsmc', commitment: copy(0, 2, pair(90_000, 110_000)) }, ctx('bob')), 'bad-signature');
  });

  it('rejects a non-party caller and value sent with a call', () => {
    expectCode(step(running(), { method: 'cashRsmc', commitment: copy(0, 2, pair(90_000, 110_000)) }, ctx('mallory')), 'not-a-party');
    expectCode(step(running(), { method: 'cashRsmc', commitment: copy(0, 2, pair(90_000, 110_000)) }, ctx('alice', 100, 5)), 'unexpected-value');
  });

  it('rejects an HTLC commitment sent to cashRsmc', () => {
    const htlc = htlcCopy(150);
    expectCode(step(running(), { method: 'cashRsmc', commitment: htlc }, ctx('alice')), 'wrong-method');
  });
});

describe('withdrawByAttacker', () => {
  const auditing = (): VirtualBank => expectOk(step(running(), { method: 'cashRsmc', commitment: copy(0, 2, pair(90_000, 110_000)) }, ctx('alice', 100))).state;

  it('pays the bond to the attacker once the freeze has passed', () => {
    const s = expectOk(step(auditing(), { method: 'withdrawByAttacker' }, ctx('alice', 244)));
    expect(s.payouts).toEqual([{ side: 0, amountMsat: 90_000 }]);
    expect(s.state).toMatchObject({ phase: 'Closed', how: 'attacker-withdrew', paidOut: [90_000, 110_000] });
  });

  it('rejects an early withdrawal', () => {
    expectCode(step(auditing(), { method: 'withdrawByAttacker' }, ctx('alice', 243)), 'freeze-not-over');
  });

  it('rejects the defender withdrawing the bond', () => {
    expectCode(step(auditing(), { method: 'withdrawByAttacker' }, ctx('bob', 300)), 'not-attacker');
  });

  it('rejects a withdrawal in the wrong state', () => {
    expectCode(step(running(), { method: 'withdrawByAttacker' }, ctx('alice', 300)), 'wrong-state');
  });

  it('counts a freeze in block-timestamp seconds', () => {
    const c = copyWithSeconds(3_600);
    const audit = expectOk(step(running(), { method: 'cashRsmc', commitment: c }, ctx('alice', 100))).state;
    // ctx timestamps advance 600 s per block: 6 blocks = 3600 s.
    expectCode(step(audit, { method: 'withdrawByAttacker' }, ctx('alice', 105)), 'freeze-not-over');
    expect(expectOk(step(audit, { method: 'withdrawByAttacker' }, ctx('alice', 106))).state.phase).toBe('Closed');
  });
});

describe('withdrawByDefender', () => {
  const cheated = (): VirtualBank => expectOk(step(running(), { method: 'cashRsmc', commitment: copy(0, 1, pair(100_000, 100_000)) }, ctx('alice', 100))).state;

  it('gives the whole bond to the defender with a valid revocation proof (the penalty)', () => {
    const s = expectOk(step(cheated(), { method: 'withdrawByDefender', revocationSignature: revocationProof(0, 1) }, ctx('bob', 120)));
    expect(s.payouts).toEqual([{ side: 1, amountMsat: 100_000 }]);
    expect(s.state).toMatchObject({ phase: 'Closed', how: 'defender-punished', paidOut: [0, 200_000] });
  });

  it('rejects a wrong revocation key', () => {
    expectCode(step(cheated(), { method: 'withdrawByDefender', revocationSignature: revocationProof(0, 2) }, ctx('bob', 120)), 'bad-revocation');
    expectCode(step(cheated(), { method: 'withdrawByDefender', revocationSignature: revocationProof(1, 1) }, ctx('bob', 120)), 'bad-revocation');
  });

  it('rejects a proof made for another channel', () => {
    expectCode(step(cheated(), { method: 'withdrawByDefender', revocationSignature: revocationProof(0, 1, 'other') }, ctx('bob', 120)), 'bad-revocation');
  });

  it('rejects a penalty after the freeze has ended', () => {
    expectCode(step(cheated(), { method: 'withdrawByDefender', revocationSignature: revocationProof(0, 1) }, ctx('bob', 244)), 'freeze-over');
  });

  it('rejects the attacker claiming as defender', () => {
    expectCode(step(cheated(), { method: 'withdrawByDefender', revocationSignature: revocationProof(0, 1) }, ctx('alice', 120)), 'not-defender');
  });

  it('asymmetric rules: the revocation path stays open after the delay until the holder sweeps', () => {
    const c = construct('hi', { nodes: ['alice', 'bob'], keys: [alice.publicKey, bob.publicKey] }, pair(100_000, 100_000), 'asymmetric');
    if (!c.ok) throw c.error;
    let state = expectOk(step(c.value, { method: 'deposit' }, ctx('alice', 1, 100_000))).state;
    state = expectOk(step(state, { method: 'deposit' }, ctx('bob', 1, 100_000))).state;
    state = expectOk(step(state, { method: 'cashRsmc', commitment: copy(0, 1, pair(100_000, 100_000), 'hi', 1000) }, ctx('alice', 100))).state;
    const late = expectOk(step(state, { method: 'withdrawByDefender', revocationSignature: revocationProof(0, 1, 'hi') }, ctx('bob', 2000)));
    expect(late.state).toMatchObject({ phase: 'Closed', how: 'defender-punished', paidOut: [0, 200_000] });
    expectCode(step(state, { method: 'cashRsmc', commitment: copy(0, 1, pair(100_000, 100_000), 'hi') }, ctx('alice', 100)), 'wrong-state');
  });
});

describe('cashHtlc (BRIEF §2, several HTLCs as in BOLT #5)', () => {
  const R = preimageFromSeed('R');

  it('settles the HTLC to its receiver before the time lock when the preimage opens the hash lock', () => {
    const s = expectOk(step(running(), { method: 'cashHtlc', commitment: htlcCopy(150), preimages: [R] }, ctx('bob', 120)));
    expect(s.state).toMatchObject({ phase: 'Auditing', settledAs: 'htlc', bondMsat: 110_000, pending: [] });
    expect(s.payouts).toEqual([{ side: 0, amountMsat: 90_000 }]);
  });

  it('rejects a preimage that opens no hash lock', () => {
    expectCode(step(running(), { method: 'cashHtlc', commitment: htlcCopy(150), preimages: [preimageFromSeed('wrong')] }, ctx('bob', 120)), 'bad-preimage');
  });

  it('refunds the HTLC (the RSMC split) at or after the time lock', () => {
    const s = expectOk(step(running(), { method: 'cashHtlc', commitment: htlcCopy(150) }, ctx('bob', 150)));
    expect(s.state).toMatchObject({ phase: 'Auditing', settledAs: 'rsmc', bondMsat: 100_000, pending: [] });
    expect(s.payouts).toEqual([{ side: 0, amountMsat: 100_000 }]);
  });

  it('keeps an HTLC pending without a preimage; the receiver claims it later, the offerer only after expiry', () => {
    const audit = expectOk(step(running(), { method: 'cashHtlc', commitment: htlcCopy(150) }, ctx('bob', 120))).state;
    expect(audit).toMatchObject({ bondMsat: 100_000, pending: [expect.objectContaining({ amountMsat: 10_000 })] });
    const lock = hashLock(R);
    expectCode(step(audit, { method: 'timeoutHtlc', hashLock: lock }, ctx('alice', 149)), 'htlc-not-expired');
    expectCode(step(audit, { method: 'claimHtlc', hashLock: lock, preimage: preimageFromSeed('x') }, ctx('bob', 130)), 'bad-preimage');
    expectCode(step(audit, { method: 'claimHtlc', hashLock: lock, preimage: R }, ctx('alice', 130)), 'unknown-htlc');
    expectCode(step(audit, { method: 'claimHtlc', hashLock: lock, preimage: R }, ctx('bob', 150)), 'htlc-expired');
    // Bob is the attacker: what he claims joins his frozen bond.
    const claimed = expectOk(step(audit, { method: 'claimHtlc', hashLock: lock, preimage: R }, ctx('bob', 130)));
    expect(claimed.state).toMatchObject({ bondMsat: 110_000, pending: [] });
    expect(claimed.payouts).toEqual([]);
    const timedOut = expectOk(step(audit, { method: 'timeoutHtlc', hashLock: lock }, ctx('alice', 150)));
    expect(timedOut.payouts).toEqual([{ side: 0, amountMsat: 10_000 }]);
    expect(expectOk(step(timedOut.state, { method: 'withdrawByAttacker' }, ctx('bob', 264))).state).toMatchObject({ phase: 'Closed', paidOut: [100_000, 100_000] });
  });

  it('a penalty takes the bond and every pending HTLC', () => {
    const audit = expectOk(step(running(), { method: 'cashHtlc', commitment: htlcCopy(150) }, ctx('bob', 120))).state;
    const s = expectOk(step(audit, { method: 'withdrawByDefender', revocationSignature: revocationProof(1, 3) }, ctx('alice', 125)));
    expect(s.payouts).toEqual([{ side: 0, amountMsat: 110_000 }]);
    expect(s.state).toMatchObject({ phase: 'Closed', how: 'defender-punished', paidOut: [200_000, 0] });
  });
});

describe('cooperativeClose', () => {
  const sigs = (amounts: Pair, a = alice, b = bob) => [sign(a.secretKey, closePayload('alice-bob', amounts)), sign(b.secretKey, closePayload('alice-bob', amounts))] as const;

  it('pays both sides at once with no freeze', () => {
    const s = expectOk(step(running(), { method: 'cooperativeClose', amounts: pair(90_000, 110_000), signatures: sigs(pair(90_000, 110_000)) }, ctx('alice')));
    expect(s.payouts).toEqual([{ side: 0, amountMsat: 90_000 }, { side: 1, amountMsat: 110_000 }]);
    expect(s.state).toMatchObject({ phase: 'Closed', how: 'cooperative' });
  });

  it('rejects a sheet one side did not sign', () => {
    const amounts = pair(90_000, 110_000);
    expectCode(step(running(), { method: 'cooperativeClose', amounts, signatures: sigs(amounts, alice, mallory) }, ctx('alice')), 'bad-signature');
  });

  it('rejects amounts that do not sum to the deposit', () => {
    const amounts = pair(90_000, 90_000);
    expectCode(step(running(), { method: 'cooperativeClose', amounts, signatures: sigs(amounts) }, ctx('alice')), 'amounts-mismatch');
  });
});

it('never changes the state it was given (pure transitions)', () => {
  const state = running();
  const snapshot = JSON.stringify(state);
  const inputs: ContractInput[] = [
    { method: 'deposit' },
    { method: 'cashRsmc', commitment: copy(0, 2, pair(1, 1)) },
    { method: 'withdrawByAttacker' },
    { method: 'cashRsmc', commitment: copy(0, 2, pair(90_000, 110_000)) },
  ];
  for (const input of inputs) step(state, input, ctx('alice'));
  expect(JSON.stringify(state)).toBe(snapshot);
});

function htlcCopy(timeLock: number): SignedCommitment {
  // Bob's copy: Alice offered 10 000 msat to Bob under hash lock H until `timeLock`.
  const terms: HtlcTerms = freezeTerms({
    contractId: 'alice-bob',
    sequence: sequence(3),
    amounts: pair(90_000, 100_000),
    revocationLock: toHex(revocationLock(seeds[1], sequence(3)).publicKey),
    freeze: { blocks: 144 },
    htlcs: [{ offerer: 0, amountMsat: msat(10_000), hashLock: hashLock(preimageFromSeed('R')), timeLock: timeLock as Height }],
  });
  return { terms, attacker: 1, defenderSignature: signTerms(alice.secretKey, terms) };
}

function copyWithSeconds(seconds: number): SignedCommitment {
  const terms: RsmcTerms = freezeTerms({
    contractId: 'alice-bob',
    sequence: sequence(2),
    amounts: pair(90_000, 110_000) as readonly [Msat, Msat],
    revocationLock: toHex(revocationLock(seeds[0], sequence(2)).publicKey),
    freeze: { seconds },
  });
  return { terms, attacker: 0, defenderSignature: signTerms(bob.secretKey, terms) };
}
