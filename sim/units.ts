/**
 * Units, branded so that a height cannot be passed where a block count is due (STYLE §9).
 * Money is an integer number of millisatoshi; simulated time is an integer number of
 * milliseconds (plain numbers, as the engine's clock); time locks are in blocks or in
 * block-timestamp seconds. Node and channel ids are plain strings from the scenario.
 *
 * The parsers are the only way user input becomes one of these types: they check once and
 * return the checked value, or throw a ScenarioError that names what was expected.
 */
import { ScenarioError } from './errors.js';

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Integer millisatoshi. */
export type Msat = Brand<number, 'Msat'>;
/** A block height. */
export type Height = Brand<number, 'Height'>;
/** A number of blocks (a relative lock, a freeze, a cltv delta). */
export type Blocks = Brand<number, 'Blocks'>;
/** Seconds of block-timestamp time (Bitcoin's nLockTime in seconds). */
export type UnixSeconds = Brand<number, 'UnixSeconds'>;
/** A commitment's sequence number: 1, 2, 3 … (BRIEF §3). */
export type Sequence = Brand<number, 'Sequence'>;
export type TxId = Brand<string, 'TxId'>;

export const MSAT_PER_SAT = 1_000;
export const MSAT_PER_BTC = 100_000_000_000;
/**
 * The largest amount pcnsim accepts: 90,000 BTC. Money is a JS number for speed; integers are
 * exact up to 2^53 ≈ 9.007e15 msat, so the loader rejects anything bigger (STYLE §9).
 */
export const MAX_MSAT = 90_000 * MSAT_PER_BTC;

export const msat = (n: number): Msat => n as Msat;
export const sat = (n: number): Msat => (n * MSAT_PER_SAT) as Msat;
export const height = (n: number): Height => n as Height;
export const sequence = (n: number): Sequence => n as Sequence;

/** Satoshi per unit name, as a power of ten of msat (exact decimal scaling, no floats). */
const AMOUNT_UNITS: Readonly<Record<string, number>> = {
  btc: 11,
  mbtc: 8,
  bits: 5,
  bit: 5,
  sat: 3,
  sats: 3,
  msat: 0,
};

const AMOUNT_FORM = "an amount such as 2000 (sat), '2000 sat', '1.003 btc', '5 mbtc', '100 bits' or '5000 msat'";

/** Parses an amount: a bare number means satoshi; strings carry btc, mbtc, bits, sat or msat. */
export function parseAmount(input: unknown, path = ''): Msat {
  let digits: string;
  let unit = 'sat';
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new ScenarioError('bad-amount', `expected ${AMOUNT_FORM}, got ${input}`, path);
    digits = plainDecimal(input);
  } else if (typeof input === 'string') {
    const m = /^\s*(-?[\d_]*\.?[\d_]*)\s*([a-zA-Z]*)\s*$/.exec(input);
    if (!m || !/\d/.test(m[1]!)) throw new ScenarioError('bad-amount', `expected ${AMOUNT_FORM}, got '${input}'`, path);
    digits = m[1]!.replace(/_/g, '');
    if (m[2]) unit = m[2].toLowerCase();
  } else {
    throw new ScenarioError('bad-amount', `expected ${AMOUNT_FORM}, got ${describe(input)}`, path);
  }
  const exponent = AMOUNT_UNITS[unit];
  if (exponent === undefined) {
    throw new ScenarioError('bad-amount', `unknown amount unit '${unit}': expected btc, mbtc, bits, sat or msat`, path);
  }
  if (digits.startsWith('-')) throw new ScenarioError('bad-amount', `expected an amount ≥ 0 such as '2000 sat', got ${show(input)}`, path);
  const value = scaleDecimal(digits, 10 ** exponent);
  if (value === null) {
    throw new ScenarioError('bad-amount', `expected a whole number of msat, got ${show(input)}`, path);
  }
  if (value > MAX_MSAT) {
    throw new ScenarioError('amount-too-large', `expected at most 90000 btc (the safe limit), got ${show(input)}`, path);
  }
  return value as Msat;
}

/** A duration either in simulated time or in blocks; which one is meaningful is up to the field. */
export type Duration = { readonly kind: 'time'; readonly ms: number } | { readonly kind: 'blocks'; readonly blocks: Blocks };

const TIME_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  sec: 1_000,
  secs: 1_000,
  second: 1_000,
  seconds: 1_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

const DURATION_FORM = "a duration such as 10 (seconds), '100ms', '10s', '5min', '2h', '1d' or '144 blocks'";
/** Longest accepted duration: 100 years, far beyond any sensible run, far below float trouble. */
const MAX_DURATION_MS = 100 * 365 * 86_400_000;
const MAX_BLOCKS = 10_000_000;

/**
 * Parses a duration: a bare number means seconds; strings take ms, s, min, h, d or blocks.
 * Exact: the decimal is scaled as a string, so '1.0000000001s' is refused rather than rounded.
 */
export function parseDuration(input: unknown, path = ''): Duration {
  let digits: string;
  let unit = 's';
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new ScenarioError('bad-duration', `expected ${DURATION_FORM}, got ${input}`, path);
    digits = plainDecimal(input);
  } else if (typeof input === 'string') {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(input);
    if (!m) throw new ScenarioError('bad-duration', `expected ${DURATION_FORM}, got '${input}'`, path);
    digits = m[1]!;
    if (m[2]) unit = m[2].toLowerCase();
  } else {
    throw new ScenarioError('bad-duration', `expected ${DURATION_FORM}, got ${describe(input)}`, path);
  }
  if (digits.startsWith('-')) throw new ScenarioError('bad-duration', `expected a duration ≥ 0 such as '10s', got ${show(input)}`, path);
  if (unit === 'block' || unit === 'blocks') {
    const count = scaleDecimal(digits, 1);
    if (count === null) throw new ScenarioError('bad-duration', `expected a whole number of blocks, got ${show(input)}`, path);
    if (count > MAX_BLOCKS) throw new ScenarioError('bad-duration', `expected at most ${MAX_BLOCKS} blocks, got ${show(input)}`, path);
    return { kind: 'blocks', blocks: count as Blocks };
  }
  const factor = TIME_UNITS[unit];
  if (factor === undefined) {
    throw new ScenarioError('bad-duration', `unknown time unit '${unit}': expected ms, s, min, h, d or blocks`, path);
  }
  const ms = scaleDecimal(digits, factor);
  if (ms === null) throw new ScenarioError('bad-duration', `expected a whole number of milliseconds, got ${show(input)}`, path);
  if (ms > MAX_DURATION_MS) throw new ScenarioError('bad-duration', `expected at most 100 years, got ${show(input)}`, path);
  return { kind: 'time', ms };
}

/** A duration that must be simulated time (not blocks), in milliseconds. */
export function parseTimeMs(input: unknown, path = ''): number {
  let d: Duration;
  try {
    d = parseDuration(input, path);
  } catch (error) {
    // The same message, but without offering blocks where they are not taken.
    if (error instanceof ScenarioError && error.detail.includes(DURATION_FORM)) throw new ScenarioError(error.code, error.detail.replace(DURATION_FORM, TIME_FORM), path);
    throw error;
  }
  if (d.kind === 'blocks') throw new ScenarioError('bad-duration', `expected ${TIME_FORM} (block times vary, so blocks are not taken here), got ${show(input)}`, path);
  return d.ms;
}

const TIME_FORM = "a time such as 10 (seconds), '100ms', '10s', '5min', '2h' or '1d'";

const BLOCKS_FORM = "a number of blocks such as 144 or '144 blocks'";

/**
 * A duration that must be a number of blocks; a bare number, or a string of digits alone (a CLI
 * flag, a quoted YAML value), means blocks here. Every failure is 'bad-blocks'.
 */
export function parseBlocks(input: unknown, path = ''): Blocks {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new ScenarioError('bad-blocks', `expected ${BLOCKS_FORM}, got ${input}`, path);
    text = plainDecimal(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    throw new ScenarioError('bad-blocks', `expected ${BLOCKS_FORM}, got ${describe(input)}`, path);
  }
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:blocks?)?\s*$/i.exec(text);
  if (!m) throw new ScenarioError('bad-blocks', `expected ${BLOCKS_FORM}, got ${show(input)}`, path);
  if (m[1]!.startsWith('-')) throw new ScenarioError('bad-blocks', `expected a number of blocks ≥ 0, got ${show(input)}`, path);
  const count = scaleDecimal(m[1]!, 1);
  if (count === null) throw new ScenarioError('bad-blocks', `expected a whole number of blocks, got ${show(input)}`, path);
  if (count > MAX_BLOCKS) throw new ScenarioError('bad-blocks', `expected at most ${MAX_BLOCKS} blocks, got ${show(input)}`, path);
  return count as Blocks;
}

const RATE_UNITS: Readonly<Record<string, number>> = { s: 1, sec: 1, min: 60, h: 3_600, hour: 3_600, d: 86_400, day: 86_400 };
const RATE_FORM = "a rate such as 5 (per second), '5/s', '300/min' or '2/h'";

/** Parses an event rate into events per second: `5/s`, `300/min`, `2/h`; a bare number is per second. */
export function parseRatePerSecond(input: unknown, path = ''): number {
  let count: number;
  let per = 's';
  if (typeof input === 'number') {
    count = input;
  } else if (typeof input === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*([a-zA-Z]+))?\s*$/.exec(input);
    if (!m) throw new ScenarioError('bad-rate', `expected ${RATE_FORM}, got '${input}'`, path);
    count = Number(m[1]);
    if (m[2]) per = m[2].toLowerCase();
  } else {
    throw new ScenarioError('bad-rate', `expected ${RATE_FORM}, got ${describe(input)}`, path);
  }
  const seconds = RATE_UNITS[per];
  if (seconds === undefined) throw new ScenarioError('bad-rate', `unknown rate unit '/${per}': expected /s, /min, /h or /d`, path);
  if (!Number.isFinite(count) || count <= 0) throw new ScenarioError('bad-rate', `expected a positive rate such as '5/s', got ${show(input)}`, path);
  const rate = count / seconds;
  if (rate > 1_000_000) throw new ScenarioError('bad-rate', `expected at most 1000000/s, got ${show(input)}`, path);
  return rate;
}

/** Formats msat as the shortest readable string: `1.003 btc`, `200 sat`, `5 msat`. */
export function formatMsat(amount: number): string {
  if (amount !== 0 && amount % MSAT_PER_BTC === 0) return `${amount / MSAT_PER_BTC} btc`;
  if (Math.abs(amount) >= MSAT_PER_BTC / 100 && amount % (MSAT_PER_BTC / 100_000) === 0) {
    return `${fixed(amount, 11)} btc`;
  }
  if (amount % MSAT_PER_SAT === 0) return `${amount / MSAT_PER_SAT} sat`;
  return `${amount} msat`;
}

function fixed(amount: number, decimals: number): string {
  const s = Math.abs(amount).toString().padStart(decimals + 1, '0');
  const whole = s.slice(0, s.length - decimals);
  const frac = s.slice(s.length - decimals).replace(/0+$/, '');
  return (amount < 0 ? '-' : '') + whole + (frac ? `.${frac}` : '');
}

/**
 * `digits` (a plain non-negative decimal such as '1.003') × `factor` as an integer, or null when
 * it is not whole. Exact: BigInt arithmetic on the digits. A result beyond 2^53 comes back
 * approximate, which is only ever compared with a limit far below it.
 */
function scaleDecimal(digits: string, factor: number): number | null {
  const [whole = '', frac = ''] = digits.split('.');
  const fracTrimmed = frac.replace(/0+$/, '');
  const scaled = BigInt((whole || '0') + fracTrimmed) * BigInt(factor);
  const unit = 10n ** BigInt(fracTrimmed.length);
  return scaled % unit === 0n ? Number(scaled / unit) : null;
}

/**
 * A finite JS number as a plain decimal string, exactly as JS prints it but without an exponent:
 * 1e21 → '1000000000000000000000', 5e-324 → '0.000…05' (so tiny values are not read as 0).
 */
function plainDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function show(input: unknown): string {
  return typeof input === 'string' ? `'${input}'` : String(input);
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : `${typeof input} ${String(input)}`;
}
