import fc from 'fast-check';
import { ScenarioError } from './errors.js';
import { MAX_MSAT, formatMsat, parseAmount, parseBlocks, parseDuration, parseRatePerSecond, parseTimeMs } from './units.js';

/** The error's code and path ('ok' when it did not throw); wording is never checked. */
function failure(f: () => unknown): { code: string; path: string } | 'ok' {
  try {
    f();
    return 'ok';
  } catch (error) {
    if (error instanceof ScenarioError) return { code: error.code, path: error.path };
    throw error;
  }
}
const codeOf = (f: () => unknown): string => {
  const r = failure(f);
  return r === 'ok' ? r : r.code;
};

describe('parseAmount', () => {
  it.each([
    ['1.003 btc', 100_300_000_000],
    ['2000 sat', 2_000_000],
    ['5000 msat', 5_000],
    [2000, 2_000_000],
    ['2000', 2_000_000],
    ['5 mbtc', 500_000_000],
    ['0.01 mbtc', 1_000_000],
    ['100 bits', 10_000_000],
    ['1 bit', 100_000],
    ['0.5 sat', 500],
    [0.5, 500],
    ['3 sats', 3_000],
    ['2_000 sat', 2_000_000],
    ['1 BTC', 100_000_000_000],
    [' 7 sat ', 7_000],
    ['0.00000000001 btc', 1],
    ['90000 btc', MAX_MSAT],
    [0, 0],
  ])('%p = %p msat', (input, msat) => {
    expect(parseAmount(input)).toBe(msat);
  });

  it.each([
    ['-5 sat', 'bad-amount'],
    [-5, 'bad-amount'],
    ['-0 sat', 'bad-amount'],
    ['5 dollars', 'bad-amount'],
    ['5 msats', 'bad-amount'],
    ['0.0001 sat', 'bad-amount'],
    [0.0001, 'bad-amount'],
    [1e-21, 'bad-amount'], // not silently 0
    [5e-324, 'bad-amount'],
    [0.1 + 0.2, 'bad-amount'],
    ['sat', 'bad-amount'],
    ['', 'bad-amount'],
    ['1e3 sat', 'bad-amount'],
    ['1.2.3 sat', 'bad-amount'],
    [true, 'bad-amount'],
    [null, 'bad-amount'],
    [undefined, 'bad-amount'],
    [[5], 'bad-amount'],
    [{ sat: 5 }, 'bad-amount'],
    [Number.NaN, 'bad-amount'],
    [Infinity, 'bad-amount'],
    ['90000.00000000001 btc', 'amount-too-large'],
    ['90001 btc', 'amount-too-large'],
    ['99999999999999999999 msat', 'amount-too-large'],
    [1e21, 'amount-too-large'],
    [9e15, 'amount-too-large'], // bare numbers are sat
  ])('rejects %p with %s', (input, code) => {
    expect(codeOf(() => parseAmount(input))).toBe(code);
  });

  it.each(['-1', 'lots', '100000 btc', null])('keeps the field path in its errors (%p)', (input) => {
    expect(failure(() => parseAmount(input, 'channels[0].deposit[1]'))).toMatchObject({ path: 'channels[0].deposit[1]' });
  });

  it('is exact: any whole msat written in sat, btc or msat parses back to itself (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MSAT }), (msat) => {
        const sat = `${Math.floor(msat / 1000)}.${String(msat % 1000).padStart(3, '0')} sat`;
        const btc = `${Math.floor(msat / 1e11)}.${String(msat % 1e11).padStart(11, '0')} btc`;
        return parseAmount(sat) === msat && parseAmount(btc) === msat && parseAmount(`${msat} msat`) === msat;
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['100ms', { kind: 'time', ms: 100 }],
    ['10s', { kind: 'time', ms: 10_000 }],
    ['5min', { kind: 'time', ms: 300_000 }],
    ['2h', { kind: 'time', ms: 7_200_000 }],
    ['1 Hour', { kind: 'time', ms: 3_600_000 }],
    ['1d', { kind: 'time', ms: 86_400_000 }],
    [10, { kind: 'time', ms: 10_000 }],
    ['10', { kind: 'time', ms: 10_000 }],
    [0.25, { kind: 'time', ms: 250 }],
    ['1.5s', { kind: 'time', ms: 1_500 }],
    ['0.3s', { kind: 'time', ms: 300 }],
    ['0.001s', { kind: 'time', ms: 1 }],
    ['36500d', { kind: 'time', ms: 3_153_600_000_000 }],
    ['144 blocks', { kind: 'blocks', blocks: 144 }],
    ['1 block', { kind: 'blocks', blocks: 1 }],
    ['2.0 blocks', { kind: 'blocks', blocks: 2 }],
  ])('%p', (input, expected) => {
    expect(parseDuration(input)).toEqual(expected);
  });

  it.each([
    '-1s',
    '-0s',
    -1,
    '2 fortnights',
    '1.5 blocks',
    '0.5ms',
    '1.0000000001s', // not rounded to 1000 ms
    '0.0000000001s', // not rounded to 0
    0.0001,
    '36501d',
    1e300,
    '10000001 blocks',
    '1e3s',
    '',
    'soon',
    Number.NaN,
    Infinity,
    null,
    {},
    [1],
  ])('rejects %p with bad-duration', (input) => {
    expect(failure(() => parseDuration(input, 'run.until'))).toEqual({ code: 'bad-duration', path: 'run.until' });
  });
});

describe('parseTimeMs', () => {
  it('reads times in ms; a bare number is seconds', () => {
    expect(parseTimeMs('2h')).toBe(7_200_000);
    expect(parseTimeMs('100ms')).toBe(100);
    expect(parseTimeMs(10)).toBe(10_000);
  });

  it.each(['144 blocks', '-1s', 'soon', null])('rejects %p with bad-duration, keeping the path', (input) => {
    expect(failure(() => parseTimeMs(input, '--until'))).toEqual({ code: 'bad-duration', path: '--until' });
  });
});

describe('parseBlocks', () => {
  it.each([
    [144, 144],
    ['144', 144], // a CLI flag or quoted YAML value: still blocks
    ['40 blocks', 40],
    ['1 block', 1],
    [0, 0],
    [10_000_000, 10_000_000],
  ])('%p = %p blocks', (input, n) => {
    expect(parseBlocks(input)).toBe(n);
  });

  it.each(['1h', '10s', -5, '-5 blocks', 1.5, '1.5 blocks', 10_000_001, '10000001', Number.NaN, null, 'many', {}])(
    'rejects %p with bad-blocks, keeping the path',
    (input) => {
      expect(failure(() => parseBlocks(input, 'channels[0].refund'))).toEqual({ code: 'bad-blocks', path: 'channels[0].refund' });
    },
  );
});

describe('parseRatePerSecond', () => {
  it.each([
    ['5/s', 5],
    ['5 / sec', 5],
    ['300/min', 5],
    ['2/h', 2 / 3600],
    ['1/day', 1 / 86_400],
    ['0.5/s', 0.5],
    ['5', 5],
    [5, 5],
    [1_000_000, 1_000_000],
  ])('%p = %p per second', (input, rate) => {
    expect(parseRatePerSecond(input)).toBeCloseTo(rate, 12);
  });

  it.each(['0/s', 0, '-1/s', -1, '5/fortnight', '5/ms', 'fast', Number.NaN, Infinity, '2000000/s', null])('rejects %p with bad-rate, keeping the path', (input) => {
    expect(failure(() => parseRatePerSecond(input, 'traffic.rate'))).toEqual({ code: 'bad-rate', path: 'traffic.rate' });
  });
});

describe('formatMsat', () => {
  it.each([
    [0, '0 sat'],
    [5, '5 msat'],
    [1_500, '1500 msat'],
    [200_000, '200 sat'],
    [1_000_000_000, '0.01 btc'],
    [100_300_000_000, '1.003 btc'],
    [1_000_000_000_000, '10 btc'],
    [MAX_MSAT, '90000 btc'],
    [-100_300_000_000, '-1.003 btc'],
    [-1_000, '-1 sat'],
  ])('%p → %p', (msat, text) => {
    expect(formatMsat(msat)).toBe(text);
  });

  it('parseAmount reads back what formatMsat writes (property)', () => {
    const amounts = fc.oneof(fc.integer({ min: 0, max: MAX_MSAT }), fc.integer({ min: 0, max: 90_000 }).map((btc) => btc * 100_000_000_000), fc.integer({ min: 0, max: 9_000_000 }).map((k) => k * 1_000_000));
    fc.assert(
      fc.property(amounts, (msat) => parseAmount(formatMsat(msat)) === msat),
      { seed: 9, numRuns: 500 },
    );
  });
});
