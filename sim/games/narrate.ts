/**
 * The story of one play, block by block, told from the recorded rows alone: who signed what
 * off-chain, who broadcast what, what the contract did when the block included it, and the
 * players' balances after. `verbose` adds the off-chain steps (signatures, HTLCs) and the
 * background transactions; without it the story keeps to the chain.
 */
import { amountOf, type ChannelEvent } from '../report/index.js';
import { stampsOf, type TxRecord } from '../chain/index.js';
import type { RunRecords } from '../scenario/index.js';

interface Line {
  readonly time: number;
  /** Order among lines at the same instant: the block, what it confirmed, the contract, balances, then reactions. */
  readonly rank: number;
  readonly text: string;
}

const TX_TEXT: Readonly<Record<string, string>> = {
  deposit: 'its deposit',
  'cash-rsmc': 'its copy of an RSMC commitment (cashRsmc)',
  'cash-htlc': 'its copy of an HTLC commitment (cashHtlc)',
  penalty: 'the penalty (withdrawByDefender with the revocation proof)',
  withdraw: 'its bond withdrawal (withdrawByAttacker, time-locked to the end of the freeze)',
  'htlc-claim': 'an HTLC claim with the preimage (claimHtlc)',
  'htlc-timeout': 'an HTLC refund (timeoutHtlc, time-locked to its expiry)',
  'cooperative-close': 'a cooperative close signed by both',
  settle: 'the newest one-way state',
  refund: 'the refund of its one-way channel',
};

/** Why a late transaction is refused, in the usual case. */
const REFUSALS: Readonly<Record<string, string>> = {
  withdraw: 'the penalty took the bond first',
  penalty: 'the freeze had ended, or the channel was already closed',
  'cash-rsmc': 'the other party cashed a commitment first',
  'cash-htlc': 'the other party cashed a commitment first',
  'htlc-claim': 'the HTLC had expired or was already resolved',
  'htlc-timeout': 'the HTLC was already resolved',
};

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}h${String(m).padStart(2, '0')}m${String(s % 60).padStart(2, '0')}s`;
}

/** Every amount in sat, to the msat when it is not whole ("101.1 sat"): one unit for the whole story. */
export function sat(msat: number): string {
  return `${msat / 1000} sat`;
}

/** An HTLC as the story follows it: offered, then settled off-chain, claimed, refunded or paid out at a cash. */
interface Htlc {
  readonly channel: string;
  readonly hash: string;
  readonly offerer: string;
  readonly amountMsat: number;
  readonly expiry: number;
}

/** The other party of channel `id` ("alice-bob"), named from one of its parties. */
function peerIn(id: string, node: string): string {
  if (id.startsWith(`${node}-`)) return id.slice(node.length + 1);
  if (id.endsWith(`-${node}`)) return id.slice(0, -node.length - 1);
  return 'its peer';
}

/**
 * What the chain's contract did with each HTLC still pending in a commitment cashed at `height`
 * (htlcRules.ts payeeAtCash): past its time lock it goes back to its offerer; with R shown it pays
 * its receiver; otherwise it stays pending until claimed with R or timed out.
 */
function htlcsAtCash(pending: readonly Htlc[], height: number, preimageShown: boolean): string[] {
  return pending.map((h) => {
    const what = `the HTLC ${h.hash.slice(0, 8)}… of ${sat(h.amountMsat)}`;
    if (height >= h.expiry) return `${what} had expired at block ${h.expiry}: it goes back to ${h.offerer}, its offerer`;
    if (preimageShown) return `${what} pays ${peerIn(h.channel, h.offerer)}: R is shown before its expiry at block ${h.expiry}`;
    return `${what} stays pending: ${peerIn(h.channel, h.offerer)} may claim it with R before block ${h.expiry}, after which ${h.offerer} takes it back`;
  });
}

function eventText(e: ChannelEvent, pending: Htlc[], capacityMsat: number): { text: string; onChain: boolean } | undefined {
  const moved = amountOf(e);
  const amount = moved === undefined ? '' : sat(moved);
  const lock = 'hashLock' in e ? e.hashLock : undefined;
  const htlc = pending.find((h) => h.channel === e.channel && h.hash === lock);
  const resolve = (): void => void (htlc && pending.splice(pending.indexOf(htlc), 1));
  switch (e.kind) {
    case 'open':
      return { text: `channel ${e.channel} is open: both deposits are deep enough (${amount} in all); both hold signed copies of sequence 1, which gives each its deposit`, onChain: true };
    case 'pay':
      return { text: `${e.node} pays ${amount} in ${e.channel}: both sign sequence ${e.sequence} and revoke the one before (each hands the other its revocation secret)`, onChain: false };
    case 'htlc-add':
      pending.push({ channel: e.channel, hash: e.hashLock, offerer: e.node, amountMsat: e.amountMsat, expiry: e.expiryHeight });
      return { text: `${e.node} offers an HTLC of ${amount} in ${e.channel}, hash ${e.hashLock.slice(0, 8)}…, expiring at block ${e.expiryHeight}: both sign sequence ${e.sequence}`, onChain: false };
    case 'htlc-settle': {
      resolve();
      const how = e.outcome === 'fulfilled' ? `fulfilled: ${e.node} shows R and is paid ${amount}` : `failed: ${amount} goes back to ${e.node}, its offerer`;
      return { text: `the HTLC ${e.hashLock.slice(0, 8)}… in ${e.channel} is ${how}, off-chain (both sign sequence ${e.sequence})`, onChain: false };
    }
    case 'cash': {
      const inChannel = pending.filter((h) => h.channel === e.channel);
      const preimageShown = e.settledAs === 'htlc';
      const outcomes = htlcsAtCash(inChannel, e.height, preimageShown);
      for (const h of inChannel) if (e.height >= h.expiry || preimageShown) pending.splice(pending.indexOf(h), 1);
      // The bond holds what the casher is owed (HTLCs paid to it included); HTLCs still pending stay in the contract.
      const stillPending = pending.filter((h) => h.channel === e.channel).reduce((sum, h) => sum + h.amountMsat, 0);
      const other = capacityMsat - e.amountMsat - stillPending;
      return {
        text: `the contract accepts ${e.node}'s copy of sequence ${e.sequence}: ${peerIn(e.channel, e.node)} is paid ${sat(other)} at once, ${e.node}'s ${amount} is frozen as a bond${preimageShown ? '; the preimage R it shows is public from now on' : ''}${outcomes.map((o) => `; ${o}`).join('')}`,
        onChain: true,
      };
    }
    case 'revoked-broadcast':
      return { text: `!! sequence ${e.sequence} had been revoked: ${e.node} is cheating`, onChain: true };
    case 'penalty':
      for (const h of pending.filter((x) => x.channel === e.channel)) pending.splice(pending.indexOf(h), 1);
      return { text: `the contract checks ${e.node}'s revocation proof for sequence ${e.sequence}: valid, so ${e.node} takes the bond and any pending HTLCs (${amount}); channel ${e.channel} closed`, onChain: true };
    case 'tower-justice':
      return { text: `watchtower ${e.node} sees the revoked sequence ${e.sequence} and broadcasts the justice transaction (the penalty) its client left with it (for ${e.client}; its reward: ${amount})`, onChain: false };
    case 'withdraw':
      return { text: `the freeze is over: ${e.node} withdraws its bond of ${amount} from channel ${e.channel}`, onChain: true };
    case 'htlc-claim':
      resolve();
      return { text: `${e.node} claims the pending HTLC ${e.hashLock.slice(0, 8)}… of ${amount} in ${e.channel} on chain with its preimage R, public from now on`, onChain: true };
    case 'htlc-timeout':
      resolve();
      return { text: `the HTLC ${e.hashLock.slice(0, 8)}… of ${amount} in ${e.channel} expired unclaimed: ${e.node} takes it back on chain`, onChain: true };
    case 'cheat-succeeded':
      return { text: `!! nobody punished in time: ${e.node} keeps ${amount} more than the newest sequence gave it`, onChain: true };
    case 'cooperative-close':
      return { text: `channel ${e.channel} closes cooperatively at sequence ${e.sequence}`, onChain: true };
    case 'rejected':
      return { text: `the contract refuses ${e.node}'s ${e.txKind} (${e.code}): ${REFUSALS[e.txKind] ?? 'it no longer applies'}`, onChain: true };
    case 'settle':
    case 'refund':
      return { text: `${e.node}: one-way channel ${e.channel} ${e.kind === 'settle' ? 'settled' : 'refunded'} (${amount})`, onChain: true };
    case 'refused-action':
      return undefined;
  }
}

export function narrate(run: RunRecords, players: readonly string[], verbose: boolean): string[] {
  const lines: Line[] = [];
  const push = (time: number, rank: number, text: string): void => void lines.push({ time, rank, text });
  const busy = new Set<number>(); // heights where the story tells something of the channels
  const heightAt = (time: number): number => {
    let h = run.startHeight;
    for (const b of run.chain.blocks) if (b.time <= time) h = b.height;
    return h;
  };
  // A penalty a watchtower broadcast for its client: the tower is who acted (the client was away).
  const towers = run.channelEvents.filter((e) => e.kind === 'tower-justice');
  const towerOf = (tx: TxRecord): string | undefined => (tx.kind === 'penalty' ? towers.find((e) => e.time === tx.submittedAt && e.client === tx.sender)?.node : undefined);
  const actor = (tx: TxRecord): string => {
    const tower = towerOf(tx);
    return tower ? `watchtower ${tower} (for ${tx.sender})` : (tx.sender ?? 'someone');
  };
  for (const tx of run.chain.txs) {
    if (tx.kind === 'background') continue;
    const shown = verbose || tx.kind !== 'deposit';
    const what = TX_TEXT[tx.kind] ?? tx.kind;
    const fee = tx.feeMsat > 0 ? `, fee ${sat(tx.feeMsat)}` : '';
    // A tower's broadcast is told by its own event (tower-justice), with its reward.
    if (shown && !towerOf(tx)) push(tx.submittedAt, 4, `${actor(tx)} broadcasts ${what}${fee}`);
    if (tx.status === 'confirmed') {
      if (shown) {
        busy.add(tx.confirmedHeight);
        push(tx.confirmedAt, 1, `  included: the ${tx.kind} of ${actor(tx)}`);
      }
    } else if (tx.status === 'dropped' && tx.dropped !== 'contract-rejected') {
      busy.add(heightAt(tx.droppedAt));
      push(tx.droppedAt, 2, `  dropped: the ${tx.kind} of ${actor(tx)} (${tx.dropped})`);
    }
  }
  const pending: Htlc[] = [];
  const capacity = new Map(run.channels.map((c) => [c.id, c.capacityMsat]));
  for (const e of run.channelEvents) {
    const told = eventText(e, pending, capacity.get(e.channel) ?? 0);
    if (!told || (!told.onChain && !verbose && e.kind !== 'tower-justice')) continue;
    if (told.onChain) busy.add(e.height);
    push(e.time, told.onChain ? 2 : 4, told.onChain ? `  ${told.text}` : told.text);
  }
  if (verbose) {
    for (const p of run.payments) {
      if (p.hops > 1 || p.status !== 'succeeded') push(p.time + p.latencyMs, 4, `payment ${p.from} → ${p.to} of ${sat(p.amountMsat)}: ${p.status}${p.reason ? ` (${p.reason})` : ''}${p.route ? ` via ${p.route}` : ''}`);
    }
  }
  // Blocks the censoring miners mined while a penalty waited: the point of the censorship story.
  const censored = new Map<number, TxRecord[]>();
  for (const b of run.chain.blocks) {
    if (!b.censoring) continue;
    const waiting = run.chain.txs.filter((t) => t.kind === 'penalty' && t.submittedAt < b.time && !((stampsOf(t).confirmedAt ?? Infinity) <= b.time) && !((stampsOf(t).droppedAt ?? Infinity) <= b.time));
    if (waiting.length > 0) {
      censored.set(b.height, waiting);
      busy.add(b.height);
      push(b.time, 1, `  it leaves out the penalty of ${waiting.map(actor).join(', ')}, waiting since ${clock(waiting[0]!.submittedAt)}`);
    }
  }
  const shown = players.filter((n) => run.balanceSeries.nodes.includes(n));
  const columns = shown.map((n) => run.balanceSeries.nodes.indexOf(n));
  // A quiet range ends where a line between two blocks is told, so the story stays in time order.
  const toldAfter = new Set(lines.map((l) => heightAt(l.time)));
  let quiet: { from: number; to: number; background: number; censoring: number; time: number } | undefined;
  const flushQuiet = (): void => {
    if (!quiet) return;
    const range = quiet.from === quiet.to ? `block ${quiet.from}` : `blocks ${quiet.from}–${quiet.to}`;
    const others = [quiet.background ? `${quiet.background} other transactions` : '', quiet.censoring ? `${quiet.censoring} mined by the censoring miners` : ''].filter(Boolean).join('; ');
    push(quiet.time, 0, `${range}: nothing for the channels${others ? ` (${others})` : ''}`);
    quiet = undefined;
  };
  for (const b of run.chain.blocks) {
    if (!busy.has(b.height)) {
      if (quiet) {
        quiet.to = b.height;
        quiet.background += b.txCount;
        quiet.censoring += b.censoring ? 1 : 0;
      } else quiet = { from: b.height, to: b.height, background: b.txCount, censoring: b.censoring ? 1 : 0, time: b.time };
      if (toldAfter.has(b.height)) flushQuiet();
      continue;
    }
    flushQuiet();
    push(b.time, 0, `block ${b.height} · ${clock(b.time)}${b.censoring ? ' · mined by the censoring miners' : ''}`);
    const sample = run.balanceSeries.samples.find((s) => s.time === b.time);
    if (sample && shown.length > 0) push(b.time, 3, `  balances: ${shown.map((n, i) => `${n} ${sat(sample.values[columns[i]!]!)}`).join(' · ')}`);
  }
  flushQuiet();
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.time - b.l.time || a.l.rank - b.l.rank || a.i - b.i)
    .map(({ l }) => (l.rank === 4 ? `${clock(l.time)}  ${l.text}` : l.text));
}
