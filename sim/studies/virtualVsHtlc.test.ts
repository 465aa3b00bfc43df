/**
 * The virtual-channel study's numbers (README "Perun virtual channels"), derived by hand:
 * - Perun: 30 payments, each one round trip Alice–Carol (2 × 100 ms); the 12 at 2h00..3h50 go
 *   through with Bob offline. Bob locks 100,000 sat (50,000 in each ledger) from 1,800.4 s to
 *   23,400.2 s: 2 × 50,000,000 × 21,599.8 = 2,159,980,000,000 msat·s, over the 28,800 s run an
 *   average of 74,999,305.6 → 74,999,306 msat. Four fundings at 1 sat; no forwarding fee.
 * - HTLC through Bob: the 12 payments of Bob's offline window fail, 18 succeed, each paying Bob
 *   1 sat + 0.1 % of 1,000 sat = 2 sat (36 sat); 6 messages of 100 ms per payment (600 ms).
 */
import { join } from 'node:path';
import { studyTable, virtualStudy } from './virtualVsHtlc.js';

const at = (f: string) => join(process.cwd(), 'scenarios', f);

describe('virtual channel vs HTLC routing through the same intermediary', () => {
  const study = virtualStudy(at('examples/virtual-channel.yaml'), at('studies/virtual-vs-htlc.yaml'));

  it('Perun: every payment goes through, those made while Bob is offline included, at one round trip and no fee', () => {
    expect(study.virtual).toMatchObject({ succeeded: 30, attempted: 30, duringOffline: 12, succeededDuringOffline: 12, latencyMs: 200, intermediaryFeesMsat: 0, onChainFeesMsat: 4000, lockedPeakMsat: 100_000_000, lockedAvgMsat: 74_999_306 });
  });

  it('HTLC: the payments of Bob\'s offline window fail; the others take 600 ms and pay Bob 2 sat each', () => {
    expect(study.htlc).toMatchObject({ succeeded: 18, attempted: 30, duringOffline: 12, succeededDuringOffline: 0, latencyMs: 600, intermediaryFeesMsat: 36_000 });
  });

  it('the table README shows', () => {
    expect(studyTable(study)).toContain('| while Bob is offline | 12 / 12 | 0 / 12 |');
    expect(studyTable(study)).toContain('| locked, time-averaged over the run | 74,999.306 sat | 251.001 sat |');
  });
});
