/**
 * Import of Core Lightning's `listchannels` JSON: `{ "channels": [ { source, destination,
 * short_channel_id, amount_msat, active, base_fee_millisatoshi, fee_per_millionth, delay,
 * htlc_minimum_msat, htlc_maximum_msat, … } ] }`, one entry per direction. Amounts are numbers of
 * msat, or strings such as "1000msat" (older releases). A channel known in one direction only
 * cannot forward the other way.
 */
import { z } from 'zod';
import { ScenarioError } from '../../errors.js';
import type { Policy } from '../../router/index.js';
import type { ImportedChannel, ImportedDirection, ImportedGraph } from './imported.js';
import { nodeId, parseRow, Tally, whole } from './rows.js';

/** CLN writes msat as a number, or as "123msat" before v23. */
const msat = (what: string) => z.preprocess((v) => (typeof v === 'string' ? v.replace(/msat$/, '') : v), whole(what));

const entrySchema = z.object({
  source: nodeId,
  destination: nodeId,
  short_channel_id: z.string().regex(/^\d+x\d+x\d+$/, { message: 'expected a short channel id such as 700000x1x0' }),
  amount_msat: msat('a capacity in msat'),
  active: z.boolean().optional(),
  base_fee_millisatoshi: whole('a base fee in msat').optional(),
  fee_per_millionth: whole('a fee rate in millionths').optional(),
  delay: whole('a delay in blocks').optional(),
  htlc_minimum_msat: msat('an amount in msat').optional(),
  htlc_maximum_msat: msat('an amount in msat').optional(),
});

export function isClnChannels(data: unknown): data is { channels: unknown[] } {
  return typeof data === 'object' && data !== null && Array.isArray((data as { channels?: unknown }).channels);
}

export function fromClnChannels(data: { channels: unknown[] }, file: string): ImportedGraph {
  const tally = new Tally();
  const byId = new Map<string, { between: [string, string]; capacityMsat: number; directions: [ImportedDirection, ImportedDirection]; row: number }>();
  data.channels.forEach((raw, i) => {
    const path = `channels[${i}]`;
    const e = parseRow(entrySchema, raw, file, path);
    if (e.source === e.destination) return tally.add('dropped {n} channels from a node to itself');
    let c = byId.get(e.short_channel_id);
    if (!c) byId.set(e.short_channel_id, (c = { between: [e.source, e.destination], capacityMsat: e.amount_msat, directions: [{ policy: undefined }, { policy: undefined }], row: i }));
    const side = e.source === c.between[0] && e.destination === c.between[1] ? 0 : e.source === c.between[1] && e.destination === c.between[0] ? 1 : undefined;
    if (side === undefined) throw new ScenarioError('bad-import', `channel ${e.short_channel_id} joins other nodes in channels[${c.row}]; expected the same two nodes`, `${path}.source`, file);
    if (c.directions[side]!.policy) throw new ScenarioError('bad-import', `channel ${e.short_channel_id} lists this direction twice (also channels[${c.row}])`, `${path}.short_channel_id`, file);
    const policy: Policy = { feeBaseMsat: e.base_fee_millisatoshi ?? 0, feePpm: e.fee_per_millionth ?? 0, cltvDelta: e.delay ?? 34, minHtlcMsat: e.htlc_minimum_msat ?? 0, disabled: e.active === false };
    const max = e.htlc_maximum_msat;
    c.directions[side] = { policy, ...(max !== undefined && max > 0 && max < c.capacityMsat ? { maxHtlcMsat: max } : {}) };
  });
  const channels: ImportedChannel[] = [];
  for (const [id, c] of byId) {
    if (c.capacityMsat === 0) {
      tally.add('dropped {n} channels of zero capacity');
      continue;
    }
    if (!c.directions[0].policy || !c.directions[1].policy) tally.add('{n} channels are listed in one direction only and cannot forward the other way');
    channels.push({ channelId: id, between: c.between, capacityMsat: c.capacityMsat, directions: c.directions });
  }
  return { nodes: [...new Set(channels.flatMap((c) => c.between))], channels, aliases: new Map(), excluded: [], warnings: tally.lines(file) };
}
