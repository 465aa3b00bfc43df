import fc from 'fast-check';
import { EventQueue, before, type QueueEntry } from './queue.js';

describe('EventQueue', () => {
  it('pops in (time, priority, seq) order for any insertion order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 20 }), priority: fc.integer({ min: 0, max: 3 }) }), { maxLength: 300 }),
        (raw) => {
          const queue = new EventQueue<QueueEntry>();
          raw.forEach((r, seq) => queue.push({ ...r, seq }));
          const popped: QueueEntry[] = [];
          for (let e = queue.pop(); e; e = queue.pop()) popped.push(e);
          expect(popped).toHaveLength(raw.length);
          for (let i = 1; i < popped.length; i++) expect(before(popped[i - 1]!, popped[i]!)).toBe(true);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('is FIFO among equal time and priority', () => {
    const queue = new EventQueue<QueueEntry & { name: string }>();
    ['a', 'b', 'c', 'd'].forEach((name, seq) => queue.push({ time: 5, priority: 1, seq, name }));
    queue.push({ time: 5, priority: 0, seq: 4, name: 'first' });
    const names: string[] = [];
    for (let e = queue.pop(); e; e = queue.pop()) names.push(e.name);
    expect(names).toEqual(['first', 'a', 'b', 'c', 'd']);
  });

  it('returns undefined when empty', () => {
    const queue = new EventQueue<QueueEntry>();
    expect(queue.pop()).toBeUndefined();
    expect(queue.peek()).toBeUndefined();
  });
});
