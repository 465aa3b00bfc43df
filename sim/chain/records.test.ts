/**
 * The chain's report rows: the same fields in the same order whichever way a row is built (a
 * literal for the common row, field by field for the others), stamped step by step, and final
 * once confirmed or dropped.
 */
import { InvariantError } from '../errors.js';
import { msat, type Msat, type TxId } from '../units.js';
import { ChainRecords } from './records.js';
import type { Tx } from './types.js';

const txOf = (id: string, extra: { sender?: string; contractFeeMsat?: number } = {}): Tx => ({
  id: id as TxId,
  kind: 'deposit',
  sender: extra.sender,
  inputs: [],
  outputs: [],
  feeMsat: msat(5),
  contractFeeMsat: (extra.contractFeeMsat ?? 0) as Msat,
  weight: 400,
  lockTime: undefined,
  call: undefined,
  data: undefined,
  submittedAt: 7,
});

const block = (height: number, time: number) => ({ height, time, timestamp: time / 1000, txIds: [], weight: 0, censoring: false }) as never;

describe('ChainRecords', () => {
  it('every kind of row keeps its fields in the order reports print them', () => {
    const r = new ChainRecords();
    const rows = [txOf('a', { sender: 'alice' }), txOf('b'), txOf('c', { sender: 'bob', contractFeeMsat: 3 }), txOf('d', { contractFeeMsat: 2 })];
    for (const tx of rows) {
      r.submitted(tx);
      r.valid(tx, 9);
    }
    r.mined(block(1, 600), rows.slice(0, 3), [[rows[3]!, 'conflict']], 0);
    expect(JSON.stringify(r.txs)).toBe(
      JSON.stringify([
        { id: 'a', kind: 'deposit', feeMsat: 5, weight: 400, submittedAt: 7, sender: 'alice', status: 'confirmed', validAt: 9, confirmedHeight: 1, confirmedAt: 600 },
        { id: 'b', kind: 'deposit', feeMsat: 5, weight: 400, submittedAt: 7, status: 'confirmed', validAt: 9, confirmedHeight: 1, confirmedAt: 600 },
        { id: 'c', kind: 'deposit', feeMsat: 8, contractFeeMsat: 3, weight: 400, submittedAt: 7, sender: 'bob', status: 'confirmed', validAt: 9, confirmedHeight: 1, confirmedAt: 600 },
        { id: 'd', kind: 'deposit', feeMsat: 7, contractFeeMsat: 2, weight: 400, submittedAt: 7, status: 'dropped', validAt: 9, dropped: 'conflict', droppedAt: 600 },
      ]),
    );
  });

  it('a confirmed or dropped row is final: confirming it again is an invariant error', () => {
    const r = new ChainRecords();
    const [a, b] = [txOf('a', { sender: 'alice' }), txOf('b')];
    for (const tx of [a, b]) {
      r.submitted(tx);
      r.valid(tx, 1);
    }
    r.mined(block(1, 600), [a], [[b, 'conflict']], 0);
    expect(() => r.mined(block(2, 1200), [a], [], 0)).toThrow(InvariantError);
    expect(() => r.mined(block(2, 1200), [b], [], 0)).toThrow(InvariantError);
    expect(() => r.valid(a, 2)).toThrow(InvariantError);
    expect(r.txs.map((row) => row.status)).toEqual(['confirmed', 'dropped']);
  });
});

