/**
 * The report's per-chain and swap sections (issue 20), present only when the scenario has
 * `chains:` or `swaps:`, so one-chain reports keep their bytes. Computed from the recorded rows.
 *
 *   chains.NAME: { blockIntervalSeconds, blocks, endHeight, transactions, dropped, feesMsat,
 *                  peakMempool, fundsConserved, checks, wallets: { NODE: { startMsat, endMsat } } }
 *   swaps: { started, completed, unwound, initiatorTookBoth, responderTookBoth, pending, rows: [...] }
 *   lightningSwaps: { started, completed, unwound, refused, exchangeLost, payerLost, pending, rows: [...] }
 */
import type { CrossChainRecords } from './records.js';
import type { LightningSwapOutcome, SwapOutcome } from './crossChainRecords.js';
import { round6 } from './stats.js';

export function crossChainBlocks(x: CrossChainRecords) {
  const chains = Object.fromEntries(
    Object.entries(x.chains).map(([name, c]) => [
      name,
      {
        blockIntervalSeconds: round6(c.blockIntervalMs / 1000),
        blocks: c.blocks.length,
        endHeight: c.blocks.length ? c.blocks[c.blocks.length - 1]!.height : 0,
        transactions: c.txs.filter((t) => t.status === 'confirmed').length,
        dropped: c.txs.filter((t) => t.status === 'dropped').length,
        feesMsat: c.feesMsat,
        peakMempool: c.peakMempool,
        // A broken conservation aborts the run, so a finished run has it.
        fundsConserved: true,
        checks: c.invariantChecks,
        wallets: c.wallets,
      },
    ]),
  );
  const count = (o: SwapOutcome): number => x.swaps.filter((s) => s.outcome === o).length;
  const swaps = {
    started: x.swaps.length,
    completed: count('completed'),
    unwound: count('unwound'),
    initiatorTookBoth: count('initiator-took-both'),
    responderTookBoth: count('responder-took-both'),
    pending: count('pending'),
    rows: x.swaps,
  };
  const txs = x.chains.btc?.txs ?? [];
  const done = txs.filter((t) => t.status === 'confirmed');
  const malleability = {
    /** Confirmed under a re-encoded id (`<id>'`). */
    reencodedConfirmed: done.filter((t) => t.id.endsWith("'")).length,
    withdrawalsConfirmed: done.filter((t) => t.kind === 'withdrawal').length,
    /** The pre-signed refund spends an output that will never exist. */
    refundVoid: txs.some((t) => t.kind === 'refund' && (t.status === 'dropped' && t.dropped === 'missing-input')),
    refundsConfirmed: done.filter((t) => t.kind === 'refund').length,
  };
  const apps = x.stateChannels;
  const stateChannels = {
    opened: apps.filter((a) => a.phase !== 'Funding').length,
    concluded: apps.filter((a) => a.closedBy === 'conclude').length,
    finalized: apps.filter((a) => a.closedBy === 'finalize').length,
    disputes: apps.reduce((s, a) => s + a.disputes, 0),
    onChainMoves: apps.reduce((s, a) => s + a.onChainMoves, 0),
    rows: apps,
  };
  const ln = x.lightningSwaps;
  const lnCount = (o: LightningSwapOutcome): number => ln.filter((l) => l.outcome === o).length;
  const lightningSwaps = { started: ln.length, completed: lnCount('completed'), unwound: lnCount('unwound'), refused: lnCount('refused'), exchangeLost: lnCount('exchange-lost'), payerLost: lnCount('payer-lost'), pending: lnCount('pending'), rows: ln };
  return { chains, ...(x.swaps.length > 0 ? { swaps } : {}), ...(ln.length > 0 ? { lightningSwaps } : {}), ...(x.malleabilityEvents.length > 0 ? { malleability } : {}), ...(apps.length > 0 ? { stateChannels } : {}), ...(x.virtualChannels.length > 0 ? { virtualChannels: { rows: x.virtualChannels } } : {}) };
}

/** Expect paths into these sections: `chains.<chain>.<field>` and `swaps.<field>` (numbers and booleans). */
export function crossChainExpectType(path: string): 'number' | 'boolean' | undefined {
  const chain = /^chains\.[^.]+\.(\w+)$/.exec(path);
  if (chain) return chain[1] === 'fundsConserved' ? 'boolean' : ['blockIntervalSeconds', 'blocks', 'endHeight', 'transactions', 'dropped', 'feesMsat', 'peakMempool', 'checks'].includes(chain[1]!) ? 'number' : undefined;
  if (/^chains\.[^.]+\.wallets\.[^.]+\.(startMsat|endMsat)$/.test(path)) return 'number';
  if (/^swaps\.(started|completed|unwound|initiatorTookBoth|responderTookBoth|pending)$/.test(path)) return 'number';
  if (/^malleability\.(reencodedConfirmed|withdrawalsConfirmed|refundsConfirmed)$/.test(path)) return 'number';
  if (path === 'malleability.refundVoid') return 'boolean';
  if (/^stateChannels\.(opened|concluded|finalized|disputes|onChainMoves)$/.test(path)) return 'number';
  if (/^stateChannels\.rows\.\d+\.(finalVersion|onChainMoves|disputes)$/.test(path) || /^stateChannels\.rows\.\d+\.(paidMsat|feesMsat)\.[^.]+$/.test(path)) return 'number';
  if (/^virtualChannels\.rows\.\d+\.(finalVersion|paymentsSucceeded|paymentsFailed|paidWhileIntermediaryOffline|intermediaryCollateralMsat|intermediaryLockedMsatSeconds)$/.test(path)) return 'number';
  if (/^virtualChannels\.rows\.\d+\.(finalBalances|ledgerMsat|feesMsat)\.[^.]+$/.test(path)) return 'number';
  if (/^virtualChannels\.rows\.\d+\.opened$/.test(path)) return 'boolean';
  if (/^swaps\.rows\.\d+\.(initiatorGainMsat|responderGainMsat|valuationPrice)$/.test(path)) return 'number';
  if (/^lightningSwaps\.(started|completed|unwound|refused|exchangeLost|payerLost|pending)$/.test(path)) return 'number';
  if (/^lightningSwaps\.rows\.\d+\.(payMsat|receiveMsat|payExpiryHeight|receiveExpiryHeight|payExpiryDueMs|receiveExpiryDueMs)$/.test(path)) return 'number';
  return undefined;
}
