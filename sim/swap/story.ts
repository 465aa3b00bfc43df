/**
 * The story of a run with swaps, block by block on every chain: each block that included a swap
 * transaction (TX1 … TX4 or a claim), what the parties did in between (from the swap's own
 * rows), and quiet stretches folded into one line per chain. Told from recorded rows alone.
 */
import type { CrossChainRecords } from '../report/index.js';
import type { TxRecord } from '../chain/index.js';
import { formatMsat } from '../units.js';

const SWAP_KINDS = new Set(['swap-lock', 'swap-claim', 'swap-refund']);

/** What a confirmed swap transaction was, from its kind and whether its chain holds the initiator's lock. */
function txText(tx: TxRecord, initiatorChain: boolean): string {
  switch (tx.kind) {
    case 'swap-lock':
      return initiatorChain ? `TX1: ${tx.sender} locks its coins under H (to the responder with x, or back after TX2's time lock)` : `TX3: ${tx.sender} locks its coins under the same H (refund TX4 earlier)`;
    case 'swap-claim':
      return initiatorChain ? `${tx.sender} claims TX1 with x` : `${tx.sender} claims TX3 with x: x is public on this chain now`;
    default:
      return initiatorChain ? `TX2: ${tx.sender} takes TX1 back (its time lock is open)` : `TX4: ${tx.sender} takes TX3 back (its time lock is open)`;
  }
}

/** Simulated time as 0h25m00s. */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m${String(s % 60).padStart(2, '0')}s`;
}

export interface StoryLine {
  readonly time: number;
  /** Order among lines of one time: blocks, their transactions, then what parties did. */
  readonly rank: number;
  readonly text: string;
}

/**
 * Every chain block by block: each block that included a transaction `describe` tells (undefined:
 * not part of the story) with those transactions, quiet stretches folded into one line.
 */
export function blockLines(x: CrossChainRecords, describe: (tx: TxRecord, chain: string) => string | undefined): StoryLine[] {
  const lines: StoryLine[] = [];
  for (const [name, c] of Object.entries(x.chains)) {
    const busy = new Map<number, string[]>();
    for (const tx of c.txs) {
      if (tx.status !== 'confirmed') continue;
      const text = describe(tx, name);
      if (text !== undefined) busy.set(tx.confirmedHeight, [...(busy.get(tx.confirmedHeight) ?? []), text]);
    }
    let quiet: { from: number; to: number; time: number } | undefined;
    const flush = (): void => {
      if (quiet) lines.push({ time: quiet.time, rank: 0, text: `${name} ${quiet.from === quiet.to ? `block ${quiet.from}` : `blocks ${quiet.from}–${quiet.to}`}: nothing for the swap` });
      quiet = undefined;
    };
    for (const b of c.blocks) {
      const txs = busy.get(b.height);
      if (!txs) {
        if (quiet) quiet.to = b.height;
        else quiet = { from: b.height, to: b.height, time: b.time };
        continue;
      }
      flush();
      lines.push({ time: b.time, rank: 0, text: `${name} block ${b.height} · ${clock(b.time)}` });
      for (const text of txs) lines.push({ time: b.time, rank: 1, text: `  included: ${text}` });
    }
    flush();
  }
  return lines;
}

/** The lines in time order (ties by rank, then as given). */
export function inTimeOrder(lines: readonly StoryLine[]): string[] {
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.time - b.l.time || a.l.rank - b.l.rank || a.i - b.i)
    .map(({ l }) => l.text);
}

export function swapStory(x: CrossChainRecords): string[] {
  // Which chain holds the initiator's lock (TX1): where it agreed.
  const initiatorChains = new Set(x.swapEvents.filter((e) => e.step === 'agree').map((e) => e.chain));
  const lines = blockLines(x, (tx, chain) => (SWAP_KINDS.has(tx.kind) ? `${txText(tx, initiatorChains.has(chain))}, fee ${formatMsat(tx.feeMsat)}` : undefined));
  for (const [name, c] of Object.entries(x.chains)) {
    for (const tx of c.txs) {
      if (SWAP_KINDS.has(tx.kind) && tx.status === 'dropped') lines.push({ time: tx.droppedAt, rank: 2, text: `  ${name}: ${tx.sender}'s ${tx.kind} refused by the contract (${tx.dropped}): the coins were gone` });
    }
  }
  for (const e of x.swapEvents) lines.push({ time: e.time, rank: 3, text: `${clock(e.time)}  ${e.node} (${e.chain}): ${e.tx ? `${e.tx} ` : ''}${e.step} — ${e.detail}` });
  for (const s of x.swaps) {
    const end = Math.max(0, ...lines.map((l) => l.time));
    lines.push({ time: end, rank: 9, text: `swap ${s.id}: ${s.outcome} (TX1 ${s.tx1}, TX3 ${s.tx3}); valued at ${s.valuationPrice} initiator-coin per responder-coin: ${s.initiator} ${formatMsat(s.initiatorGainMsat)}, ${s.responder} ${formatMsat(s.responderGainMsat)}` });
  }
  return inTimeOrder(lines);
}
