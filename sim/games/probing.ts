/**
 * probing — balance discovery (Herrera-Joancomartí et al. 2019; issue 19). Mallory pays Bob
 * through Alice with hashes nobody knows: a probe that fits in alice→bob reaches Bob, who fails it
 * (`unknown-payment`); one that does not is refused by Alice (`insufficient-balance`). Nobody is
 * paid, nobody earns a fee, and the error messages tell Mallory which. Her binary search over
 * [0, capacity] halves the interval with each probe, so it needs
 *
 *   k = ⌈log2(capacity / precision)⌉ probes
 *
 * to know within `precision` what Alice can send: her balance less her reserve (1% of the
 * capacity). With a capacity of 1,000,000 sat the count is exactly k for every whole-sat
 * precision (prober.ts says when it could be one less).
 */
import { probesNeeded } from '../agents/index.js';
import type { RunRecords } from '../scenario/index.js';
import { numberIn, setIn, type Game, type Params, type ScenarioDoc } from './game.js';

const CAPACITY = 1_000_000;
const RESERVE = CAPACITY / 100;

/** Mallory's probes: her payments, all failed on purpose. */
export const probesOf = (run: RunRecords): readonly RunRecords['payments'][number][] => run.payments.filter((p) => p.from === 'mallory');

/** What the probes tell: the largest amount that fitted and the smallest refused, msat. */
export function probedInterval(run: RunRecords): { lowMsat: number; highMsat: number } {
  const probes = probesOf(run);
  const fitted = probes.filter((p) => p.reason === 'unknown-payment').map((p) => p.amountMsat);
  const refused = probes.filter((p) => p.reason === 'insufficient-balance').map((p) => p.amountMsat);
  return { lowMsat: Math.max(0, ...fitted), highMsat: Math.min(CAPACITY * 1000, ...refused) };
}

const sat = (msat: number): string => (msat / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 });

/** The search, probe by probe: what each failure said and what Mallory knows after it. */
export function probingStory(run: RunRecords): string[] {
  let low = 0;
  let high = CAPACITY * 1000;
  const lines = probesOf(run).map((p, i) => {
    const fits = p.reason === 'unknown-payment';
    if (fits) low = p.amountMsat;
    else high = p.amountMsat;
    const who = fits ? 'Bob failed it: unknown payment, so it fits' : "Alice refused it: temporary channel failure, it does not fit";
    return `  probe ${i + 1} at ${(p.time / 1000).toFixed(1)} s: ${sat(p.amountMsat)} sat — ${who}; Alice can send [${sat(low)}, ${sat(high)}) sat`;
  });
  return [`Mallory probes alice→bob (${CAPACITY.toLocaleString('en-US')} sat), each probe paying Bob with a hash nobody knows:`, ...lines, `  after ${lines.length} probes the interval is ${sat(high - low)} sat wide.`];
}

const predict = (p: Params): number => probesNeeded(CAPACITY * 1000, p.precision! * 1000);

export const probing: Game = {
  name: 'probing',
  title: "Probing: a channel's balance found by failed payments",
  file: 'probing.yaml',
  players: [
    { node: 'mallory', role: 'prober' },
    { node: 'alice', role: 'probed channel (sender side)' },
    { node: 'bob', role: 'probed channel (payee side)' },
  ],
  params: [
    { name: 'precision', unit: 'sat', describe: 'Mallory stops once she knows the balance within this', min: 1, max: CAPACITY, integer: true, apply: (d, v) => setIn(d, 'actions.0.precision', `${v} sat`) },
    {
      name: 'balance', unit: 'sat',
      describe: "Alice's side of alice-bob (the secret); Bob has the rest of the 1,000,000 sat",
      min: 1,
      max: CAPACITY - 1,
      integer: true,
      apply: (d, v) => setIn(d, 'channels.1.deposit', [`${v} sat`, `${CAPACITY - v} sat`]),
    },
  ],
  profiles: [
    { label: 'to the sat', set: { precision: 1 } },
    { label: 'within 1,000 sat', set: { precision: 1000 } },
    { label: 'within 100,000 sat', set: { precision: 100_000 } },
    { label: 'within 1,000 sat, Alice nearly empty', set: { precision: 1000, balance: 20_000 } },
  ],
  outcome: {
    label: "Mallory's probes",
    measure: (run) => probesOf(run).length,
    predict,
    bounds: () => [0, probesNeeded(CAPACITY * 1000, 1)],
    breakEven: 10,
    format: (v) => `${Number.isInteger(v) ? v : v.toFixed(1)} probes`,
  },
  story: (run) => probingStory(run),
  exampleSweep: 'precision=1000..10000:1000',
  explain: (p) => [
    `alice-bob holds ${CAPACITY.toLocaleString('en-US')} sat (public, from gossip); Alice's side, ${p.balance!.toLocaleString('en-US')} sat, is not. She can send it less her ${RESERVE.toLocaleString('en-US')} sat reserve: ${(p.balance! - RESERVE).toLocaleString('en-US')} sat.`,
    'Each probe is a payment to Bob with a hash nobody knows: if it fits, Bob fails it (unknown payment); if not, Alice does (temporary channel failure). Nobody is paid and no fee is due.',
    `Binary search over [0, capacity] halves the interval each time: k = ⌈log2(capacity / precision)⌉ = ⌈log2(${CAPACITY} / ${p.precision})⌉ = ${predict(p)} probes bring it within ${p.precision} sat.`,
  ],
  defaults: (doc: ScenarioDoc) => {
    const deposit = (doc.channels as { deposit?: unknown[] }[] | undefined)?.[1]?.deposit;
    return { precision: numberIn(doc, 'actions.0.precision', 1000), balance: numberIn(deposit, '0', CAPACITY / 2) };
  },
};
