/**
 * The probing game against its closed form: the binary search alone (prober.ts) on every secret
 * balance, then whole runs of the bundled file, where the probes are real payments refused by
 * Alice or failed by Bob.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterProbe, nextProbe, probesNeeded, type ProbeSearch } from '../agents/prober.js';
import { runs } from '../testing/runs.js';
import { gameParams, play, readGameDoc } from './play.js';
import { probedInterval, probesOf, probing, probingStory } from './probing.js';
import type { Params } from './game.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CAPACITY_MSAT = 1_000_000_000;

function playWith(set: Params) {
  const doc = readGameDoc(root, probing);
  return play(root, probing, doc, gameParams(probing, doc, set), 1);
}

/** The search against an oracle that knows the largest sendable amount m. */
function search(capacityMsat: number, precisionMsat: number, m: number): ProbeSearch {
  let s: ProbeSearch = { lowMsat: 0, highMsat: capacityMsat, probes: 0 };
  for (let a = nextProbe(s, precisionMsat); a !== undefined; a = nextProbe(s, precisionMsat)) s = afterProbe(s, a, a <= m);
  return s;
}

describe('the binary search', () => {
  it('⌈log2(capacity / precision)⌉ by hand', () => {
    expect(probesNeeded(CAPACITY_MSAT, 1_000_000)).toBe(10); // 2^10 = 1024 ≥ 1000 > 512
    expect(probesNeeded(CAPACITY_MSAT, 1000)).toBe(20);
    expect(probesNeeded(CAPACITY_MSAT, 100_000_000)).toBe(4); // 10 → 16
    expect(probesNeeded(1024, 1)).toBe(10);
    expect(probesNeeded(1000, 1000)).toBe(0);
  });

  it('brings [0, capacity) within the precision around m in exactly the closed form, for 1,000,000 sat and any whole-sat precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: CAPACITY_MSAT - 1 }), fc.integer({ min: 1, max: 1_000_000 }), (m, precisionSat) => {
        const s = search(CAPACITY_MSAT, precisionSat * 1000, m);
        expect(s.probes).toBe(probesNeeded(CAPACITY_MSAT, precisionSat * 1000));
        expect(s.lowMsat <= m && m < s.highMsat).toBe(true);
        expect(s.highMsat - s.lowMsat).toBeLessThanOrEqual(precisionSat * 1000);
      }),
      { numRuns: runs(500), seed: 19 },
    );
  });

  it('can need one probe fewer when capacity / 2^k falls between precision and precision + 1 msat', () => {
    // 7 / 2 = 3.5 lies in (3, 4): the search [0, 7) → probe 3; m = 2 leaves [0, 3), width 3 ≤ 3: one probe, not ⌈log2(7/3)⌉ = 2.
    expect(search(7, 3, 2).probes).toBe(1);
    expect(probesNeeded(7, 3)).toBe(2);
  });
});

describe('probing, played', () => {
  it.each([
    [1000, 700_000],
    [1, 700_000],
    [100_000, 20_000],
    [4096, 999_999],
  ])('precision %i sat, Alice holds %i sat: the closed form number of failed probes, and the interval holds her balance less her reserve', (precision, balance) => {
    const run = playWith({ precision, balance });
    const probes = probesOf(run);
    expect(probes).toHaveLength(probing.outcome.predict!({ precision, balance }));
    expect(probes.every((p) => p.status === 'failed' && (p.reason === 'unknown-payment' || p.reason === 'insufficient-balance'))).toBe(true);
    const { lowMsat, highMsat } = probedInterval(run);
    const sendable = (balance - 10_000) * 1000; // 1% of the capacity stays with Alice
    expect(lowMsat <= sendable && sendable < highMsat).toBe(true);
    expect(highMsat - lowMsat).toBeLessThanOrEqual(precision * 1000);
    // Nobody paid anything: every balance ends where it started.
    for (const node of ['mallory', 'alice', 'bob']) expect(run.balances[node]!.endMsat).toBe(run.balances[node]!.startMsat);
  });

  it('narrates each probe: who failed it and what Mallory knows after it', () => {
    const story = probingStory(playWith({ precision: 1000, balance: 700_000 }));
    expect(story[1]).toBe('  probe 1 at 3600.0 s: 500,000 sat — Bob failed it: unknown payment, so it fits; Alice can send [500,000, 1,000,000) sat');
    expect(story[2]).toBe('  probe 2 at 3600.8 s: 750,000 sat — Alice refused it: temporary channel failure, it does not fit; Alice can send [500,000, 750,000) sat');
    expect(story.at(-1)).toBe('  after 10 probes the interval is 976.562 sat wide.');
  });
});
