/**
 * The story of one play, block by block, told from the recorded rows alone: who signed what
 * off-chain, who broadcast what, what the contract did when the block included it, and the
 * players' balances after. `verbose` adds the off-chain steps (signatures, HTLCs) and the
 * background transactions; without it the story keeps to the chain.
 */
import type { ChannelEvent } from '../agents/records.js';
import type { RunRecords } from '../scenario/run.js';
import { formatMsat } from '../units.js';

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

function eventText(e: ChannelEvent): { text: string; onChain: boolean } | undefined {
  const amount = e.amountMsat === undefined ? '' : formatMsat(e.amountMsat);
  switch (e.kind) {
    case 'open':
      return { text: `channel ${e.channel} is open: both deposits are deep enough (${amount} in all); both hold signed copies of sequence 1, which gives each its deposit`, onChain: true };
    case 'pay':
      return { text: `${e.node} pays ${amount} in ${e.channel}: both sign sequence ${e.sequence} and revoke the one before (each hands the other its revocation secret)`, onChain: false };
    case 'htlc-add':
      return { text: `${e.node} offers an HTLC of ${amount} in ${e.channel}, hash ${e.detail?.slice(0, 8)}…, expiring at block ${e.expiryHeight}: both sign sequence ${e.sequence}`, onChain: false };
    case 'htlc-settle':
      return { text: `the HTLC ${e.detail?.slice(0, 8)}… in ${e.channel} is resolved off-chain (${e.node} signs sequence ${e.sequence})`, onChain: false };
    case 'cash':
      return {
        text: `the contract accepts ${e.node}'s copy of sequence ${e.sequence}: the other party is paid its share at once, ${e.node}'s ${amount} is frozen as a bond${e.detail === 'htlc' ? '; the preimage R it shows is public from now on' : ''}`,
        onChain: true,
      };
    case 'revoked-broadcast':
      return { text: `!! sequence ${e.sequence} had been revoked: ${e.node} is cheating`, onChain: true };
    case 'penalty':
      return { text: `the contract checks ${e.node}'s revocation proof for sequence ${e.sequence}: valid, so ${e.node} takes the bond and any pending HTLCs (${amount}); channel ${e.channel} closed`, onChain: true };
    case 'tower-justice':
      return { text: `watchtower ${e.node} sees the revoked sequence ${e.sequence} and broadcasts the justice transaction its client left with it (${e.detail}; reward ${amount})`, onChain: false };
    case 'withdraw':
      return { text: `the freeze is over: ${e.node} withdraws its bond of ${amount} from channel ${e.channel}`, onChain: true };
    case 'htlc-claim':
      return { text: `${e.node} claims the pending HTLC ${e.detail?.slice(0, 8)}… of ${amount} in ${e.channel} on chain with its preimage R, public from now on`, onChain: true };
    case 'htlc-timeout':
      return { text: `the HTLC ${e.detail?.slice(0, 8)}… of ${amount} in ${e.channel} expired unclaimed: ${e.node} takes it back on chain`, onChain: true };
    case 'cheat-succeeded':
      return { text: `!! nobody punished in time: ${e.node} keeps ${amount} more than the newest sequence gave it`, onChain: true };
    case 'cooperative-close':
      return { text: `channel ${e.channel} closes cooperatively at sequence ${e.sequence}`, onChain: true };
    case 'rejected': {
      const [kind, ...why] = (e.detail ?? '').split(' ');
      return { text: `the contract refuses ${e.node}'s ${kind} (${why.join(' ') || 'rejected'}): ${REFUSALS[kind ?? ''] ?? 'it no longer applies'}`, onChain: true };
    }
    case 'settle':
    case 'refund':
      return { text: `${e.node}: one-way channel ${e.channel} ${e.kind === 'settle' ? 'settled' : 'refunded'} (${amount})`, onChain: true };
    case 'pay-failed':
      return undefined;
  }
}

export function narrate(run: RunRecords, players: readonly string[], verbose: boolean): string[] {
  const lines: Line[] = [];
  const push = (time: number, rank: number, text: string): void => void lines.push({ time, rank, text });
  const busy = new Set<number>(); // heights where something of the channels happened
  const heightAt = (time: number): number => {
    let h = run.startHeight;
    for (const b of run.chain.blocks) if (b.time <= time) h = b.height;
    return h;
  };
  for (const tx of run.chain.txs) {
    if (tx.kind === 'background') continue;
    const what = TX_TEXT[tx.kind] ?? tx.kind;
    const fee = tx.feeMsat > 0 ? `, fee ${formatMsat(tx.feeMsat)}` : '';
    if (verbose || tx.kind !== 'deposit') push(tx.submittedAt, 4, `${tx.sender ?? 'someone'} broadcasts ${what}${fee}`);
    if (tx.confirmedHeight !== undefined) {
      busy.add(tx.confirmedHeight);
      if (verbose || tx.kind !== 'deposit') push(tx.confirmedAt!, 1, `  included: ${tx.sender ?? 'someone'}'s ${tx.kind}`);
    } else if (tx.dropped !== undefined && tx.dropped !== 'contract-rejected') {
      busy.add(heightAt(tx.droppedAt!));
      push(tx.droppedAt!, 2, `  dropped: ${tx.sender ?? 'someone'}'s ${tx.kind} (${tx.dropped})`);
    }
  }
  for (const e of run.channelEvents) {
    const told = eventText(e);
    if (!told || (!told.onChain && !verbose && e.kind !== 'tower-justice')) continue;
    if (told.onChain) busy.add(e.height);
    push(e.time, told.onChain ? 2 : 4, told.onChain ? `  ${told.text}` : told.text);
  }
  if (verbose) {
    for (const p of run.payments) {
      if (p.hops > 1 || p.status !== 'succeeded') push(p.time + p.latencyMs, 4, `payment ${p.from} → ${p.to} of ${formatMsat(p.amountMsat)}: ${p.status}${p.reason ? ` (${p.reason})` : ''}${p.route ? ` via ${p.route}` : ''}`);
    }
  }
  const shown = players.filter((n) => run.balanceSeries.nodes.includes(n));
  const columns = shown.map((n) => run.balanceSeries.nodes.indexOf(n));
  let quiet: { from: number; to: number; background: number; time: number } | undefined;
  const flushQuiet = (): void => {
    if (!quiet) return;
    const range = quiet.from === quiet.to ? `block ${quiet.from}` : `blocks ${quiet.from}–${quiet.to}`;
    push(quiet.time, 0, `${range}: nothing for the channels${quiet.background ? ` (${quiet.background} other transactions)` : ''}`);
    quiet = undefined;
  };
  for (const b of run.chain.blocks) {
    if (!busy.has(b.height)) {
      if (quiet) {
        quiet.to = b.height;
        quiet.background += b.txCount;
      } else quiet = { from: b.height, to: b.height, background: b.txCount, time: b.time };
      continue;
    }
    flushQuiet();
    push(b.time, 0, `block ${b.height} · ${clock(b.time)}${b.censoring ? ' · mined by the censoring miners' : ''}`);
    const sample = run.balanceSeries.samples.find((s) => s.time === b.time);
    if (sample && shown.length > 0) push(b.time, 3, `  balances: ${shown.map((n, i) => `${n} ${formatMsat(sample.values[columns[i]!]!)}`).join(' · ')}`);
  }
  flushQuiet();
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.time - b.l.time || a.l.rank - b.l.rank || a.i - b.i)
    .map(({ l }) => (l.rank === 4 ? `${clock(l.time)}  ${l.text}` : l.text));
}
