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
  amount().refine((v) => v > 0, { message: 'amount must be positive' });
/** A time (not blocks): a bare number is seconds. → ms */
export const time = () => viaParser<number>((v) => parseTimeMs(v), "A time: a number of seconds, or a string such as '100ms', '10s', '5min', '2h', '1d'");
/** A duration in time or blocks. */
export const duration = () => viaParser<Duration>((v) => parseDuration(v), "A duration in time ('1h', '1d') or blocks ('144 blocks'); a bare number is seconds");
/** A number of blocks: a bare number is blocks. */
export const blockCount = () => viaParser<number>((v) => parseBlocks(v), "A number of blocks: 144 or '144 blocks'");
/** Events per second: `5/s`, `300/min`; a bare number is per second. */
export const rate = () => viaParser<number>((v) => parseRatePerSecond(v), "A rate such as '5/s', '300/min', '2/h'; a bare number is per second");

/** A node name: letters, digits, `-`, `_`, `.`. */
export const nodeName = () =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'expected a node name (letters, digits, -, _ or .)' });

export const positiveInt = () => z.number().int().positive();
export const nonNegativeInt = () => z.number().int().nonnegative();

/** A share of the capacity as a percentage, `'1%'` or `'0.5 %'`, from 0 to 50%. → parts per million */
export const percentPpm = () =>
  z
    .string()
    .describe("A percentage of the capacity such as '1%'")
    .transform((value, ctx): number => {
      const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
      const ppm = match ? Math.round(Number(match[1]) * 10_000) : NaN;
      if (!(ppm >= 0 && ppm <= 500_000)) {
        ctx.addIssue({ code: 'custom', message: `expected a percentage from 0% to 50% such as '1%', got '${value}'`, input: value });
        return z.NEVER;
      }
      return ppm;
    });
