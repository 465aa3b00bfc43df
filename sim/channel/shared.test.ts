/**
 * Sprites-style shared HTLCs (htlcRules.ts): settled by the chain's preimage manager. A
 * registration in a block below the time lock pays the receiver whenever the claim comes and
 * voids the offerer's refund; the flag is signed, and sheets without it keep their bytes.
 */
import { Chain, registerPreimageCall } from '../chain/index.js';
import { encodePayload, hashLock, keyPairFromSeed, preimageFromSeed, sha256, toHex, verify } from '../crypto/index.js';
import { Engine, rngStream } from '../engine/index.js';
import { ctx, expectCode, expectOk, funding, htlc, keys, pair, running, signedCopy } from '../testing/contract.js';
import { height, msat, type Height } from '../units.js';
import { commitmentPayload, isHtlc, type SignedCommitment } from './commitment.js';
import { step, type VirtualBank } from './contract.js';
import { virtualBankHost } from './host.js';
import { Channel } from './protocol.js';
import type { RegisteredAt } from './htlcRules.js';
import { stampsOf } from '../chain/records.js';

const R = preimageFromSeed('R');
const H = hashLock(R);
const registered = (at: number): RegisteredAt => (lock) => (lock === H ? height(at) : undefined);

/** Bob's sequence 3: [90 000, 100 000] + Alice's HTLC of 10 000 to Bob under H until 150. */
const bobsCopy = (shared: boolean): SignedCommitment => signedCopy(1, 3, pair(90_000, 100_000), { htlcs: [htlc(0, 10_000, H, 150, shared)] });

describe('cashing a commitment with a shared HTLC', () => {
  it('pays the receiver after the time lock when R was registered below it', () => {
    const s = expectOk(step(running(), { method: 'cashHtlc', commitment: bobsCopy(true) }, ctx('bob', 160, { registeredAt: registered(149) })));
    expect(s.state).toMatchObject({ phase: 'Auditing', settledAs: 'htlc', bondMsat: 110_000, pending: [] });
    expect(s.payouts).toEqual([{ side: 0, amountMsat: 90_000 }]);
    expect(s.resolved).toEqual([{ htlc: expect.objectContaining({ hashLock: H }), outcome: 'claimed' }]);
  });

  it('refunds the offerer when R was registered at the time lock or later, or never', () => {
    for (const registeredAt of [registered(150), registered(155), undefined]) {
      const s = expectOk(step(running(), { method: 'cashHtlc', commitment: bobsCopy(true) }, ctx('bob', 160, registeredAt ? { registeredAt } : {})));
      expect(s.payouts).toEqual([{ side: 0, amountMsat: 100_000 }]);
      expect(s.resolved).toEqual([{ htlc: expect.objectContaining({ hashLock: H }), outcome: 'timed-out' }]);
    }
  });

  it('an ordinary HTLC ignores the registry: same inputs, refund', () => {
    const s = expectOk(step(running(), { method: 'cashHtlc', commitment: bobsCopy(false) }, ctx('bob', 160, { registeredAt: registered(149) })));
    expect(s.payouts).toEqual([{ side: 0, amountMsat: 100_000 }]);
  });
});

describe('a pending shared HTLC', () => {
  // Cashed at 120 with nothing shown or registered: the HTLC stays pending.
  const pending = (shared: boolean): VirtualBank => expectOk(step(running(), { method: 'cashHtlc', commitment: bobsCopy(shared) }, ctx('bob', 120))).state;

  it('is claimed past its time lock after a registration in time; the refund is then refused', () => {
    const late = { registeredAt: registered(130) };
    const claimed = expectOk(step(pending(true), { method: 'claimHtlc', hashLock: H, preimage: R }, ctx('bob', 200, late)));
    expect(claimed.state).toMatchObject({ bondMsat: 110_000, pending: [] }); // Bob is the attacker: into his bond
    expect(claimed.resolved).toEqual([{ htlc: expect.objectContaining({ hashLock: H }), outcome: 'claimed' }]);
    expectCode(step(pending(true), { method: 'timeoutHtlc', hashLock: H }, ctx('alice', 200, late)), 'preimage-registered');
    expectCode(step(pending(true), { method: 'claimHtlc', hashLock: H, preimage: preimageFromSeed('x') }, ctx('bob', 200, late)), 'bad-preimage');
  });

  it('times out as an ordinary one without a registration in time', () => {
    for (const options of [{}, { registeredAt: registered(150) }]) {
      expectCode(step(pending(true), { method: 'claimHtlc', hashLock: H, preimage: R }, ctx('bob', 200, options)), 'htlc-expired');
      expect(expectOk(step(pending(true), { method: 'timeoutHtlc', hashLock: H }, ctx('alice', 200, options))).payouts).toEqual([{ side: 0, amountMsat: 10_000 }]);
    }
    expectCode(step(pending(true), { method: 'timeoutHtlc', hashLock: H }, ctx('alice', 149, { registeredAt: registered(150) })), 'htlc-not-expired');
  });

  it('an ordinary pending HTLC is not claimable past its lock whatever the registry says', () => {
    expectCode(step(pending(false), { method: 'claimHtlc', hashLock: H, preimage: R }, ctx('bob', 200, { registeredAt: registered(130) })), 'htlc-expired');
  });
});

describe('the signed sheet', () => {
  it('keeps the bytes of sheets without shared HTLCs, and signs the flag when there is one', () => {
    const plain = bobsCopy(false).terms;
    const sharedTerms = bobsCopy(true).terms;
    const base = ['alice-bob', 3, [90_000, 100_000], plain.revocationLock, 'blocks', 144] as const;
    expect(commitmentPayload(plain)).toEqual(encodePayload('pcnsim/htlc', [...base, 1, [0, 10_000, H, 150]]));
    expect(commitmentPayload(sharedTerms)).toEqual(encodePayload('pcnsim/htlc-shared', [...base, 1, [0, 10_000, H, 150], [1]]));
    // SHA-256 of these sheets' bytes as the code before shared HTLCs encoded them (commit 9748be8).
    expect(toHex(sha256(commitmentPayload(plain)))).toBe('41c73dfd6a78ee325b32b0d13e99b14f0c055d6cc02c2e0ac0c357f336e3902d');
    expect(toHex(sha256(commitmentPayload(signedCopy(0, 2, pair(90_000, 110_000)).terms)))).toBe('0c5e2de73d4e342af563bb484ee653c4f7d52ab53d4958f4ff422d8c40ac8be8');
  });

  it('refuses a sheet whose shared flag was added or removed after signing', () => {
    const signedPlain = bobsCopy(false);
    const signedShared = bobsCopy(true);
    const swap = (from: SignedCommitment, to: SignedCommitment): SignedCommitment => ({ ...to, defenderSignature: from.defenderSignature });
    expect(verify(signedPlain.defenderSignature, commitmentPayload(signedPlain.terms), keys[0].publicKey)).toBe(true);
    for (const forged of [swap(signedPlain, signedShared), swap(signedShared, signedPlain)]) {
      expect(isHtlc(forged.terms)).toBe(true);
      expectCode(step(running(), { method: 'cashHtlc', commitment: forged }, ctx('bob', 120)), 'bad-signature');
    }
  });
});

describe('a shared HTLC through the off-chain protocol', () => {
  it('is signed into the copies, byte-identical in full and lazy crypto, and honoured by the contract', () => {
    const secrets = (name: string) => ({ funding: keyPairFromSeed(name), revocationSeed: new TextEncoder().encode(`${name}-rev`) });
    const bobsNewest = (mode: 'full' | 'lazy') => {
      const channel = new Channel({ id: 'alice-bob', nodes: ['alice', 'bob'], deposits: pair(100_000, 100_000), freeze: { blocks: 144 }, secrets: [secrets('alice'), secrets('bob')], mode });
      expect(channel.update({ amounts: pair(90_000, 100_000), htlcs: [htlc(0, 10_000, H, 150, true)] }).ok).toBe(true);
      return channel.copy(1, channel.sequence)!;
    };
    const [full, lazy] = [bobsNewest('full'), bobsNewest('lazy')];
    expect(isHtlc(full.terms) && full.terms.htlcs[0]!.shared).toBe(true);
    expect([lazy.terms, lazy.defenderSignature]).toEqual([full.terms, full.defenderSignature]);
    const s = expectOk(step(running(), { method: 'cashHtlc', commitment: full }, ctx('bob', 160, { registeredAt: registered(149) })));
    expect(s.state).toMatchObject({ bondMsat: 110_000, pending: [] });
  });
});

describe('on the chain: R registered in the last block before the lock settles the hop (regression: the forwarder lost)', () => {
  const BLOCK = 600_000;

  /**
   * Alice offered Bob 10 000 msat until height 10 and, Bob being unresponsive, cashes her newest
   * sequence 3 in block 2 (Bob paid his 100 000 at once, the HTLC pending). She hands the chain
   * her refund at once, time-locked to height 10, bidding 500 msat. Carol, downstream, registers
   * R in block 9; Bob sees it and claims, bidding nothing: both land in block 10, the refund
   * first.
   */
  function race(shared: boolean) {
    const engine = new Engine();
    const chain = new Chain(engine, { blockIntervalMs: BLOCK, fixedInterval: true, startHeight: 0, startTimestamp: 1_700_000_000 }, rngStream(1, 'chain'));
    chain.registerContract('alice-bob', virtualBankHost(funding()));
    chain.start();
    const call = (sender: string, args: { method: string }, feeMsat = 0, extra: object = {}) => {
      const r = chain.submit({ kind: args.method, sender, feeMsat: msat(feeMsat), call: { contractId: 'alice-bob', method: args.method, args }, ...extra });
      if (!r.ok) throw r.error;
      return r.value;
    };
    for (const node of ['alice', 'bob']) call(node, { method: 'deposit' }, 0, { inputs: [chain.fund(node, msat(100_000))] });
    engine.run({ until: BLOCK });
    const alicesCopy = signedCopy(0, 3, pair(90_000, 100_000), { htlcs: [htlc(0, 10_000, H, 10, shared)] });
    call('alice', { method: 'cashHtlc', commitment: alicesCopy } as { method: string });
    engine.run({ until: 2 * BLOCK });
    const refund = call('alice', { method: 'timeoutHtlc', hashLock: H } as { method: string }, 500, { lockTime: { height: height(10) } });
    let claim: string | undefined;
    chain.watchPreimage(H, (preimage) => (claim = call('bob', { method: 'claimHtlc', hashLock: H, preimage } as { method: string }).id));
    engine.scheduleAt(8 * BLOCK + 1, () => chain.submit({ kind: 'register-preimage', sender: 'carol', feeMsat: msat(0), call: registerPreimageCall(R) }));
    engine.run({ until: 11 * BLOCK });
    const record = (id: string) => chain.records.txs.find((r) => r.id === id)!;
    return { chain, registeredAt: chain.preimageRegistration(H)?.height as Height | undefined, refund: record(refund.id), claim: record(claim!) };
  }

  it('shared: the refund is refused and Bob is paid in block 10, past the lock', () => {
    const { chain, registeredAt, refund, claim } = race(true);
    expect(registeredAt).toBe(9);
    expect([stampsOf(refund).dropped, stampsOf(claim).confirmedHeight]).toEqual(['contract-rejected', 10]);
    expect(chain.balanceOf('bob')).toBe(100_000 + 10_000);
    chain.recount();
  });

  it('ordinary: the same race refunds Alice and Bob loses the HTLC', () => {
    const { chain, registeredAt, refund, claim } = race(false);
    expect(registeredAt).toBe(9);
    expect([stampsOf(refund).confirmedHeight, stampsOf(claim).dropped]).toEqual([10, 'contract-rejected']);
    expect(chain.balanceOf('bob')).toBe(100_000);
  });
});
