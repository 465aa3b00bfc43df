/**
 * One routed payment (BRIEF §4) as a pure state machine, from the payer's first route search to
 * the truth of how it ended. A payment is `succeeded` only when its payee has been paid (its
 * incoming HTLC fulfilled off-chain or claimed on chain); whether the payer learned R is recorded
 * beside it, since the two can differ when a hop goes silent.
 *
 *   routing ──no route / no attempts left──────────────────────────────────────────► failed
 *      │ route found                                                                   ▲
 *      ▼          payer's HTLC failed back off-chain, attempts left                     │
 *   inFlight ─────────────────────────────────────────────► routing                    │
 *      │ ├── payer's HTLC failed back (no retry) or refunded on chain ─────────────────┤
 *      │ ├── payee paid ──────► paid ── payer's HTLC resolved (R back, or not) ──► succeeded
 *      │ └── payer learns R ──► revealed ── payee paid ──────────────────────────► succeeded
 *      │                           └── payee's HTLC refunded ───────────────────────► failed
 *   routing │ inFlight │ paid │ revealed ── run ends ──► stuck (paid: succeeded, payer unaware)
 *
 * Each outcome is recorded once, by the `record` action.
 */
import type { HopOutcome } from './hop.js';

export type PaymentState =
  | { readonly phase: 'routing'; readonly attempts: number; readonly reason: string }
  /** HTLCs of attempt `attempts` are on their way; `reason` is what a refusing hop reported. */
  | { readonly phase: 'inFlight'; readonly attempts: number; readonly reason: string; readonly retry: boolean }
  /** The payee has been paid; the payer's own HTLC is not resolved yet. */
  | { readonly phase: 'paid'; readonly attempts: number }
  /** The payer learned R; the payee's HTLC is not resolved yet (it must still claim). */
  | { readonly phase: 'revealed'; readonly attempts: number }
  | { readonly phase: 'succeeded'; readonly payerKnowsR: boolean }
  | { readonly phase: 'failed'; readonly reason: string; readonly payerKnowsR: boolean }
  | { readonly phase: 'stuck' };

export type PaymentEvent =
  | { readonly type: 'routed'; readonly found: boolean }
  /** A hop refused or failed the HTLC; the failure travels back. `retry`: another route may work. */
  | { readonly type: 'refused'; readonly reason: string; readonly retry: boolean }
  | { readonly type: 'payee-paid' }
  /** The payee's HTLC ended without paying it. */
  | { readonly type: 'payee-unpaid' }
  /** The payer's first HTLC of the current attempt ended. */
  | { readonly type: 'payer-resolved'; readonly outcome: HopOutcome }
  | { readonly type: 'run-end' };

export type PaymentAction =
  | { readonly do: 'find-route' }
  | { readonly do: 'record'; readonly status: 'succeeded' | 'failed' | 'stuck'; readonly reason: string; readonly payerKnowsR: boolean };

export interface PaymentStep {
  readonly state: PaymentState;
  readonly actions: readonly PaymentAction[];
}

export const START: PaymentState = { phase: 'routing', attempts: 0, reason: 'no-route' };

const PAYER_KNOWS: ReadonlySet<HopOutcome> = new Set(['fulfilled', 'claimed']);

export function stepPayment(state: PaymentState, event: PaymentEvent, maxAttempts: number): PaymentStep {
  switch (state.phase) {
    case 'routing':
      if (event.type === 'run-end') return stuck();
      if (event.type !== 'routed') return { state, actions: [] };
      if (!event.found) return failed(state.attempts === 0 ? 'no-route' : state.reason, false);
      return { state: { phase: 'inFlight', attempts: state.attempts + 1, reason: '', retry: true }, actions: [] };
    case 'inFlight':
      switch (event.type) {
        case 'refused':
          return { state: { ...state, reason: event.reason, retry: event.retry }, actions: [] };
        case 'payee-unpaid': // the payee's HTLC failed or expired: say so unless a hop said why first
          return { state: { ...state, reason: state.reason || 'payee-unpaid' }, actions: [] };
        case 'payee-paid':
          return { state: { phase: 'paid', attempts: state.attempts }, actions: [] };
        case 'payer-resolved': {
          if (PAYER_KNOWS.has(event.outcome)) return { state: { phase: 'revealed', attempts: state.attempts }, actions: [] };
          const reason = state.reason || (event.outcome === 'failed' ? 'failed' : `htlc-${event.outcome === 'timedOut' ? 'timed-out' : 'taken'}`);
          // Failed back off-chain: the payer may try another route. Refunded on chain: too late.
          if (event.outcome === 'failed' && state.retry && state.attempts < maxAttempts) {
            return { state: { phase: 'routing', attempts: state.attempts, reason }, actions: [{ do: 'find-route' }] };
          }
          return failed(reason, false);
        }
        case 'run-end':
          return stuck();
        default:
          return { state, actions: [] };
      }
    case 'paid':
      if (event.type === 'payer-resolved') return succeeded(PAYER_KNOWS.has(event.outcome));
      if (event.type === 'run-end') return succeeded(false);
      return { state, actions: [] };
    case 'revealed':
      if (event.type === 'payee-paid') return succeeded(true);
      if (event.type === 'payee-unpaid') return failed('payee-unpaid', true);
      if (event.type === 'run-end') return stuck(true);
      return { state, actions: [] };
    default:
      return { state, actions: [] };
  }
}

/** How a payment ended, single-path or multi-part alike. */
type Final = Extract<PaymentState, { phase: 'succeeded' | 'failed' | 'stuck' }>;
interface Ended {
  readonly state: Final;
  readonly actions: readonly Extract<PaymentAction, { do: 'record' }>[];
}

function succeeded(payerKnowsR: boolean): Ended {
  return { state: { phase: 'succeeded', payerKnowsR }, actions: [{ do: 'record', status: 'succeeded', reason: '', payerKnowsR }] };
}

function failed(reason: string, payerKnowsR: boolean): Ended {
  return { state: { phase: 'failed', reason, payerKnowsR }, actions: [{ do: 'record', status: 'failed', reason, payerKnowsR }] };
}

function stuck(payerKnowsR = false): Ended {
  return { state: { phase: 'stuck' }, actions: [{ do: 'record', status: 'stuck', reason: 'stuck', payerKnowsR }] };
}

/**
 * A multi-part payment (BOLT #4 basic MPP, lnd's splitting): the payer places the amount in
 * shards, each routed and sent as its own part (an HTLC chain with the same hash lock, the
 * payment secret and `total_msat` in the payee's payload). The payee holds the parts until they
 * add up to the total, then settles them all; if they do not within the MPP timeout it fails
 * them all (`mpp-timeout`). The payment succeeds only when the payee has been paid for ALL parts.
 *
 *              shard routed, amount left and parts < maxParts: route the rest ─┐
 *   routing ◄──────────────────────────────────────────────────────────────────┘
 *     │ │ no route: halve the shard (not below minShard) and try again ──► routing
 *     │ └ no route at minShard or maxParts reached ─► draining (none in flight: failed)
 *     ▼ every msat placed
 *   inFlight ── a part failed back, retriable, budget left ──► routing (shard ≤ that part)
 *     │    └─── a part failed, not retriable ─► draining (none in flight: failed)
 *     └── payee paid for all parts and every payer HTLC resolved ───────────► succeeded
 *   draining ── the last part in flight comes back ──► failed (succeeded if the payee was paid in full)
 *   routing │ inFlight │ draining ── run ends ──► succeeded if the payee was paid in full, else stuck
 *
 * `inFlight` counts the payer's HTLCs not resolved yet; `paidMsat` what the payee has taken.
 */
export interface SplitRules {
  readonly minShardMsat: number;
  readonly maxParts: number;
  /** Parts launched in all (retries included) before the payer gives up. */
  readonly maxTries: number;
}

interface Parts {
  readonly totalMsat: number;
  /** Amount carried by parts whose payer HTLC is unresolved (or paid). */
  readonly placedMsat: number;
  readonly inFlight: number;
  readonly paidMsat: number;
  readonly shardMsat: number;
  readonly tries: number;
  readonly reason: string;
  readonly payerKnowsR: boolean;
}

export type MultiPartState =
  | ({ readonly phase: 'routing' | 'inFlight' | 'draining' } & Parts)
  | Final;

export type MultiPartEvent =
  /** The route search for a shard of `amountMsat` ended. */
  | { readonly type: 'routed'; readonly found: boolean; readonly amountMsat: number }
  /** The payee's HTLC of a part was fulfilled or claimed (paid), or ended without paying it. */
  | { readonly type: 'part-payee'; readonly paid: boolean; readonly amountMsat: number }
  /** The payer's HTLC of a part ended; `reason` and `retry` are what the failure said, if any. */
  | { readonly type: 'part-payer'; readonly outcome: HopOutcome; readonly amountMsat: number; readonly reason: string; readonly retry: boolean }
  | { readonly type: 'run-end' };

export type MultiPartAction = { readonly do: 'find-route'; readonly amountMsat: number } | Extract<PaymentAction, { do: 'record' }>;

export interface MultiPartStep {
  readonly state: MultiPartState;
  readonly actions: readonly MultiPartAction[];
}

export function startParts(totalMsat: number): MultiPartStep {
  const state: MultiPartState = { phase: 'routing', totalMsat, placedMsat: 0, inFlight: 0, paidMsat: 0, shardMsat: totalMsat, tries: 0, reason: '', payerKnowsR: false };
  return { state, actions: [{ do: 'find-route', amountMsat: totalMsat }] };
}

export function stepParts(state: MultiPartState, event: MultiPartEvent, rules: SplitRules): MultiPartStep {
  if (state.phase === 'succeeded' || state.phase === 'failed' || state.phase === 'stuck') return { state, actions: [] };
  switch (event.type) {
    case 'run-end':
      return state.paidMsat === state.totalMsat ? succeeded(state.payerKnowsR) : stuck(state.payerKnowsR);
    case 'routed':
      return routed(state, event.found, event.amountMsat, rules);
    case 'part-payee': {
      if (event.paid) return settle({ ...state, paidMsat: state.paidMsat + event.amountMsat });
      // The payer already knows R (the payee revealed it) but this part will never pay the payee.
      if (state.payerKnowsR) return settle({ ...state, phase: 'draining', reason: 'payee-unpaid' });
      return { state: { ...state, reason: state.reason || 'payee-unpaid' }, actions: [] };
    }
    case 'part-payer': {
      const back = { ...state, inFlight: state.inFlight - 1 };
      if (PAYER_KNOWS.has(event.outcome)) return settle({ ...back, payerKnowsR: true });
      const reason = event.reason || (event.outcome === 'failed' ? 'failed' : `htlc-${event.outcome === 'timedOut' ? 'timed-out' : 'taken'}`);
      // A draining payment keeps what doomed it (its parts then come back timed out at the payee).
      const freed = { ...back, placedMsat: back.placedMsat - event.amountMsat, reason: state.phase === 'draining' ? state.reason : reason };
      if (state.phase === 'inFlight' && event.outcome === 'failed' && event.retry && state.tries < rules.maxTries && !state.payerKnowsR) {
        const shardMsat = Math.min(state.shardMsat, event.amountMsat);
        return { state: { ...freed, phase: 'routing', shardMsat }, actions: [{ do: 'find-route', amountMsat: shardMsat }] };
      }
      return settle({ ...freed, phase: 'draining' });
    }
  }
}

function routed(state: Extract<MultiPartState, Parts>, found: boolean, amountMsat: number, rules: SplitRules): MultiPartStep {
  if (state.phase !== 'routing') return { state, actions: [] };
  if (found) {
    const placed = { ...state, placedMsat: state.placedMsat + amountMsat, inFlight: state.inFlight + 1, tries: state.tries + 1 };
    const left = placed.totalMsat - placed.placedMsat;
    if (left === 0) return { state: { ...placed, phase: 'inFlight' }, actions: [] };
    if (placed.inFlight < rules.maxParts && placed.tries < rules.maxTries) return next(placed, Math.min(placed.shardMsat, left));
    return settle({ ...placed, phase: 'draining', reason: placed.reason || 'no-route' });
  }
  // lnd: no route for this shard, so split it in two, down to the minimum shard size.
  const half = Math.ceil(amountMsat / 2);
  if (half >= rules.minShardMsat && amountMsat > 1) return next({ ...state, shardMsat: half }, half);
  return settle({ ...state, phase: 'draining', reason: state.reason || 'no-route' });
}

function next(state: Extract<MultiPartState, Parts>, amountMsat: number): MultiPartStep {
  return { state: { ...state, phase: 'routing', shardMsat: amountMsat }, actions: [{ do: 'find-route', amountMsat }] };
}

/** Success once the payee holds the whole amount and every payer HTLC resolved; a draining payment ends with its last part. */
function settle(state: Extract<MultiPartState, Parts>): MultiPartStep {
  if (state.inFlight > 0) return { state, actions: [] };
  if (state.paidMsat === state.totalMsat) return succeeded(state.payerKnowsR);
  if (state.phase === 'draining') return failed(state.reason, state.payerKnowsR);
  return { state, actions: [] };
}
