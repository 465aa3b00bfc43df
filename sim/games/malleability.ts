/**
 * malleability — why channels need segregated witness (BRIEF §7, the segwit notes). Without
 * segwit, a relayer re-encodes each signed spend with probability `malleate`, so it confirms
 * under another id. Two stories on one chain: the exchange that tracks a 50,000 sat withdrawal by
 * id pays it again when that id is dropped (Mt. Gox), and Alice's 100,000 sat funding of a 2-of-2
 * with Bob confirms as F', so her refund signed against F is void: the coins are hostage.
 *
 * Closed form, per story: the exchange loses 50,000 sat (pays twice) with probability m, and
 * Alice's coins are held with probability m, so E[loss] = m × (50,000 + 100,001) sat; with
 * segwit ids do not change and both losses are 0.
 */
import type { RunRecords } from '../scenario/index.js';
import { malleabilityStory } from '../malleability/index.js';
import { formatSat, gainSat, getIn, numberIn, setIn, type Game, type ScenarioDoc } from './game.js';

const WITHDRAWAL_SAT = 50_000;
const FUNDING_SAT = 100_001;

/** What the exchange paid beyond the one withdrawal, plus Alice's coins left in the 2-of-2 by a void refund, sat. */
export function malleabilityLoss(run: RunRecords): number {
  const overpaid = Math.max(0, gainSat(run, 'carol') - WITHDRAWAL_SAT);
  const voidRefund = run.crossChain?.chains.btc?.txs.some((t) => t.kind === 'refund' && (t.status === 'dropped' && t.dropped === 'missing-input')) ?? false;
  return overpaid + (voidRefund ? FUNDING_SAT - 1 : 0);
}

export const malleability: Game = {
  name: 'malleability',
  title: 'Malleability: re-encoded signatures before segwit (the exchange pays twice; a funding refund is void)',
  file: 'malleability.yaml',
  players: [
    { node: 'gox', role: 'exchange' },
    { node: 'carol', role: 'customer' },
    { node: 'alice', role: 'channel funder' },
  ],
  params: [
    { name: 'segwit', describe: 'segregated witness: 1 on (ids fixed), 0 off', min: 0, max: 1, integer: true, apply: (d, v) => setIn(d, 'chain.segwit', v === 1) },
    { name: 'malleate', describe: 'share of signed spends a relayer re-encodes (without segwit)', min: 0, max: 1, apply: (d, v) => setIn(d, 'chain.malleate', v) },
  ],
  profiles: [
    { label: 'no segwit, every spend re-encoded', set: { segwit: 0, malleate: 1 } },
    { label: 'no segwit, half re-encoded', set: { segwit: 0, malleate: 0.5 } },
    { label: 'segwit (ids fixed)', set: { segwit: 1 } },
  ],
  story: (run) => (run.crossChain ? malleabilityStory(run.crossChain) : []),
  outcome: {
    label: "exchange's overpayment + Alice's hostage coins (sat)",
    measure: malleabilityLoss,
    predict: (p) => (p.segwit === 1 ? 0 : p.malleate! * (WITHDRAWAL_SAT + FUNDING_SAT - 1)),
    breakEven: 0,
    format: formatSat,
    bounds: () => [0, WITHDRAWAL_SAT + FUNDING_SAT],
  },
  exampleSweep: 'segwit=0..1:1',
  explain: (p) => [
    `segwit ${p.segwit === 1 ? 'on: a transaction id covers no signature, so no relayer can change it (BIP 141; low-s by BIP 146 as today)' : `off: each signed spend is re-encoded with probability m = ${p.malleate}`}.`,
    `E[loss] = m × (50,000 sat paid twice + 100,000 sat held hostage) = ${p.segwit === 1 ? 0 : (p.malleate! * (WITHDRAWAL_SAT + FUNDING_SAT - 1)).toFixed(0)} sat.`,
  ],
  defaults: (doc: ScenarioDoc) => ({ segwit: getIn(doc, 'chain.segwit') === false ? 0 : 1, malleate: numberIn(doc, 'chain.malleate', 0) }),
};
