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

function succeeded(payerKnowsR: boolean): PaymentStep {
  return { state: { phase: 'succeeded', payerKnowsR }, actions: [{ do: 'record', status: 'succeeded', reason: '', payerKnowsR }] };
}

function failed(reason: string, payerKnowsR: boolean): PaymentStep {
  return { state: { phase: 'failed', reason, payerKnowsR }, actions: [{ do: 'record', status: 'failed', reason, payerKnowsR }] };
}

function stuck(payerKnowsR = false): PaymentStep {
  return { state: { phase: 'stuck' }, actions: [{ do: 'record', status: 'stuck', reason: 'stuck', payerKnowsR }] };
}
