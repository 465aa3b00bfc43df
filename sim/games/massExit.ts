/**
 * mass-exit — BRIEF §7, DEFAULTS.md (Flood & Loot; Sguanci & Sidiropoulos). A hub has just
 * offered HTLCs to `channels` payees (at 6h; the channels are funded at genesis, so this set-up
 * does not depend on the block size), all expiring at block E = 55, and stops answering: no
 * payee can settle off-chain, so each goes on chain with R `deadline` blocks before expiry. The
 * chain includes `perBlock` transactions a block, so only perBlock × deadline closures confirm
 * in time; the others confirm after expiry, when the HTLC refunds the hub. Predicted share paid:
 * min(1, perBlock × deadline / channels).
 */
import type { RunRecords } from '../scenario/index.js';
import { formatShare, gainSat, numberIn, setIn, type Game, type Params, type ScenarioDoc } from './game.js';

const AMOUNT = 100;
/** The payments start at 6h (block 37: genesis is block 1 at t = 0); final delta 18. */
const EXPIRY = 55;

function payees(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `r${i + 1}`);
}

/** Share of payees whose claim confirmed in time: they end up with the HTLC's amount. */
export function paidShare(run: RunRecords): number {
  const rs = Object.keys(run.balances).filter((n) => /^r\d+$/.test(n));
  return rs.length === 0 ? 0 : rs.filter((n) => gainSat(run, n) > AMOUNT / 2).length / rs.length;
}

const predicted = (p: Params): number => Math.min(1, (p.perBlock! * p.deadline!) / p.channels!);

export const massExit: Game = {
  name: 'mass-exit',
  title: 'Mass exit: a failing hub and closures that congest the chain',
  file: 'mass-exit.yaml',
  players: [
    { node: 'hub', role: 'unresponsive hub' },
    { node: 'src', role: 'payer' },
    { node: 'r1', role: 'first payee' },
  ],
  params: [
    {
      name: 'channels',
      describe: 'payees with an HTLC pending from the hub',
      min: 1,
      max: 400,
      integer: true,
      apply: (d, v) => {
        const rs = payees(v);
        setIn(d, 'channels', [{ between: ['src', 'hub'], deposit: [`${(v + 1) * 1000} sat`, '1000 sat'] }, ...rs.map((r) => ({ between: ['hub', r], deposit: ['1000 sat', '1000 sat'] }))]);
        setIn(d, 'agents', Object.fromEntries(rs.map((r) => [r, { wallet: '10 sat' }])));
        setIn(d, 'payments', rs.map((r) => ({ at: '6h', from: 'src', to: r, amount: `${AMOUNT} sat` })));
      },
    },
    { name: 'perBlock', unit: 'tx per block', describe: 'transactions a block holds', min: 1, max: 10_000, integer: true, apply: (d, v) => setIn(d, 'chain.blockTxLimit', v) },
    { name: 'deadline', unit: 'blocks', describe: 'blocks before expiry at which a payee goes on chain', min: 1, max: 17, integer: true, apply: (d, v) => setIn(d, 'defaults.deadline', `${v} blocks`) },
  ],
  profiles: [
    { label: '10 channels (fit: 5 × 3 = 15)', set: { channels: 10 } },
    { label: '15 channels (exactly fit)', set: { channels: 15 } },
    { label: '20 channels', set: { channels: 20 } },
    { label: '40 channels', set: { channels: 40 } },
    { label: '40 channels, payees act 8 blocks early', set: { channels: 40, deadline: 8 } },
  ],
  outcome: {
    label: 'share of payees paid',
    measure: (run) => paidShare(run),
    predict: predicted,
    bounds: () => [0, 1],
    // Funded at genesis, every HTLC reaches its payee whatever the parameters; checked all the same.
    setUp: { text: 'every payment reached its payee before the hub failed', held: (run) => run.payments.every((p) => p.status === 'succeeded' || p.reason === 'payee-unpaid') },
    breakEven: 0.99,
    format: formatShare,
  },
  exampleSweep: 'channels=5..40:5',
  explain: (p) => [
    `${p.channels} HTLCs of ${AMOUNT} sat from the hub expire at block ${EXPIRY}; the hub stops signing, so each payee broadcasts its commitment with R at block ${EXPIRY - p.deadline! - 1}.`,
    `Blocks ${EXPIRY - p.deadline!}–${EXPIRY - 1} hold ${p.perBlock} × ${p.deadline} = ${p.perBlock! * p.deadline!} transactions; the rest confirm after expiry and the HTLC refunds the hub.`,
    `Predicted share paid: min(1, ${p.perBlock! * p.deadline!} / ${p.channels}) = ${formatShare(predicted(p))}; some closures fail once channels > ${p.perBlock! * p.deadline!} (channels per block × blocks left).`,
  ],
  defaults: (doc: ScenarioDoc) => ({
    channels: ((doc.channels as unknown[] | undefined)?.length ?? 1) - 1,
    perBlock: numberIn(doc, 'chain.blockTxLimit', 1),
    deadline: numberIn(doc, 'defaults.deadline', 6),
  }),
};
