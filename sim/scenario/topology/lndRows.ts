/**
 * The common lnd describegraph row, read without zod: a real snapshot has 30,000+ edges and
 * validating each through the schema cost about 0.3 CPU-s of a 3-second setup. A row is taken
 * here only when every field already has the plain form the schema would accept unchanged
 * (decimal-string or safe-integer numbers, short node ids, booleans); anything else returns
 * undefined and goes through the schema (lnd.ts), which accepts it or names what is wrong.
 */
import { reservedName } from '../fields.js';

export interface LndPolicyRow {
  readonly time_lock_delta?: number;
  readonly min_htlc?: number;
  readonly fee_base_msat?: number;
  readonly fee_rate_milli_msat?: number;
  readonly disabled?: boolean;
  readonly max_htlc_msat?: number;
  readonly inbound_fee_base_msat?: number | string;
  readonly inbound_fee_rate_milli_msat?: number | string;
}

export interface LndEdgeRow {
  readonly channel_id: string;
  readonly node1_pub: string;
  readonly node2_pub: string;
  readonly capacity: number;
  readonly node1_policy?: LndPolicyRow | null;
  readonly node2_policy?: LndPolicyRow | null;
}

/** Fails the fast path (the schema decides). */
const OTHER = Symbol('other');

export function plainEdge(row: unknown): LndEdgeRow | undefined {
  if (!isRecord(row)) return undefined;
  const { channel_id, node1_pub, node2_pub } = row;
  if (typeof channel_id !== 'string' || !DIGITS.test(channel_id) || !isNodeId(node1_pub) || !isNodeId(node2_pub)) return undefined;
  const capacity = wholeOf(row.capacity);
  const node1_policy = policyOf(row.node1_policy);
  const node2_policy = policyOf(row.node2_policy);
  if (capacity === undefined || node1_policy === OTHER || node2_policy === OTHER) return undefined;
  return { channel_id, node1_pub, node2_pub, capacity, node1_policy, node2_policy };
}

function policyOf(p: unknown): LndPolicyRow | null | undefined | typeof OTHER {
  if (p === null || p === undefined) return p;
  if (!isRecord(p)) return OTHER;
  const wholes = [p.time_lock_delta, p.min_htlc, p.fee_base_msat, p.fee_rate_milli_msat, p.max_htlc_msat].map(optionalWhole);
  if (wholes.includes(OTHER)) return OTHER;
  if (p.disabled !== undefined && typeof p.disabled !== 'boolean') return OTHER;
  if (!isNumberOrString(p.inbound_fee_base_msat) || !isNumberOrString(p.inbound_fee_rate_milli_msat)) return OTHER;
  const [time_lock_delta, min_htlc, fee_base_msat, fee_rate_milli_msat, max_htlc_msat] = wholes as (number | undefined)[];
  return {
    time_lock_delta,
    min_htlc,
    fee_base_msat,
    fee_rate_milli_msat,
    disabled: p.disabled as boolean | undefined,
    max_htlc_msat,
    inbound_fee_base_msat: p.inbound_fee_base_msat as number | string | undefined,
    inbound_fee_rate_milli_msat: p.inbound_fee_rate_milli_msat as number | string | undefined,
  };
}

const DIGITS = /^\d+$/;

/** rows.ts `whole` on its plain inputs: digits (clamped at 2^53 − 1, as there) or a safe non-negative integer. */
function wholeOf(v: unknown): number | undefined {
  if (typeof v === 'string') return DIGITS.test(v) ? Math.min(Number(v), Number.MAX_SAFE_INTEGER) : undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

function optionalWhole(v: unknown): number | undefined | typeof OTHER {
  return v === undefined ? undefined : wholeOf(v) ?? OTHER;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNodeId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 200 && !reservedName(v);
const isNumberOrString = (v: unknown): boolean => v === undefined || typeof v === 'number' || typeof v === 'string';
