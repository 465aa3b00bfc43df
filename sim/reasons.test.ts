/** The failure-reason catalogue: README's table is generated from it, and unknown reasons are bugs. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAILURE_REASONS, failureReason, failureReasonsTable, paymentResult } from './reasons.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('failure reasons', () => {
  it("README's table is the catalogue's (npm run docs regenerates it)", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.split('<!-- failure-reasons:start -->')[1]?.split('<!-- failure-reasons:end -->')[0]?.trim();
    expect(table).toBe(failureReasonsTable());
  });

  it('accepts every catalogued reason and refuses any other as a bug', () => {
    for (const code of Object.keys(FAILURE_REASONS)) expect(failureReason(code)).toBe(code);
    expect(() => failureReason('constructor')).toThrow(/does not describe/);
    expect(() => failureReason('made-up')).toThrow(expect.objectContaining({ code: 'unknown-failure-reason' }));
  });
});

describe('payment results', () => {
  it('pair each status with the reasons that go with it, and nothing else', () => {
    expect(paymentResult('succeeded', '')).toEqual({ status: 'succeeded', reason: '' });
    expect(paymentResult('failed', 'no-route')).toEqual({ status: 'failed', reason: 'no-route' });
    expect(paymentResult('stuck', 'stuck')).toEqual({ status: 'stuck', reason: 'stuck' });
    for (const [status, reason] of [['succeeded', 'no-route'], ['failed', ''], ['failed', 'stuck'], ['stuck', 'timeout']] as const) {
      expect(() => paymentResult(status, reason)).toThrow(expect.objectContaining({ code: 'payment-result' }));
    }
  });
});
