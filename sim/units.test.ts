import fc from 'fast-check';
import { ScenarioError } from './errors.js';
import { MAX_MSAT, formatMsat, parseAmount, parseBlocks, parseDuration, parseRatePerSecond, parseTimeMs } from './units.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (error) {
    if (error instanceof ScenarioError) return error.code;
    throw error;
  }
};

describe('parseAmount', () => {
  it.each([
    ['1.003 btc', 100_300_000_000],
    ['2000 sat', 2_000_000],
    ['5000 msat', 5_000],
    [2000, 2_000_000],
    ['5 mbtc', 500_000_000],
    ['0.01 mbtc', 1_000_000],
    ['100 bits', 10_000_000],
    ['0.5 sat', 500],
    ['2_000 sat', 2_000_000],
    ['1 BTC', 100_000_000_000],
    [0, 0],
  ])('%p = %p msat', (input, msat) => {
    expect(parseAmount(input)).toBe(msat);
  });

  it.each([
    ['-5 sat', 'bad-amount'],
    [-5, 'bad-amount'],
    ['5 dollars', 'bad-amount'],
    ['0.0001 sat', 'bad-amount'],
    ['sat', 'bad-amount'],
    [true, 'bad-amount'],
    [null, 'bad-amount'],
    [Number.NaN, 'bad-amount'],
    ['90001 btc', 'amount-too-large'],
  ])('rejects %p with %s', (input, code) => {
    expect(codeOf(() => parseAmount(input))).toBe(code);
  });

  it('keeps the field path in its errors', () => {
    try {
      parseAmount('-1', 'channels[0].deposit[1]');
    } catch (error) {
      expect((error as ScenarioError).path).toBe('channels[0].deposit[1]');
    }
    expect.assertions(1);
  });

  it('is exact: any whole msat written in sat or btc parses back to itself (property)', () => {
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

describe('durations', () => {
  it.each([
    ['100ms', { kind: 'time', ms: 100 }],
    ['10s', { kind: 'time', ms: 10_000 }],
    ['5min', { kind: 'time', ms: 300_000 }],
    ['2h', { kind: 'time', ms: 7_200_000 }],
    ['1d', { kind: 'time', ms: 86_400_000 }],
    [10, { kind: 'time', ms: 10_000 }],
    ['1.5s', { kind: 'time', ms: 1_500 }],
    ['144 blocks', { kind: 'blocks', blocks: 144 }],
    ['1 block', { kind: 'blocks', blocks: 1 }],
  ])('%p', (input, expected) => {
    expect(parseDuration(input)).toEqual(expected);
  });

  it.each(['-1s', '2 fortnights', '1.5 blocks', '0.5ms', {}, 'soon'])('rejects %p', (input) => {
    expect(codeOf(() => parseDuration(input))).toBe('bad-duration');
  });

  it('parseTimeMs refuses blocks; parseBlocks refuses time and reads bare numbers as blocks', () => {
    expect(parseTimeMs('2h')).toBe(7_200_000);
    expect(codeOf(() => parseTimeMs('144 blocks'))).toBe('bad-duration');
    expect(parseBlocks(144)).toBe(144);
    expect(parseBlocks('40 blocks')).toBe(40);
    expect(codeOf(() => parseBlocks('1h'))).toBe('bad-blocks');
  });
});

describe('parseRatePerSecond', () => {
  it.each([
    ['5/s', 5],
    ['300/min', 5],
    ['2/h', 2 / 3600],
    [5, 5],
  ])('%p = %p per second', (input, rate) => {
    expect(parseRatePerSecond(input)).toBeCloseTo(rate, 12);
  });

  it.each(['0/s', '-1/s', '5/fortnight', 'fast'])('rejects %p', (input) => {
    expect(codeOf(() => parseRatePerSecond(input))).toBe('bad-rate');
  });
});

describe('formatMsat', () => {
  it.each([
    [200_000, '200 sat'],
    [100_300_000_000, '1.003 btc'],
    [5, '5 msat'],
    [1_000_000_000_000, '10 btc'],
    [0, '0 sat'],
  ])('%p → %p', (msat, text) => {
    expect(formatMsat(msat)).toBe(text);
  });
});
