/**
 * Per-channel and per-node results as fixed-column CSV (raw integers: msat, ms, heights).
 * channels.csv: capacity, each side's start and end balance in the newest sheet, payments
 * carried, forwarding fees earned, the HTLC slot peak, failures, how and when it closed.
 * nodes.csv: start and end holdings, payments, fees paid and earned, penalties won and lost.
 */
import type { RunRecords } from './records.js';
import { NodeState } from './channelLedger.js';
import { toCsv } from './csv.js';
import { naturalCompare } from './format.js';

export const CHANNELS_HEADER = [
  'channel', 'node_a', 'node_b', 'capacity_msat', 'start_a_msat', 'start_b_msat', 'end_a_msat', 'end_b_msat', 'imbalance',
  'payments_carried', 'volume_msat', 'fees_earned_msat', 'htlc_slots_peak', 'htlcs_failed', 'failures_caused',
  'close', 'closed_by', 'close_time_ms', 'close_height', 'close_outcome',
] as const;

export function channelsCsv(run: RunRecords): string {
  const rows = [...run.stats.ledger.channels.values()].map((c) => [
    c.info.id, c.info.between[0], c.info.between[1], c.capacityMsat, c.info.deposit[0], c.info.deposit[1], c.balance[0], c.balance[1],
    (Math.abs(c.balance[0] - c.balance[1]) / c.capacityMsat).toFixed(4),
    c.carried, c.volumeMsat, c.feesEarnedMsat, c.htlcSlotPeak, c.htlcsFailed, c.failuresCaused,
    c.close?.kind ?? '', c.close?.by ?? '', c.close?.timeMs ?? '', c.close?.height ?? '', c.close?.outcome ?? '',
  ]);
  return toCsv(CHANNELS_HEADER, rows);
}

export const NODES_HEADER = [
  'node', 'alias', 'channels', 'capacity_msat', 'start_msat', 'end_msat', 'change_msat', 'payments_sent', 'payments_succeeded', 'payments_received',
  'fees_paid_msat', 'fees_earned_msat', 'forwarded', 'penalties_won_msat', 'penalties_lost_msat', 'stolen_msat',
] as const;

/** One row per node, in natural name order. */
export function nodeRows(run: RunRecords): (string | number)[][] {
  const { ledger } = run.stats;
  const channels = new Map<string, { count: number; capacity: number }>();
  for (const c of ledger.channels.values()) {
    for (const n of c.info.between) {
      const s = channels.get(n) ?? { count: 0, capacity: 0 };
      s.count++;
      s.capacity += c.capacityMsat;
      channels.set(n, s);
    }
  }
  return Object.keys(run.balances).sort(naturalCompare).map((node) => {
    const b = run.balances[node]!;
    const n = ledger.nodes.get(node) ?? new NodeState();
    const ch = channels.get(node) ?? { count: 0, capacity: 0 };
    return [node, run.aliases[node] ?? '', ch.count, ch.capacity, b.startMsat, b.endMsat, b.endMsat - b.startMsat, n.paymentsSent, n.paymentsSucceeded, n.paymentsReceived,
      n.feesPaidMsat, n.feesEarnedMsat, n.forwarded, n.penaltiesWonMsat, n.penaltiesLostMsat, n.stolenMsat];
  });
}

export function nodesCsv(run: RunRecords): string {
  return toCsv(NODES_HEADER, nodeRows(run));
}
