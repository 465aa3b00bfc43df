/**
 * The payment path's lookup structures, against the plain models they replaced (same answers
 * for any sequence of operations):
 * - HtlcTable (one Map per side, keyed by lock) against one Map keyed by `side|lock`, order included;
 * - Preimages (who knows what, by lock) against one book per node.
 */
import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { HtlcTable, type Htlc } from './htlcTable.js';
import { Preimages } from './preimages.js';

const LOCKS = ['l0', 'l1', 'l2', 'l3'];
const NODES = ['alice', 'bob', 'carol', 'dave'];

const htlcOf = (side: 0 | 1, lock: string, amountMsat: number): Htlc => ({
  terms: { offerer: side, expiryHeight: 100, receiverDeadline: 90, shared: false },
  hashLock: lock,
  amountMsat,
  state: { phase: 'locked' },
  rank: 0,
});

const tableOp = fc.record({ op: fc.constantFrom('add' as const, 'remove' as const, 'get' as const), side: fc.constantFrom(0 as const, 1 as const), lock: fc.constantFrom(...LOCKS), amount: fc.nat(1000) });

describe('HtlcTable (property)', () => {
  it('answers get, remove and list as one Map keyed by side and lock, in the order offered', () => {
    fc.assert(
      fc.property(fc.array(tableOp, { maxLength: 40 }), (ops) => {
        const table = new HtlcTable();
        let model: Map<string, Htlc> | undefined;
        for (const { op, side, lock, amount } of ops) {
          const key = `${side}|${lock}`;
          if (op === 'add') {
            const htlc = htlcOf(side, lock, amount);
            table.add(htlc);
            (model ??= new Map()).set(key, htlc);
          } else if (op === 'get') {
            expect(table.get(side, lock)).toBe(model?.get(key));
          } else {
            model?.delete(key);
            const none = !model?.size;
            if (none) model = undefined;
            expect(table.remove(side, lock)).toBe(none);
          }
          expect(table.list()).toEqual(model ? [...model.values()] : []);
        }
      }),
      { numRuns: runs(300) },
    );
  });
});

const knowOp = fc.record({ op: fc.constantFrom('learn' as const, 'forget' as const, 'known' as const), node: fc.constantFrom(...NODES), lock: fc.constantFrom(...LOCKS), others: fc.subarray(NODES) });

describe('Preimages (property)', () => {
  it('knows, learns and forgets as one book per node', () => {
    fc.assert(
      fc.property(fc.array(knowOp, { maxLength: 40 }), (ops) => {
        const preimages = new Preimages();
        const told: [string | undefined, string][] = [];
        preimages.onLearn((node, lock) => told.push([node, lock]));
        const books = new Map<string, Map<string, Uint8Array>>();
        const expectedTold: [string | undefined, string][] = [];
        for (const { op, node, lock, others } of ops) {
          if (op === 'learn') {
            const preimage = new Uint8Array(32).fill(LOCKS.indexOf(lock) + 1);
            let book = books.get(node);
            if (!book) books.set(node, (book = new Map()));
            if (!book.has(lock)) {
              book.set(lock, preimage);
              expectedTold.push([node, lock]);
            }
            preimages.learn(node, preimage, lock);
          } else if (op === 'forget') {
            preimages.forget(lock, others);
            for (const n of others) books.get(n)?.delete(lock);
          } else {
            expect(preimages.known(node, lock)).toBe(books.get(node)?.get(lock));
          }
          expect(told).toEqual(expectedTold);
          expect(preimages.privatelyKnown).toBe([...books.values()].reduce((n, b) => n + b.size, 0));
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
