/**
 * Transaction weights from BOLT #3 Appendix A and BOLT #5, and the DEFAULTS.md figures they
 * imply (Flood & Loot: ≈100 kvB to resolve a channel with 483 HTLCs, so ≈10 per block).
 */
import { DEFAULT_TX_WEIGHT } from '../chain/types.js';
import { weightOf, type ChannelTxKind } from './weights.js';

const BLOCK_WU = 4_000_000;

describe('weightOf', () => {
  it('gives each kind its BOLT figure', () => {
    const kinds: ChannelTxKind[] = ['deposit', 'cash-rsmc', 'cash-htlc', 'penalty', 'withdraw', 'cooperative-close', 'htlc-claim', 'htlc-timeout', 'register-preimage'];
    expect(Object.fromEntries(kinds.map((k) => [k, weightOf(k)]))).toEqual({
      deposit: 561,
      'cash-rsmc': 724,
      'cash-htlc': 724,
      penalty: 538,
      withdraw: 538,
      'cooperative-close': 676,
      'htlc-claim': 703,
      'htlc-timeout': 663,
      'register-preimage': 609,
    });
    expect(DEFAULT_TX_WEIGHT).toBe(weightOf('deposit'));
  });

  it('grows a commitment by 172 WU and a penalty by 413 WU per HTLC', () => {
    expect(weightOf('cash-htlc', { htlcs: 3 })).toBe(724 + 3 * 172); // 1240
    expect(weightOf('penalty', { htlcs: 3 })).toBe(538 + 3 * 413); // 1777
    // Only commitments and penalties carry HTLC outputs: a claim is one HTLC whatever the count.
    expect(weightOf('htlc-claim', { htlcs: 5 })).toBe(703);
  });

  it('a justice transaction for to_local alone is ≈135 vB (DEFAULTS.md)', () => {
    expect(weightOf('penalty') / 4).toBe(134.5);
  });

  it('fits 967 HTLCs in one standard (400 000 WU) penalty, not 968, as BOLT #5 computes without the to_remote input', () => {
    expect(weightOf('penalty', { htlcs: 967 })).toBe(399_909);
    expect(weightOf('penalty', { htlcs: 968 })).toBeGreaterThan(400_000);
  });

  it('reproduces the Flood & Loot figures: a 483-HTLC channel needs ≈100 kvB, ≈10 per block; ≈150 per block with 30', () => {
    const resolve = (n: number) => weightOf('cash-htlc', { htlcs: n }) + n * weightOf('htlc-claim');
    expect(resolve(483)).toBe(724 + 483 * 172 + 483 * 703); // 423 349 WU ≈ 105.8 kvB
    expect(Math.floor(BLOCK_WU / resolve(483))).toBe(9);
    expect(resolve(30)).toBe(26_974);
    expect(Math.floor(BLOCK_WU / resolve(30))).toBe(148);
  });

  it('refuses a count that is not a whole number ≥ 0', () => {
    expect(() => weightOf('cash-htlc', { htlcs: -1 })).toThrow(RangeError);
    expect(() => weightOf('penalty', { htlcs: 1.5 })).toThrow(RangeError);
  });
});
