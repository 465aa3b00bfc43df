/**
 * Readable numbers for people (console, report.md, report.html): digit grouping, one money unit
 * per column chosen for the column's magnitude, durations as `2d 0h`, plurals, short node names.
 * Machine files (report.json, CSV) keep raw integers; these are only for reading.
 *
 * `groupDigits` and `formatDuration` are also shipped into the HTML page (their source text), so
 * they must stay self-contained: no imports, no outer variables.
 */

/** 47818314514 → "47,818,314,514"; keeps a sign and a decimal part as given. */
export function groupDigits(value: number | string): string {
  const text = typeof value === 'number' ? String(value) : value;
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return m[1] + m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] ?? '');
}

/** A duration in ms as a person reads it: "2d 0h", "3h 20min", "5min 3s", "12.5 s", "250 ms". */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a === 0) return '0';
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  const s = a / 1000;
  if (s < 60) return `${sign}${Number(s.toFixed(s < 10 ? 2 : 1))} s`;
  const total = Math.round(s);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${m}min`;
  return `${sign}${m}min ${total % 60}s`;
}

/** A round duration (a bin width) without its zero parts: "30 s", "2 min", "1 h", "7 d". */
export function binLabel(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']];
  for (const [size, unit] of units) if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
  return formatDuration(ms);
}

/** "1 payment", "2,500 payments"; `plural` for irregular words. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${groupDigits(n)} ${n === 1 ? singular : plural}`;
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.001 ? 3 : 1)}%`;
}

/** A rate per second with 3 significant digits: "4.97/s", "0.0694/s". */
export function perSecond(rate: number): string {
  return `${rate === 0 ? '0' : rate >= 100 ? groupDigits(Math.round(rate)) : Number(rate.toPrecision(3))}/s`;
}

export type MoneyUnit = 'msat' | 'sat' | 'BTC';
const MSAT_PER: Readonly<Record<MoneyUnit, number>> = { msat: 1, sat: 1000, BTC: 100_000_000_000 };

/** The unit for a column of amounts: BTC from 10 BTC up, msat below 1 sat, sat otherwise. */
export function unitFor(valuesMsat: Iterable<number>): MoneyUnit {
  let max = 0;
  for (const v of valuesMsat) max = Math.max(max, Math.abs(v));
  return max >= 10 * MSAT_PER.BTC ? 'BTC' : max > 0 && max < MSAT_PER.sat ? 'msat' : 'sat';
}

/**
 * Amounts of one column in one unit, all with the same number of decimals: exact to the msat in
 * sat (3 decimals only when some value has msat), to the sat in BTC.
 */
export function moneyColumn(valuesMsat: readonly number[], unit: MoneyUnit = unitFor(valuesMsat)): string[] {
  if (unit === 'msat') return valuesMsat.map((v) => groupDigits(v));
  if (unit === 'sat') {
    const decimals = valuesMsat.some((v) => v % 1000 !== 0) ? 3 : 0;
    return valuesMsat.map((v) => groupDigits((v / 1000).toFixed(decimals)));
  }
  return valuesMsat.map((v) => groupDigits((v / MSAT_PER.BTC).toFixed(8)));
}

/** One amount in the unit its magnitude calls for, with the unit: "937,830.622 sat". */
export function money(msat: number, unit: MoneyUnit = unitFor([msat])): string {
  return `${moneyColumn([msat], unit)[0]} ${unit}`;
}

/** An amount in a given unit as a plain number (for charts: one unit per axis). */
export function inUnit(msat: number, unit: MoneyUnit): number {
  return msat / MSAT_PER[unit];
}

/**
 * A node's display name: its alias when the import had one, else the id, shortened when it is
 * a 66-character public key ("02a1b2c3…").
 */
export function displayName(id: string, aliases?: Readonly<Record<string, string>>): string {
  const alias = aliases?.[id];
  if (alias) return alias;
  return id.length > 20 ? `${id.slice(0, 10)}…` : id;
}

/** Natural order of names: n2 before n10. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
