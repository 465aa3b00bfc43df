/**
 * offline — BRIEF §7: both sides must stay online to watch the chain, or delegate to a
 * watchtower. Bob goes offline right after being paid, for `away` blocks; Alice cashes the
 * revoked sequence at once (included in block 8). Bob back at block 7 + away gets his penalty
 * in only before block 8 + freeze, so without a tower Alice wins exactly when away ≥ freeze + 1.
 * A tower punishes for him at once — unless congestion outbids its fixed fee (the justice
 * transaction was signed in advance) until the freeze is over.
 */
import { formatSat, numberIn, setFreeze, setIn, type Game, type Params, type ScenarioDoc } from './game.js';
import { cheatBounds, cheatGain, expectedCheatGain } from './breach.js';

const DELTA = 90;
const B_NEW = 10;
const FEE = 10;
/** Fees of the congestion's transactions, sat: above a cheap tower's, below the channel's. */
const CONGESTION_FEE = { min: '2 sat', max: '5 sat' };

/** Alice wins when nobody gets a penalty into blocks 9 … 7 + freeze. */
function aliceWins(p: Params): boolean {
  const towerInTime = p.tower! > 0 && (p.congestion! < 10 || p.towerFee! > 5);
  return !towerInTime && 7 + p.away! >= 8 + p.freeze!;
}

export const offline: Game = {
  name: 'offline',
  title: 'Offline: the defender misses the freeze, with and without a watchtower',
  file: 'offline.yaml',
  players: [
    { node: 'alice', role: 'cheater' },
    { node: 'bob', role: 'defender' },
    { node: 'tower', role: 'watchtower' },
  ],
  params: [
    { name: 'away', unit: 'blocks', describe: 'blocks Bob stays offline after the payment', min: 0, max: 100_000, integer: true, apply: (d, v) => setIn(d, 'actions', v > 0 ? [{ at: '3660s', node: 'bob', do: 'offline', for: `${v * 600}s` }] : []) },
    { name: 'freeze', unit: 'blocks', describe: 'the freeze, in blocks', min: 2, max: 2016, integer: true, apply: (d, v) => setFreeze(d, v) },
    {
      name: 'tower',
      describe: 'Bob has a watchtower (1) or not (0)',
      min: 0,
      max: 1,
      integer: true,
      apply: (d, v, all) => {
        const agents = d.agents as Record<string, unknown>;
        if (v > 0) agents.tower = { strategy: 'watchtower', watches: ['bob'], wallet: '50 sat', reward: all.reward ?? 0, fee: `${all.towerFee ?? FEE} sat` };
        else delete agents.tower;
      },
    },
    { name: 'reward', describe: "the tower's share of the penalty (0 altruist; lnd's reward towers 0.01)", min: 0, max: 0.99, apply: () => undefined },
    { name: 'towerFee', unit: 'sat', describe: "the tower's fixed justice fee, sat", min: 0, max: 50, integer: true, apply: () => undefined },
    {
      name: 'congestion', unit: 'tx per block',
      describe: 'other transactions per block interval, bidding 2–5 sat (blocks hold 10)',
      min: 0,
      max: 100,
      apply: (d, v) => {
        if (v > 0) setIn(d, 'traffic', { rate: `${v * 6}/h`, fee: CONGESTION_FEE });
        else delete d.traffic;
      },
    },
  ],
  profiles: [
    { label: 'Bob online throughout, no tower', set: { away: 0, tower: 0 } },
    { label: 'Bob away as set, no tower', set: { tower: 0 } },
    { label: 'Bob away as set, altruist tower', set: { tower: 1, reward: 0 } },
    { label: 'Bob away as set, reward tower (1%)', set: { tower: 1, reward: 0.01 } },
    { label: 'Bob away, tower fee 1 sat, congestion 20/block', set: { tower: 1, towerFee: 1, congestion: 20 } },
  ],
  payoffsFromMs: 4_200_000,
  outcome: {
    label: "Alice's gain from cheating",
    measure: (run) => cheatGain(run, 'alice'),
    predict: (p) => expectedCheatGain(DELTA, B_NEW, FEE, aliceWins(p) ? 0 : 1),
    bounds: () => cheatBounds(DELTA, B_NEW, FEE),
    breakEven: 0,
    format: formatSat,
  },
  exampleSweep: 'away=0..12:1',
  explain: (p) => [
    `Alice cashes revoked sequence 1 (Δ = ${DELTA} sat over the newest, b_new = ${B_NEW} sat, fee ${FEE} sat per transaction); it is included in block 8 and freezes her bond until block ${8 + p.freeze!}.`,
    `Bob, offline for ${p.away} blocks from 1h01m, is back for block ${7 + p.away!}: ${7 + p.away! < 8 + p.freeze! ? 'in time' : 'too late'} (he must be back before block ${8 + p.freeze!}, i.e. away ≤ freeze).`,
    p.tower! > 0
      ? `His tower broadcasts the justice transaction at once with a fixed fee of ${p.towerFee} sat${p.reward! > 0 ? `, keeping ${p.reward! * 100}% of the penalty` : ' (altruist)'}; ${p.congestion! >= 10 && p.towerFee! <= 5 ? `${p.congestion} transactions per block bidding 2–5 sat outbid it, so it waits past the freeze` : 'it confirms in the next block'}.`
      : 'He has no tower.',
    `Prediction: Alice ${aliceWins(p) ? `wins Δ − 2f = ${DELTA - 2 * FEE} sat` : `loses b_new + f = ${B_NEW + FEE} sat`}.`,
  ],
  defaults: (doc: ScenarioDoc) => ({
    away: Math.round(numberIn(doc, 'actions.0.for', 0) / 600),
    freeze: numberIn(doc, 'defaults.freeze', 144),
    tower: (doc.agents as Record<string, unknown>)?.tower ? 1 : 0,
    reward: 0,
    towerFee: FEE,
    congestion: 0,
  }),
};
