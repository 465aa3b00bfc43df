import { sha256 } from '@noble/hashes/sha2.js';
import { hashLock, keyPairFromSeed, preimageFromSeed } from '../crypto/index.js';
import { height, msat } from '../units.js';
import { addHtlc, DEFAULT_LIMITS, failHtlc, fulfillHtlc, htlcsOf } from './htlc.js';
import { Channel, type CryptoMode } from './protocol.js';

const secrets = (name: string) => ({ funding: keyPairFromSeed(name), revocationSeed: sha256(new TextEncoder().encode(`${name}-rev`)) });
const open = (mode: CryptoMode = 'full', deposits: [number, number] = [60_000, 140_000]) =>
  new Channel({ id: 'alice-bob', nodes: ['alice', 'bob'], deposits: [msat(deposits[0]), msat(deposits[1])], freeze: { blocks: 144 }, secrets: [secrets('alice'), secrets('bob')], mode });
const R = preimageFromSeed('R');
const H = hashLock(R);

describe('HTLC updates (BRIEF §3, §5 example 2)', () => {
  it.each(['full', 'lazy'] as const)('add then fulfill: [60, 140] → [50, 150], the sequence advances by two (%s)', (mode) => {
    const channel = open(mode);
    expect(addHtlc(channel, 0, msat(10_000), H, height(120))).toEqual({ ok: true, value: 2 });
    expect(channel.balances).toEqual([50_000, 140_000]);
    expect(htlcsOf(channel)).toEqual([{ offerer: 0, amountMsat: 10_000, hashLock: H, timeLock: 120 }]);
    expect(fulfillHtlc(channel, 0, R)).toEqual({ ok: true, value: 3 });
    expect(channel.balances).toEqual([50_000, 150_000]);
    expect(htlcsOf(channel)).toEqual([]);
    expect(channel.isRevoked(2 as never)).toBe(true);
  });

  it('fail returns the amount to the offerer', () => {
    const channel = open();
    addHtlc(channel, 0, msat(10_000), H, height(120));
    expect(failHtlc(channel, 0, H).ok).toBe(true);
    expect(channel.balances).toEqual([60_000, 140_000]);
  });

  it('holds several HTLCs at once, both directions', () => {
    const channel = open();
    for (let i = 0; i < 3; i++) expect(addHtlc(channel, 0, msat(1_000), hashLock(preimageFromSeed(`a${i}`)), height(100)).ok).toBe(true);
    expect(addHtlc(channel, 1, msat(5_000), H, height(100)).ok).toBe(true);
    expect(htlcsOf(channel)).toHaveLength(4);
    expect(channel.balances).toEqual([57_000, 135_000]);
    expect(fulfillHtlc(channel, 0, preimageFromSeed('a1')).ok).toBe(true);
    expect(channel.balances).toEqual([57_000, 136_000]);
  });

  it('rejects beyond maxHtlcs, the in-flight limit and the 1% reserve, leaving the channel untouched', () => {
    const channel = open();
    const limits = { ...DEFAULT_LIMITS, maxHtlcs: 2, maxInFlightMsat: 5_000, reservePpm: 10_000 };
    addHtlc(channel, 0, msat(1_000), hashLock(preimageFromSeed('x')), height(100), limits);
    addHtlc(channel, 0, msat(1_000), hashLock(preimageFromSeed('y')), height(100), limits);
    const before = [channel.sequence, channel.balances];
    expect(addHtlc(channel, 0, msat(1_000), H, height(100), limits)).toMatchObject({ ok: false, error: { code: 'too-many-htlcs' } });
    expect(addHtlc(channel, 1, msat(6_000), H, height(100), limits)).toMatchObject({ ok: false, error: { code: 'in-flight-limit' } });
    // Alice has 58 000 left; the reserve is 1% of 200 000 = 2 000.
    expect(addHtlc(channel, 0, msat(56_001), H, height(100), { ...limits, maxHtlcs: 10, maxInFlightMsat: 1e9 })).toMatchObject({ ok: false, error: { code: 'insufficient-balance' } });
    expect([channel.sequence, channel.balances]).toEqual(before);
  });

  it('a direct payment while an HTLC is in flight keeps the HTLC', () => {
    const channel = open();
    addHtlc(channel, 0, msat(10_000), H, height(120));
    expect(channel.pay(1, msat(5_000)).ok).toBe(true);
    expect(channel.balances).toEqual([55_000, 135_000]);
    expect(htlcsOf(channel)).toHaveLength(1);
    expect(fulfillHtlc(channel, 0, R).ok).toBe(true);
    expect(channel.balances).toEqual([55_000, 145_000]);
  });

  it('rejects a preimage that opens nothing and a duplicate hash lock', () => {
    const channel = open();
    addHtlc(channel, 0, msat(10_000), H, height(120));
    expect(fulfillHtlc(channel, 0, preimageFromSeed('wrong'))).toMatchObject({ ok: false, error: { code: 'unknown-htlc' } });
    expect(addHtlc(channel, 0, msat(10_000), H, height(120))).toMatchObject({ ok: false, error: { code: 'duplicate-htlc' } });
  });
});
