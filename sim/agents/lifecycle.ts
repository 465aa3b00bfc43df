/**
 * A channel's life as its two parties see it (BOLT #2: funding, normal operation, shutdown,
 * closing), as a pure state machine. The contract on the chain has its own (contract.ts); this
 * one decides what the parties do: when HTLCs may be added, when to sign a cooperative close,
 * when to go on chain.
 *
 *   opening ──deposits deep enough──► open
 *   open ──close, peer answers──► shuttingDown          (no new HTLCs from now on)
 *   shuttingDown ──no HTLC left, peer answers──► closing(cooperative) ──confirmed──► closed
 *   shuttingDown ──no HTLC left, peer silent──┐
 *   open ──close, peer silent────────────────┼──► closing(unilateral) ──a commitment confirmed──► onChain
 *   open │ shuttingDown ──a party broadcasts──┘                                       (cheat, HTLC deadline)
 *   closing(cooperative) ──the contract refused it──► closing(unilateral)
 *   any but closed ──a commitment confirmed──► onChain ──the contract closed──► closed
 *
 *   Offline(s), s ∈ {open, shuttingDown}: the link is down (a peer stopped answering mid-update);
 *   updates wait. Reconnect ──► s, and what waited is resent (BOLT #2 channel_reestablish).
 */
import type { Side } from '../channel/index.js';

type Live = { readonly phase: 'open' } | { readonly phase: 'shuttingDown'; readonly by: Side };

export type ChannelLife =
  | { readonly phase: 'opening' }
  | Live
  | { readonly phase: 'offline'; readonly inner: Live }
  | { readonly phase: 'closing'; readonly how: 'cooperative' | 'unilateral'; readonly by: Side }
  | { readonly phase: 'onChain' }
  | { readonly phase: 'closed' };

export type LifeEvent =
  | { readonly type: 'deposits-deep' }
  | { readonly type: 'close'; readonly by: Side; readonly peerAnswers: boolean; readonly htlcs: number }
  /** The last HTLC left the sheet (checked after every settle or fail during a shutdown). */
  | { readonly type: 'htlcs-cleared'; readonly peerAnswers: boolean }
  | { readonly type: 'broadcast'; readonly by: Side }
  | { readonly type: 'cooperative-refused' }
  | { readonly type: 'cashed' }
  | { readonly type: 'closed' }
  | { readonly type: 'link-down' }
  | { readonly type: 'link-up' };

export type LifeAction =
  | { readonly do: 'announce-open' }
  | { readonly do: 'sign-close' }
  | { readonly do: 'broadcast'; readonly by: Side }
  | { readonly do: 'await-link' }
  | { readonly do: 'resend' }
  /** The request cannot be carried out in this phase (a close before the deposits, after the close). */
  | { readonly do: 'refuse'; readonly reason: 'channel-not-open' | 'channel-closing' };

export interface LifeStep {
  readonly state: ChannelLife;
  readonly actions: readonly LifeAction[];
}

/** HTLCs may be offered: open, link up. */
export const canOffer = (s: ChannelLife): boolean => s.phase === 'open';
/** Updates (payments, fulfils, fails) may be exchanged: open or shutting down, link up. */
export const canUpdate = (s: ChannelLife): boolean => s.phase === 'open' || s.phase === 'shuttingDown';
/** The channel still lives off-chain (its HTLCs are guarded off-chain). */
export const isRunning = (s: ChannelLife): boolean => canUpdate(s) || s.phase === 'offline';

export function stepLife(state: ChannelLife, event: LifeEvent): LifeStep {
  const stay: LifeStep = { state, actions: [] };
  switch (event.type) {
    case 'deposits-deep':
      return state.phase === 'opening' ? { state: { phase: 'open' }, actions: [{ do: 'announce-open' }] } : stay;
    case 'close': {
      if (state.phase === 'opening') return { state, actions: [{ do: 'refuse', reason: 'channel-not-open' }] };
      if (!isRunning(state)) return { state, actions: [{ do: 'refuse', reason: 'channel-closing' }] };
      if (!event.peerAnswers) return unilateral(event.by);
      const live = state.phase === 'offline' ? state.inner : state; // the peer is back: the link is too
      if (live.phase === 'shuttingDown') return stay; // already on its way
      if (event.htlcs > 0) return { state: { phase: 'shuttingDown', by: event.by }, actions: [] };
      return cooperative(event.by);
    }
    case 'htlcs-cleared':
      if (state.phase !== 'shuttingDown') return stay;
      return event.peerAnswers ? cooperative(state.by) : unilateral(state.by);
    case 'broadcast':
      // A commitment already on its way to the chain is enough: the first to confirm wins.
      return isRunning(state) || (state.phase === 'closing' && state.how === 'cooperative') ? unilateral(event.by) : stay;
    case 'cooperative-refused':
      return state.phase === 'closing' && state.how === 'cooperative' ? unilateral(state.by) : stay;
    case 'cashed':
      return state.phase === 'closed' ? stay : { state: { phase: 'onChain' }, actions: [] };
    case 'closed':
      return { state: { phase: 'closed' }, actions: [] };
    case 'link-down':
      return state.phase === 'open' || state.phase === 'shuttingDown' ? { state: { phase: 'offline', inner: state }, actions: [{ do: 'await-link' }] } : stay;
    case 'link-up':
      return state.phase === 'offline' ? { state: state.inner, actions: [{ do: 'resend' }] } : stay;
  }
}

function unilateral(by: Side): LifeStep {
  return { state: { phase: 'closing', how: 'unilateral', by }, actions: [{ do: 'broadcast', by }] };
}

function cooperative(by: Side): LifeStep {
  return { state: { phase: 'closing', how: 'cooperative', by }, actions: [{ do: 'sign-close' }] };
}
