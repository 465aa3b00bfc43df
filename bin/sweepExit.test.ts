/** A sweep's exit code from its failed runs: 2 when all met bad input, 1 when any broke an invariant; one line. */
import type { RunRow } from '../sim/sweep/index.js';
import { sweepExitCode } from './sweep.js';

const row = (id: string, cause?: 'input' | 'invariant'): RunRow => ({ id, point: 0, values: [], seed: 1, metrics: [], ...(cause ? { error: `${id} went wrong`, cause } : {}) });

describe('sweepExitCode', () => {
  it('is 0 without failures, 2 when every failure is bad input, 1 when any broke an invariant, always in one line', () => {
    const lines: string[] = [];
    const err = (l: string): number => lines.push(l);
    expect(sweepExitCode([], err)).toBe(0);
    expect(lines).toEqual([]);
    expect(sweepExitCode([row('a', 'input'), row('b', 'input')], err)).toBe(2);
    expect(lines).toEqual(["pcnsim: run a (point 0, seed 1) failed: a went wrong (and 1 other runs; runs.csv's error column lists them)"]);
    lines.length = 0;
    expect(sweepExitCode([row('a', 'input'), row('b', 'invariant')], err)).toBe(1);
    expect(lines).toEqual(["pcnsim: invariant broken in run b (point 0, seed 1) failed: b went wrong (and 1 other runs; runs.csv's error column lists them)"]);
    lines.length = 0;
    // A row from an older worker without a cause is not known to be bad input: treated as a bug.
    expect(sweepExitCode([{ ...row('c'), error: 'c went wrong' }], err)).toBe(1);
    expect(lines).toHaveLength(1);
  });
});
