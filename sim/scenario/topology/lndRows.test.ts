/**
 * The zod-free reader of lnd rows must read exactly what the schema reads, and leave to the
 * schema every row it cannot read unchanged (so that errors keep their one-line messages).
 */
import fc from 'fast-check';
import { edgeSchema } from './lnd.js';
import { plainEdge } from './lndRows.js';

/** The schema's output, with absent and undefined keys alike (readers use `??`). */
const schemaRead = (row: unknown): unknown => {
  const parsed = edgeSchema.safeParse(row);
  return parsed.success ? JSON.parse(JSON.stringify(parsed.data)) : 'rejected';
};
const fastRead = (row: unknown): unknown => {
  const read = plainEdge(row);
  return read === undefined ? undefined : JSON.parse(JSON.stringify(read));
};

const number = fc.oneof(fc.integer({ min: -5, max: 1e6 }), fc.constantFrom(2 ** 53, 2 ** 64, 1.5, -0, 1e21));
const numeric = fc.oneof({ arbitrary: fc.nat().map(String), weight: 8 }, { arbitrary: fc.nat(), weight: 8 }, number, number.map(String), fc.constantFrom(' 7', '', 'x', '18446744073709551615', '-3', '007'), fc.constant(undefined), fc.constant(null));
const policy = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
  fc.record(
    {
      time_lock_delta: numeric,
      min_htlc: numeric,
      fee_base_msat: numeric,
      fee_rate_milli_msat: numeric,
      max_htlc_msat: numeric,
      disabled: fc.constantFrom(true, false, 'true', undefined),
      inbound_fee_base_msat: fc.constantFrom(0, '0', '-1', undefined, null),
      last_update: fc.integer(),
    },
    { requiredKeys: [] },
  ),
);
const nodeId = fc.oneof(fc.constantFrom('02ab', '', 'constructor', '__proto__', 'x'.repeat(201), 7), fc.string({ minLength: 1, maxLength: 66 }));
const edge = fc.record(
  {
    channel_id: fc.oneof(fc.constantFrom('617389517318455296', '12a', 5, -1), fc.nat().map(String)),
    chan_point: fc.string(),
    node1_pub: nodeId,
    node2_pub: nodeId,
    capacity: numeric,
    node1_policy: policy,
    node2_policy: policy,
  },
  { requiredKeys: ['channel_id', 'node1_pub', 'node2_pub'] },
);

describe('plainEdge (lnd rows without zod)', () => {
  it('reads what the schema reads, or leaves the row to the schema', () => {
    let fastReads = 0;
    fc.assert(
      fc.property(fc.oneof(edge, fc.constantFrom(null, [], 'edge', 3)), (row) => {
        const fast = fastRead(row);
        if (fast === undefined) return;
        fastReads++;
        expect(fast).toEqual(schemaRead(row));
      }),
      { numRuns: 5000, seed: 16 },
    );
    expect(fastReads).toBeGreaterThan(50); // the comparison did happen
  });

  it('reads a typical 2019 row itself', () => {
    const row = {
      channel_id: '617389517318455296',
      node1_pub: '02aa',
      node2_pub: '03bb',
      capacity: '1000000',
      node1_policy: { time_lock_delta: 144, min_htlc: '1000', fee_base_msat: '1000', fee_rate_milli_msat: '1', disabled: false },
      node2_policy: null,
    };
    expect(plainEdge(row)).toEqual({
      channel_id: '617389517318455296',
      node1_pub: '02aa',
      node2_pub: '03bb',
      capacity: 1_000_000,
      node1_policy: { time_lock_delta: 144, min_htlc: 1000, fee_base_msat: 1000, fee_rate_milli_msat: 1, disabled: false },
      node2_policy: null,
    });
  });

  it('leaves rows the schema must judge (spaces, negative numbers, reserved names) to the schema', () => {
    const base = { channel_id: '1', node1_pub: 'a', node2_pub: 'b', capacity: '5' };
    expect(plainEdge({ ...base, capacity: ' 5' })).toBeUndefined();
    expect(plainEdge({ ...base, capacity: -5 })).toBeUndefined();
    expect(plainEdge({ ...base, node1_pub: 'constructor' })).toBeUndefined();
    expect(plainEdge({ ...base, node1_policy: { fee_base_msat: '1.5' } })).toBeUndefined();
    expect(plainEdge({ ...base, channel_id: 12 })).toBeUndefined();
  });
});
