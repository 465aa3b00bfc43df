/**
 * atomic-swap — the cross-chain swap of the segwit/Lightning notes on two chains of one engine.
 * Alice (initiator) locks w = 100,000 sat on btc in TX1 (refund TX2 after T_A); Bob locks
 * v = 2,000,000 sat on alt in TX3 (refund TX4 after T_B); Alice claims TX3 with x; Bob reads x
 * there and claims TX1. Payoffs are valued in btc sat at the price where Alice decided.
 *
 * Closed forms: an honest swap costs each side its fees; a halt unwinds through the refunds, and
 * only a party that halts after x is public loses (Bob, not claiming TX1 before TX2 is valid).
 * The free option: Alice may claim at the last moment, T_B − 1 h, only if the price rose; with a
 * driftless lognormal price (σ per √hour) it is worth w·(2Φ(σ√T/2) − 1), T = T_B − 1 h — longer
 * deadlines give the initiator a bigger free option. Deadlines the wrong way round (T_A ≤ T_B):
 * Alice takes TX1 back at T_A and still claims TX3 before T_B, so she keeps both (+v·p).
 */
import type { RunRecords } from '../scenario/index.js';
import { freeOptionValue, swapStory } from '../swap/index.js';
import { formatSat, getIn, numberIn, setIn, type Game, type Params, type ScenarioDoc } from './game.js';

const W_SAT = 100_000;
const FEE_SAT = 1;
const CLAIMS = ['asap', 'late', 'option'] as const;
const STOPS = ['never', 'lock', 'claim'] as const;
const SWAP = 'swaps.0';

/** A player's gain from the swap in btc sat, valued at the swap's price (0 if the run had no swap). */
export function swapGainSat(run: RunRecords, node: string): number {
  const row = run.crossChain?.swaps[0];
  if (!row) return 0;
  return (row.initiator === node ? row.initiatorGainMsat : row.responder === node ? row.responderGainMsat : 0) / 1000;
}

/** Alice's expected gain (sat) for the profile, from the closed forms above. */
function predictedGain(p: Params): number {
  const wrongOrder = p.initiatorRefund! <= p.responderRefund!;
  const claimFee = FEE_SAT * (W_SAT / 2_000_000); // 1 alt sat, in btc sat at the money
  if (p.stopA === 1) return 0;
  if (p.stopB === 1 || p.stopA === 2) return -2 * FEE_SAT; // TX1 and TX2
  if (p.stopB === 2 || (wrongOrder && p.claim! > 0)) return W_SAT - 2 * FEE_SAT - claimFee; // keeps TX1 (via TX2) and TX3
  if (p.claim === 2) return freeOptionValue(W_SAT, p.volatility!, p.responderRefund! - 1) - FEE_SAT - claimFee;
  return -FEE_SAT - claimFee;
}

export const atomicSwap: Game = {
  name: 'atomic-swap',
  title: 'Atomic swap: TX1..TX4 across two chains, halts, the free option and misordered deadlines',
  file: 'atomic-swap.yaml',
  players: [
    { node: 'alice', role: 'initiator (btc)' },
    { node: 'bob', role: 'responder (alt)' },
  ],
  params: [
    { name: 'initiatorRefund', describe: "T_A: hours until Alice's refund TX2 is valid", min: 2, max: 200, integer: true, apply: (d, v) => setIn(d, `${SWAP}.initiator.refund`, `${v}h`) },
    { name: 'responderRefund', describe: "T_B: hours until Bob's refund TX4 is valid", min: 2, max: 200, integer: true, apply: (d, v) => setIn(d, `${SWAP}.responder.refund`, `${v}h`) },
    { name: 'claim', describe: 'when Alice claims TX3: 0 at once, 1 at T_B − 1h, 2 at T_B − 1h only if the price rose (the free option)', min: 0, max: 2, integer: true, apply: (d, v) => setIn(d, `${SWAP}.claim`, CLAIMS[v]) },
    { name: 'stopA', describe: 'Alice halts: 0 never, 1 before TX1, 2 before claiming TX3', min: 0, max: 2, integer: true, apply: (d, v) => setIn(d, `${SWAP}.initiator.stop`, STOPS[v]) },
    { name: 'stopB', describe: 'Bob halts: 0 never, 1 before TX3, 2 before claiming TX1', min: 0, max: 2, integer: true, apply: (d, v) => setIn(d, `${SWAP}.responder.stop`, STOPS[v]) },
    { name: 'volatility', describe: 'σ of the alt price per √hour', min: 0, max: 0.2, apply: (d, v) => setIn(d, `${SWAP}.volatility`, v) },
  ],
  profiles: [
    { label: 'both honest, Alice claims at once', set: { claim: 0 } },
    { label: 'Alice halts before claiming TX3', set: { stopA: 2 } },
    { label: 'Bob halts before locking TX3', set: { stopB: 1 } },
    { label: 'Bob halts before claiming TX1', set: { stopB: 2 } },
    { label: 'Alice holds the free option', set: { claim: 2 } },
    { label: 'wrong order T_A = 24h ≤ T_B = 48h, Alice late', set: { claim: 1, initiatorRefund: 24, responderRefund: 48 } },
  ],
  payoff: swapGainSat,
  story: (run) => (run.crossChain ? swapStory(run.crossChain) : []),
  outcome: {
    label: "Alice's gain, valued in btc at the price where she decided (sat)",
    measure: (run) => swapGainSat(run, 'alice'),
    predict: predictedGain,
    breakEven: 0,
    format: formatSat,
    // Alice can lose at most her fees, and gain at most both coins' worth.
    bounds: () => [-3 * FEE_SAT, 2 * W_SAT],
  },
  exampleSweep: 'stopB=0..2:1',
  explain: (p) => {
    const t = p.responderRefund! - 1;
    return [
      `w = ${W_SAT} sat on btc for v = 2,000,000 sat on alt (at the money: 1 alt sat = 0.05 btc sat); fee 1 sat per transaction on each chain.`,
      `Deadlines: TX2 after T_A = ${p.initiatorRefund} h, TX4 after T_B = ${p.responderRefund} h: ${p.initiatorRefund! > p.responderRefund! ? 'ordered right (T_A > T_B): once Alice shows x, Bob has T_A − T_B to claim TX1' : 'WRONG ORDER (T_A ≤ T_B): Alice can refund TX1 and still claim TX3'}.`,
      `Free option: claiming at T_B − 1 h only if the price rose is worth w·(2Φ(σ√T/2) − 1) = ${freeOptionValue(W_SAT, p.volatility!, t).toFixed(0)} sat for σ = ${p.volatility}, T = ${t} h (≈ w·σ·√(T/2π)); Bob bears it.`,
    ];
  },
  defaults: (doc: ScenarioDoc) => ({
    initiatorRefund: numberIn(doc, `${SWAP}.initiator.refund`, 48),
    responderRefund: numberIn(doc, `${SWAP}.responder.refund`, 24),
    claim: Math.max(0, CLAIMS.indexOf(String(getIn(doc, `${SWAP}.claim`) ?? 'asap') as (typeof CLAIMS)[number])),
    stopA: Math.max(0, STOPS.indexOf(String(getIn(doc, `${SWAP}.initiator.stop`) ?? 'never') as (typeof STOPS)[number])),
    stopB: Math.max(0, STOPS.indexOf(String(getIn(doc, `${SWAP}.responder.stop`) ?? 'never') as (typeof STOPS)[number])),
    volatility: numberIn(doc, `${SWAP}.volatility`, 0.01),
  }),
};
