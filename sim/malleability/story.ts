/** The malleability stories block by block, from the recorded rows: what confirmed under which id, what was dropped, what the parties concluded. */
import type { CrossChainRecords } from '../report/index.js';
import { clock } from '../swap/index.js';
import { formatMsat } from '../units.js';

export function malleabilityStory(x: CrossChainRecords): string[] {
  const lines: { time: number; rank: number; text: string }[] = [];
  const btc = x.chains.btc!;
  const told = btc.txs.filter((t) => t.kind !== 'background');
  const heights = new Set(told.flatMap((t) => (t.status === 'confirmed' ? [t.confirmedHeight] : [])));
  for (const b of btc.blocks) if (heights.has(b.height)) lines.push({ time: b.time, rank: 0, text: `block ${b.height} · ${clock(b.time)}` });
  for (const t of told) {
    const reencoded = t.id.endsWith("'") ? ` — re-encoded by a relayer (s → n − s) from ${t.id.slice(0, -1)}: same spend, another id` : '';
    if (t.status === 'confirmed') lines.push({ time: t.confirmedAt, rank: 1, text: `  included: ${t.sender}'s ${t.kind} ${t.id}${reencoded}, fee ${formatMsat(t.feeMsat)}` });
    if (t.status === 'dropped') lines.push({ time: t.droppedAt, rank: 2, text: `  dropped: ${t.sender}'s ${t.kind} ${t.id} (${t.dropped})` });
  }
  for (const e of x.malleabilityEvents) lines.push({ time: e.time, rank: 3, text: `${clock(e.time)}  ${e.node}: ${e.what}` });
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.time - b.l.time || a.l.rank - b.l.rank || a.i - b.i)
    .map(({ l }) => l.text);
}
