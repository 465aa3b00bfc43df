import { binLabel, count, displayName, formatDuration, groupDigits, money, moneyColumn, naturalCompare, unitFor } from './format.js';

describe('readable numbers', () => {
  it('groups digits', () => {
    expect(groupDigits(47818314514)).toBe('47,818,314,514');
    expect(groupDigits(-1234.5)).toBe('-1,234.5');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits('1000000.125')).toBe('1,000,000.125');
  });

  it('writes durations as a person reads them', () => {
    expect(formatDuration(172_800_000)).toBe('2d 0h');
    expect(formatDuration(34_560_000_000)).toBe('400d 0h');
    expect(formatDuration(12_000_000)).toBe('3h 20min');
    expect(formatDuration(303_000)).toBe('5min 3s');
    expect(formatDuration(12_500)).toBe('12.5 s');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(0)).toBe('0');
    expect(binLabel(600_000)).toBe('10 min');
    expect(binLabel(86_400_000)).toBe('1 d');
  });

  it('chooses one money unit per column for its magnitude', () => {
    // The mixed list: 0.01 btc → 937830622 msat now reads in one unit.
    expect(unitFor([1_000_000_000, 937_830_622])).toBe('sat');
    expect(moneyColumn([1_000_000_000, 937_830_622])).toEqual(['1,000,000.000', '937,830.622']);
    expect(unitFor([5_000_000_000_000])).toBe('BTC');
    expect(moneyColumn([5_000_000_000_000, 1_000], 'BTC')).toEqual(['50.00000000', '0.00000001']);
    expect(unitFor([500])).toBe('msat');
    expect(money(300_000_000)).toBe('300,000 sat');
  });

  it('pluralises and shortens public keys', () => {
    expect(count(1, 'block')).toBe('1 block');
    expect(count(2500, 'payment')).toBe('2,500 payments');
    expect(displayName('02' + 'ab'.repeat(32))).toBe('02abababab…');
    expect(displayName('02' + 'ab'.repeat(32), { ['02' + 'ab'.repeat(32)]: 'ACINQ' })).toBe('ACINQ');
    expect(['n10', 'n2', 'n1'].sort(naturalCompare)).toEqual(['n1', 'n2', 'n10']);
  });
});
