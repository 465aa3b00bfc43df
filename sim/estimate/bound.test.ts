import { BRIEF_INPUTS, estimate, explain } from './bound.js';

describe('the concurrency estimate (BRIEF §6)', () => {
  it('reproduces 3,952,800 channels and 658,800 concurrent payments from the BRIEF inputs', () => {
    const e = estimate(BRIEF_INPUTS);
    expect(e.channels).toBe(3_952_800);
    expect(e.concurrentPayments).toBe(658_800);
    expect(explain(e)).toContain('3,952,800');
    expect(explain(e)).toContain('658,800');
  });

  it('prints the throughput it used exactly, and the figures at BRIEF\'s rounded 3.33 beside them', () => {
    const text = explain(estimate(BRIEF_INPUTS), '10/3');
    expect(text).toContain(`10/3 = ${10 / 3} transactions/s`);
    // 3.33 × 86,400 / 4 × 54.9 = 3,948,847.2 channels; / 6 = 658,141 payments.
    expect(text).toContain('with 3.33 transactions/s instead (the rounded figure): 3,948,847 channels, 658,141 concurrent payments');
    expect(explain(estimate({ ...BRIEF_INPUTS, tps: 3.33 }), '3.33')).not.toContain('instead');
  });

  it('scales linearly with throughput and lifetime, inversely with transactions per channel', () => {
    const base = estimate(BRIEF_INPUTS).channels;
    expect(estimate({ ...BRIEF_INPUTS, tps: 20 / 3 }).channels).toBe(2 * base);
    expect(estimate({ ...BRIEF_INPUTS, lifetimeDays: 109.8 }).channels).toBe(2 * base);
    expect(estimate({ ...BRIEF_INPUTS, txsPerChannel: 2 }).channels).toBe(2 * base);
    expect(estimate({ ...BRIEF_INPUTS, tps: 7, lifetimeDays: 1, txsPerChannel: 4, pathLength: 3 })).toMatchObject({ channels: 151_200, concurrentPayments: 50_400 });
  });
});
