/**
 * An lnd import shares equal forwarding policies (one object per distinct policy): each direction
 * still reads exactly the file's values, and two directions share an object only when equal.
 */
import fc from 'fast-check';
import { fromLndGraph } from './lnd.js';

const policy = fc.record({
  fee_base_msat: fc.constantFrom(0, 1000),
  fee_rate_milli_msat: fc.constantFrom(1, 100),
  time_lock_delta: fc.constantFrom(40, 144),
  min_htlc: fc.constantFrom(1, 1000),
  disabled: fc.boolean(),
});

describe('lnd import: shared policies', () => {
  it('property: every direction reads its own values; the same object exactly when the values are equal', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(policy, policy), { minLength: 1, maxLength: 30 }), (pairs) => {
        const edges = pairs.map(([p1, p2], i) => ({ channel_id: String(i + 1), node1_pub: `a${i}`, node2_pub: `b${i}`, capacity: 100_000, node1_policy: p1, node2_policy: p2 }));
        const graph = fromLndGraph({ edges }, 'g.json');
        const read = graph.channels.flatMap((c) => c.directions.map((d) => d.policy!));
        const written = pairs.flat().map((p) => ({ feeBaseMsat: p.fee_base_msat, feePpm: p.fee_rate_milli_msat, cltvDelta: p.time_lock_delta, minHtlcMsat: p.min_htlc, disabled: p.disabled }));
        expect(read).toEqual(written);
        for (let i = 0; i < read.length; i++) {
          for (let j = 0; j < read.length; j++) expect(read[i] === read[j]).toBe(JSON.stringify(written[i]) === JSON.stringify(written[j]));
        }
      }),
      { numRuns: 100 },
    );
  });
});
