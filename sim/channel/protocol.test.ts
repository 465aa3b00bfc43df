import { sha256 } from '@noble/hashes/sha2.js';
import { keyPairFromSeed, revocationLock, verify } from '../crypto/index.js';
import { msat, sequence } from '../units.js';
import { revocationPayload } from './commitment.js';
import { Channel, type CryptoMode } from './protocol.js';

const secrets = (name: string) => ({ funding: keyPairFromSeed(name), revocationSeed: sha256(new TextEncoder().encode(`${name}-rev`)) });
const open = (mode: CryptoMode, keepRevoked?: boolean) =>
  new Channel({ id: 'alice-bob', nodes: ['alice', 'bob'], deposits: [msat(100_000), msat(100_000)], freeze: { blocks: 144 }, secrets: [secrets('alice'), secrets('bob')], mode, ...(keepRevoked === undefined ? {} : { keepRevoked }) });

describe.each(['full', 'lazy'] as const)('revoked copies (%s crypto)', (mode) => {
  it('are kept by default: any old sequence can still be broadcast', () => {
    const channel = open(mode);
    channel.pay(0, msat(10_000));
    channel.pay(0, msat(10_000));
    expect(channel.sequence).toBe(3);
    expect(channel.sheet(sequence(1))!.amounts).toEqual([100_000, 100_000]);
    expect(channel.copy(0, sequence(1))!.terms.amounts).toEqual([100_000, 100_000]);
  });

  it('are dropped by honest parties, who still hold the newest copy and every revocation proof', () => {
    const channel = open(mode, false);
    channel.pay(0, msat(10_000));
    channel.pay(0, msat(10_000));
    expect(channel.sheet(sequence(1))).toBeUndefined();
    expect(channel.copy(0, sequence(2))).toBeUndefined();
    expect(channel.copy(1, sequence(3))!.terms.amounts).toEqual([80_000, 120_000]);
    expect(channel.balances).toEqual([80_000, 120_000]);
    // Punishing needs only the secret the cheater revealed, not the old sheet.
    // Bob's proof for each revoked sequence is signed by that sequence's revocation lock of
    // Alice's, and by no other: the penalty contract (penalty.ts) checks exactly this.
    const aliceLock = (n: number) => revocationLock(secrets('alice').revocationSeed, sequence(n)).publicKey;
    for (const n of [1, 2]) {
      const proof = channel.revocationProof(1, sequence(n))!;
      expect(verify(proof, revocationPayload('alice-bob', sequence(n)), aliceLock(n))).toBe(true);
      expect(verify(proof, revocationPayload('alice-bob', sequence(n)), aliceLock(3 - n))).toBe(false);
      expect(verify(proof, revocationPayload('alice-bob', sequence(3 - n)), aliceLock(n))).toBe(false);
    }
    expect(channel.revocationProof(1, sequence(3))).toBeUndefined();
  });
});
