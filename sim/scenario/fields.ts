/**
 * Zod field types for scenario files. Amounts, durations and rates are parsed by the unit
 * parsers in `sim/units.ts`; their errors become zod issues at the field's own path, so the
 * loader reports `channels[1].deposit[0]: amount must not be negative`.
 */
import { z } from 'zod';
import { ScenarioError } from '../errors.js';
import { parseAmount, parseBlocks, parseDuration, parseRatePerSecond, parseTimeMs, type Duration, type Msat } from '../units.js';

function viaParser<T>(parse: (input: unknown) => T, form: string) {
  return z.union([z.number(), z.string()]).describe(form).transform((value, ctx): T => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.detail, input: value, params: { code: error.code } });
      return z.NEVER;
    }
  });
}

/** An amount: a bare number is sat; strings take btc, mbtc, bits, sat, msat. → Msat */
export const amount = () => viaParser<Msat>((v) => parseAmount(v), "An amount: a number of sat, or a string such as '1.003 btc', '2000 sat', '5 mbtc', '100 bits', '5000 msat'");
/** A strictly positive amount. */
export const positiveAmount = () =>
  amount().refine((v) => v > 0, { message: 'expected a positive amount such as \'1 sat\', got 0' });
/** A time (not blocks): a bare number is seconds. → ms */
export const time = () => viaParser<number>((v) => parseTimeMs(v), "A time: a number of seconds, or a string such as '100ms', '10s', '5min', '2h', '1d' (not blocks)");
/** A duration in time or blocks. */
export const duration = () => viaParser<Duration>((v) => parseDuration(v), "A duration in time ('1h', '1d') or blocks ('144 blocks'); a bare number is seconds");
/** A number of blocks: a bare number is blocks. */
export const blockCount = () => viaParser<number>((v) => parseBlocks(v), "A number of blocks: 144 or '144 blocks'");
/** Events per second: `5/s`, `300/min`; a bare number is per second. */
export const rate = () => viaParser<number>((v) => parseRatePerSecond(v), "A rate such as '5/s', '300/min', '2/h'; a bare number is per second");

/**
 * Names JavaScript objects already hold (`constructor`, `toString`, …). pcnsim keys its own records
 * by node without a prototype, but the graph library it routes on does not: such a node would
 * break routing, so the name is refused here.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export const reservedName = (name: string): boolean => RESERVED_NAMES.has(name);

/** A node name: letters, digits, `-`, `_`, `.` (at most 200 characters, not a reserved name). */
export const nodeName = () =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'expected a node name (letters, digits, -, _ or .)' })
    .max(200, { message: 'expected a node name of at most 200 characters' })
    .refine((n) => !reservedName(n), { message: 'is a name JavaScript objects already hold; expected another node name (e.g. add a prefix)' });

/** A path to a file, relative to the scenario file. */
export const filePath = () =>
  z
    .string()
    .min(1, { message: 'expected a file path' })
    .max(4096, { message: 'expected a file path of at most 4096 characters' })
    .refine((p) => !p.includes('\u0000'), { message: 'expected a file path (without NUL characters)' });

/** A payer's fee limit: an amount, or a share of the payment such as '5%'. */
export type FeeLimit = { readonly msat: Msat } | { readonly share: number };

export const feeLimit = () =>
  viaParser<FeeLimit>((v) => {
    const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v) : null;
    if (!m) return { msat: parseAmount(v) };
    const share = Number(m[1]) / 100;
    if (share > 1) throw new ScenarioError('bad-value', `expected a percentage from 0% to 100%, got '${String(v)}'`);
    return { share };
  }, "A fee limit: an amount such as '100 sat', or a share of the payment such as '5%'");

export const positiveInt = () => z.number().int().positive();
export const nonNegativeInt = () => z.number().int().nonnegative();

/** A share of the capacity as a percentage, `'1%'` or `'0.5 %'`, from 0 to 50%. → { ppm } (parts per million) */
export const percentPpm = () =>
  z
    .string()
    .regex(/^\s*\d+(?:\.\d+)?\s*%\s*$/, { message: "expected a percentage such as '1%'" })
    .describe("A percentage of the capacity such as '1%'")
    .transform((value, ctx): { readonly ppm: number } => {
      const ppm = Math.round(Number(value.replace('%', '').trim()) * 10_000);
      if (!(ppm >= 0 && ppm <= 500_000)) {
        ctx.addIssue({ code: 'custom', message: `expected a percentage from 0% to 50%, got '${value.trim()}'`, input: value });
        return z.NEVER;
      }
      return { ppm };
    });
