/**
 * lightning-swap — the atomic swap over Lightning channels on two chains (sim/swap/lightning.ts).
 * Alice pays W = 100,000 sat to the exchange X on a btc channel; X pays Bob W × 20 alt-sat on an
 * alt channel; both HTLCs carry Bob's hash lock. Payoffs are valued in btc sat at the rate
 * (20 alt-sat per sat), so an honest swap is worth 0 to everyone (no fees here).
 *
 * Closed form: the swap starts at 2h 2min (btc height 12, alt height 48). Alice's HTLC expires at
 * btc block h1 = 12 + ⌈6·T_pay⌉ (due h1 × 600 s), X's at alt block h2 = 48 + 24·T_recv (due
 * h2 × 150 s), T in hours. A careful X refuses unless X's is due 1 h before Alice's. A careless X
 * facing a Bob who claims at his last moment (in alt block h2 − 2) loses W when that comes no
 * earlier than Alice going on chain at h1: (h2 − 2) × 150 s ≥ h1 × 600 s. Every other profile
 * completes or unwinds: 0 for X.
 */
import type { RunRecords } from '../scenario/index.js';
import { formatDuration } from '../report/index.js';
import { lightningSwapStory } from '../swap/index.js';
import { formatSat, gainSat, getIn, numberIn, setIn, type Game, type Params, type ScenarioDoc } from './game.js';

const W_SAT = 100_000;
const RATE = 20;
const SWAP = 'lightningSwaps.0';
const CLAIMS = ['asap', 'late', 'never'] as const;

/** A node's gain in btc sat: on btc, plus on alt divided by the rate. */
export function lightningGainSat(run: RunRecords, node: string): number {
  const alt = run.crossChain?.chains.alt?.wallets[node];
  return gainSat(run, node) + (alt ? (alt.endMsat - alt.startMsat) / 1000 / RATE : 0);
}

/** The two expiries' due times (s), from the hours written in the scenario. */
function dues(p: Params): { pay: number; receive: number; bobClaims: number } {
  const h1 = 12 + Math.ceil(6 * p.payExpiry!);
  const h2 = 48 + 24 * p.receiveExpiry!;
  return { pay: h1 * 600, receive: h2 * 150, bobClaims: (h2 - 2) * 150 };
}

function predictedExchangeGain(p: Params): number {
  const d = dues(p);
  if (p.exchangeStop === 1 || p.payee !== 1) return 0;
  const forwards = p.careless === 1 || d.receive + 3600 <= d.pay;
  return forwards && d.bobClaims >= d.pay ? -W_SAT : 0;
}

/** Long enough for both expiries, the on-chain claims and refunds that follow them. */
function setUntil(doc: ScenarioDoc, p: Params): void {
  setIn(doc, 'run.until', `${Math.max(p.payExpiry!, p.receiveExpiry!) + 5}h`);
}

export const lightningSwap: Game = {
  name: 'lightning-swap',
  title: 'Swap over Lightning: one hash lock on two chains, a late payee and expiries the wrong way round',
  file: 'lightning-swap.yaml',
  players: [
    { node: 'alice', role: 'payer (btc)' },
    { node: 'xchg', role: 'exchange (btc and alt)' },
    { node: 'bob', role: 'payee (alt)' },
  ],
  params: [
    { name: 'payExpiry', describe: "T_pay: hours until Alice's HTLC to X expires (btc blocks, rounded up)", min: 1, max: 48, integer: true, apply: (d, v, all) => (setIn(d, `${SWAP}.pay.expiry`, `${v}h`), setUntil(d, all)) },
    { name: 'receiveExpiry', describe: "T_recv: hours until X's HTLC to Bob expires (alt blocks)", min: 1, max: 48, integer: true, apply: (d, v, all) => (setIn(d, `${SWAP}.receive.expiry`, `${v}h`), setUntil(d, all)) },
    { name: 'payee', describe: 'Bob: 0 settles at once, 1 claims on chain at his last moment, 2 never claims', min: 0, max: 2, integer: true, apply: (d, v) => setIn(d, `${SWAP}.payeeClaims`, CLAIMS[v]) },
    { name: 'careless', describe: 'X: 0 checks the expiries (1 h margin), 1 forwards whatever they are', min: 0, max: 1, integer: true, apply: (d, v) => setIn(d, `${SWAP}.checkExpiries`, v === 0) },
    { name: 'exchangeStop', describe: 'X: 0 forwards, 1 stops before forwarding', min: 0, max: 1, integer: true, apply: (d, v) => setIn(d, `${SWAP}.exchangeStop`, v === 1 ? 'forward' : 'never') },
  ],
  // The file's defaults are a late Bob and a careless X, so that sweeping T_recv shows where X starts losing.
  profiles: [
    { label: 'all honest', set: { payee: 0, careless: 0 } },
    { label: 'Bob claims at his last moment', set: { payee: 1, careless: 0 } },
    { label: 'Bob never claims', set: { payee: 2, careless: 0 } },
    { label: 'X stops before forwarding', set: { exchangeStop: 1, payee: 0, careless: 0 } },
    { label: 'wrong order (T_recv 7h > T_pay 6h), careful X', set: { receiveExpiry: 7, payee: 1, careless: 0 } },
    { label: 'wrong order, careless X, Bob late', set: { receiveExpiry: 7, payee: 1, careless: 1 } },
  ],
  payoff: lightningGainSat,
  story: (run) => (run.crossChain ? lightningSwapStory(run.crossChain) : []),
  outcome: {
    label: "the exchange's gain, valued in btc at the rate (sat)",
    measure: (run) => lightningGainSat(run, 'xchg'),
    predict: predictedExchangeGain,
    // Half the amount: a sweep marks where the exchange goes from keeping its coins to losing W.
    breakEven: -W_SAT / 2,
    format: formatSat,
    bounds: () => [-W_SAT, 0],
  },
  exampleSweep: 'receiveExpiry=3..8:1',
  explain: (p) => {
    const d = dues(p);
    return [
      `Alice pays ${W_SAT} sat on btc; X pays Bob ${W_SAT * RATE} alt-sat on alt; one hash lock (Bob's R). No fees.`,
      `Alice's HTLC is due at ${formatDuration(d.pay * 1000)}, X's at ${formatDuration(d.receive * 1000)}: ${d.receive < d.pay ? "ordered right (the leg toward Bob, who knows R, expires first)" : 'WRONG ORDER: Bob can reveal R after Alice took her HTLC back'}.`,
      `A careless X facing a late Bob loses ${W_SAT} sat when Bob's claim (alt block h2 − 2, ${formatDuration(d.bobClaims * 1000)}) comes no earlier than Alice going on chain (${formatDuration(d.pay * 1000)}).`,
    ];
  },
  defaults: (doc: ScenarioDoc) => ({
    payExpiry: numberIn(doc, `${SWAP}.pay.expiry`, 6), // written in hours ("6h")
    receiveExpiry: numberIn(doc, `${SWAP}.receive.expiry`, 3),
    payee: Math.max(0, CLAIMS.indexOf(String(getIn(doc, `${SWAP}.payeeClaims`) ?? 'asap') as (typeof CLAIMS)[number])),
    careless: getIn(doc, `${SWAP}.checkExpiries`) === false ? 1 : 0,
    exchangeStop: getIn(doc, `${SWAP}.exchangeStop`) === 'forward' ? 1 : 0,
  }),
};
