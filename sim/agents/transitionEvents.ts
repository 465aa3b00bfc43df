/**
 * What a confirmed contract transition means for the report: a cash (and whether the sequence
 * was revoked), a penalty (what it took: the bond and the pending HTLCs), a withdrawal (and
 * whether a cheat got away), an HTLC claimed or timed out on chain, a cooperative close.
 */
import { type Channel, isHtlc, other, type Pair, type Side, type VirtualBankTransition as Transition } from '../channel/index.js';
import { opens } from '../crypto/index.js';
import type { ChannelEventInput } from './records.js';

/** The report rows a confirmed transition makes, at the height of the block that confirmed it. */
export function transitionEvents(t: Transition, channel: Channel): ChannelEventInput[] {
  const { after, before, input } = t;
  const height = t.height;
  if (after.phase === 'Auditing' && before.phase === 'Running') {
    const { attacker, terms } = after;
    const node = after.parties.nodes[attacker];
    const sequence = terms.sequence;
    const cash: ChannelEventInput = { kind: 'cash', node, sequence, amountMsat: after.bondMsat, height, settledAs: after.settledAs };
    return channel.isRevoked(sequence) ? [cash, { kind: 'revoked-broadcast', node, sequence, height }] : [cash];
  }
  if (after.phase === 'Closed' && after.how === 'cooperative') return [{ kind: 'cooperative-close', node: t.caller, sequence: channel.sequence, height }];
  if (before.phase !== 'Auditing') return [];
  const { attacker, terms, bondMsat } = before;
  switch (input.method) {
    case 'withdrawByDefender': {
      // BOLT #5: the penalty takes the bond and every HTLC still pending on the revoked commitment.
      const taken = bondMsat + before.pending.reduce((sum, h) => sum + h.amountMsat, 0);
      return [{ kind: 'penalty', node: before.parties.nodes[other(attacker)], sequence: terms.sequence, amountMsat: taken, bondMsat, height }];
    }
    case 'withdrawByAttacker': {
      const node = before.parties.nodes[attacker];
      const sequence = terms.sequence;
      const withdraw: ChannelEventInput = { kind: 'withdraw', node, sequence, amountMsat: bondMsat, height };
      if (!channel.isRevoked(sequence)) return [withdraw];
      return [withdraw, { kind: 'cheat-succeeded', node, sequence, amountMsat: stolen(terms.amounts, channel.balances, attacker), height }];
    }
    case 'claimHtlc':
    case 'timeoutHtlc': {
      const htlc = before.pending.find((h) => h.hashLock === input.hashLock);
      const kind = input.method === 'claimHtlc' ? 'htlc-claim' : 'htlc-timeout';
      return [{ kind, node: t.caller, amountMsat: htlc?.amountMsat ?? 0, hashLock: input.hashLock, height }];
    }
    default:
      return [];
  }
}

/** What a successful cheat took: the attacker's share in the revoked sheet beyond its newest share. */
function stolen(revoked: Pair, newest: Pair, attacker: Side): number {
  return Math.max(0, revoked[attacker] - newest[attacker]);
}

/** How a cash left the HTLC `offerer` offered under `hashLock`: pending in the contract, paid, refunded, or not in the cashed sheet. */
export function cashResult(t: Transition, offerer: Side, hashLock: string): 'pending' | 'paid' | 'refunded' | 'absent' {
  if (t.after.phase !== 'Auditing') return 'absent';
  const term = isHtlc(t.after.terms) ? t.after.terms.htlcs.find((h) => h.offerer === offerer && h.hashLock === hashLock) : undefined;
  if (!term) return 'absent';
  const outcome = t.resolved.find((r) => r.htlc === term)?.outcome;
  return outcome === undefined ? 'pending' : outcome === 'claimed' ? 'paid' : 'refunded';
}

/** Whether a live channel acts on a transition once its block's watch fires (liveChannel.ts `react`); all it reads is fixed when the transition is made. */
export function actsOn(t: Transition, channel: Channel): boolean {
  return t.after.phase === 'Closed' || (t.before.phase === 'Running' && t.after.phase === 'Auditing') || resolvedOnChain(t, channel) !== undefined;
}

/** What a call on an audited contract did to its pending HTLCs: a penalty takes them all; a claim or timeout resolves one. */
export function resolvedOnChain(t: Transition, channel: Channel): 'all-taken' | { offerer: Side; hashLock: string; event: 'claimed' | 'timedOut' } | undefined {
  if (t.before.phase !== 'Auditing') return undefined;
  const input = t.input;
  if (input.method === 'withdrawByDefender') return 'all-taken';
  if (input.method !== 'claimHtlc' && input.method !== 'timeoutHtlc') return undefined;
  const callerSide = channel.sideOf(t.caller)!;
  return input.method === 'claimHtlc' ? { offerer: other(callerSide), hashLock: input.hashLock, event: 'claimed' } : { offerer: callerSide, hashLock: input.hashLock, event: 'timedOut' };
}

/** The preimages a transition makes public: those that settled an HTLC (BRIEF §2), never a refund's. */
export function publishedPreimages(t: Transition): [lock: string, preimage: Uint8Array][] {
  if (t.input.method === 'claimHtlc') return [[t.input.hashLock, t.input.preimage]];
  if (t.input.method !== 'cashHtlc') return [];
  const shown = t.input.preimages ?? [];
  return t.resolved.flatMap(({ htlc, outcome }): [string, Uint8Array][] => {
    const preimage = outcome === 'claimed' ? shown.find((p) => opens(htlc.hashLock, p)) : undefined;
    return preimage ? [[htlc.hashLock, preimage]] : [];
  });
}
