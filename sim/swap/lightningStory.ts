/**
 * The story of a run with swaps over Lightning, block by block on every chain: each block that
 * included a transaction (a deposit, a commitment that shows R or refunds an HTLC, a withdrawal),
 * the swap's steps in between, quiet stretches folded into one line per chain. From recorded rows.
 */
import { type CrossChainRecords, groupDigits } from '../report/index.js';
import { blockLines, clock, inTimeOrder } from './story.js';

const WHAT: Readonly<Record<string, string>> = {
  deposit: 'a channel deposit',
  'cash-htlc': 'a commitment with the swap’s HTLC in it (paid to the payee with R, or back to the offerer after its expiry)',
  'cash-rsmc': 'a commitment',
  'htlc-claim': 'a claim of the HTLC with R',
  'htlc-timeout': 'the HTLC’s refund after its expiry',
  withdraw: 'a withdrawal of a closed channel’s balance after its freeze',
};

export function lightningSwapStory(x: CrossChainRecords): string[] {
  const lines = blockLines(x, (tx) => `${WHAT[tx.kind] ?? tx.kind} by ${tx.sender}`);
  for (const e of x.lightningSwapEvents) lines.push({ time: e.time, rank: 3, text: `${clock(e.time)}  ${e.node} (${e.chain}): ${e.what}` });
  const end = Math.max(0, ...lines.map((l) => l.time));
  for (const s of x.lightningSwaps) {
    lines.push({ time: end, rank: 9, text: `swap ${s.id}: ${s.outcome} (${s.payer}’s HTLC ${s.payLeg}, ${s.exchange}’s HTLC ${s.receiveLeg}); ${s.payer} paid ${groupDigits(s.payMsat / 1000)} sat for ${groupDigits(s.receiveMsat / 1000)} sat of the other chain’s coin` });
  }
  return inTimeOrder(lines);
}
