/**
 * What a confirmed contract transition means for the report: a cash (and whether the sequence
 * was revoked), a penalty, a withdrawal (and whether a cheat got away), a cooperative close.
 */
import type { VirtualBankTransition as Transition } from '../channel/host.js';
import { other, type Pair, type Side } from '../channel/commitment.js';
import type { Channel } from '../channel/protocol.js';
import type { ChannelEventKind } from './records.js';

export interface EventDetail {
  readonly sequence?: number;
  readonly amountMsat?: number;
  readonly detail?: string;
  readonly height?: number;
  readonly expiryHeight?: number;
}

export interface TransitionEvent {
  readonly kind: ChannelEventKind;
  readonly node: string;
  readonly extra: EventDetail;
}

export function transitionEvents(t: Transition, channel: Channel): TransitionEvent[] {
  const { after, before } = t;
  if (after.phase === 'Auditing' && before.phase === 'Running') {
    const { attacker, terms } = after;
    const node = after.parties.nodes[attacker];
    const cash: TransitionEvent = { kind: 'cash', node, extra: { sequence: terms.sequence, amountMsat: after.bondMsat, height: t.height, detail: after.settledAs } };
    return channel.isRevoked(terms.sequence) ? [cash, { kind: 'revoked-broadcast', node, extra: { sequence: terms.sequence, height: t.height } }] : [cash];
  }
  if (after.phase === 'Closed' && before.phase === 'Auditing') {
    const { attacker, terms, bondMsat } = before;
    if (after.how === 'defender-punished') return [{ kind: 'penalty', node: after.parties.nodes[other(attacker)], extra: { sequence: terms.sequence, amountMsat: bondMsat, height: t.height } }];
    const node = after.parties.nodes[attacker];
    const withdraw: TransitionEvent = { kind: 'withdraw', node, extra: { sequence: terms.sequence, amountMsat: bondMsat, height: t.height } };
    if (!channel.isRevoked(terms.sequence)) return [withdraw];
    const gained = stolen(terms.amounts, channel.balances, attacker);
    return [withdraw, { kind: 'cheat-succeeded', node, extra: { sequence: terms.sequence, amountMsat: gained, height: t.height } }];
  }
  if (after.phase === 'Closed' && after.how === 'cooperative') return [{ kind: 'cooperative-close', node: t.caller, extra: { sequence: channel.sequence, height: t.height } }];
  return [];
}

/** What a successful cheat took: the attacker's share in the revoked sheet beyond its newest share. */
function stolen(revoked: Pair, newest: Pair, attacker: Side): number {
  return Math.max(0, revoked[attacker] - newest[attacker]);
}
