/**
 * jamming — DEFAULTS.md "Jamming". Mallory routes `jams` HTLCs through hub→bob to Eve, who
 * holds each for an hour and then fails it (so Mallory pays no fee). Each held HTLC takes one of
 * hub→bob's `slots` (max_accepted_htlcs) and its amount of hub's balance. Alice's honest
 * payments to Bob need the same hop: they fail once the slots are full (slot jamming) or the
 * hub's balance left is short (liquidity jamming).
 */
import type { RunRecords } from '../scenario/index.js';
import { formatShare, numberIn, setIn, type Game, type Params, type ScenarioDoc } from './game.js';
import { MAX_HTLCS } from '../defaults.js';

/** Each side of every channel holds 10,000 sat and keeps 1% of the channel's 20,000 sat as reserve (BOLT #2). */
const SIDE = 10_000;
const RESERVE = 200;
/** Alice's honest payments: `HONEST_COUNT` of `HONEST` sat, every 30 s from 3660 s (the scenario file's second entry). */
const HONEST = 100;
const HONEST_COUNT = 40;

export function honestSuccess(run: RunRecords): number {
  const honest = run.payments.filter((p) => p.from === 'alice');
  return honest.length === 0 ? 0 : honest.filter((p) => p.status === 'succeeded').length / honest.length;
}

/** A forwarding fee of 1 sat + 1000 ppm of what the next hop carries (the file's feeBase, feePpm). */
const withFee = (msat: number): number => msat + 1000 + Math.floor((msat * 1000) / 1_000_000);

/**
 * The jams every hop accepts, in order: each needs a free slot and, on each of its three hops
 * (mallory→hub, hub→bob, bob→eve, each carrying the amount plus the fees further on), balance
 * above the reserve. Then Alice's payments: each settles at once (no slot kept) but moves 100 sat
 * of the hub's balance to Bob's side for good, so with a slot free, as many pass as the hub's
 * balance left unlocked covers.
 */
export function predictedShare(p: Params): number {
  const free = (SIDE - RESERVE) * 1000;
  const locked = [0, 0, 0];
  let held = 0;
  for (let i = 0; i < p.jams!; i++) {
    const bobHop = p.jamAmount! * 1000;
    const hops = [withFee(withFee(bobHop)), withFee(bobHop), bobHop];
    if (held >= p.slots! || hops.some((h, k) => locked[k]! + h > free)) break;
    hops.forEach((h, k) => (locked[k]! += h));
    held++;
  }
  if (held >= p.slots!) return 0;
  return Math.min(HONEST_COUNT, Math.floor((free - locked[1]!) / (HONEST * 1000))) / HONEST_COUNT;
}

export const jamming: Game = {
  name: 'jamming',
  title: 'Jamming: HTLC slots and liquidity held by an attacker',
  file: 'jamming.yaml',
  players: [
    { node: 'alice', role: 'honest payer' },
    { node: 'bob', role: 'honest payee' },
    { node: 'hub', role: 'forwarder' },
    { node: 'mallory', role: 'jammer (sender)' },
    { node: 'eve', role: 'jammer (holder)' },
  ],
  params: [
    {
      name: 'jams',
      describe: 'HTLCs Mallory sends and Eve holds',
      min: 0,
      max: MAX_HTLCS,
      integer: true,
      apply: (d, v) => (v > 0 ? setIn(d, 'payments.0.count', v) : (d.payments as unknown[]).splice(0, 1)),
    },
    { name: 'slots', describe: 'max HTLCs in flight per channel direction (max_accepted_htlcs)', min: 1, max: MAX_HTLCS, integer: true, apply: (d, v) => setIn(d, 'defaults.maxHtlcs', v) },
    {
      name: 'jamAmount', unit: 'sat',
      describe: 'sat per jamming HTLC (tiny: slot jamming; large: liquidity jamming)',
      min: 1,
      max: 9000,
      integer: true,
      apply: (d, v, all) => (all.jams! > 0 ? setIn(d, 'payments.0.amount', `${v} sat`) : undefined),
    },
  ],
  profiles: [
    { label: 'no jam (1 HTLC)', set: { jams: 1, jamAmount: 1 } },
    { label: 'slot jam: 9 of 10 slots', set: { jams: 9, jamAmount: 1 } },
    { label: 'slot jam: all 10 slots', set: { jams: 10, jamAmount: 1 } },
    { label: 'liquidity jam: 2 × 4,850 sat', set: { jams: 2, jamAmount: 4850 } },
  ],
  outcome: {
    label: "Alice's success rate",
    measure: (run) => honestSuccess(run),
    predict: predictedShare,
    bounds: () => [0, 1],
    breakEven: 0.5,
    format: formatShare,
  },
  exampleSweep: 'jams=0..12:1',
  explain: (p) => [
    `hub→bob accepts ${p.slots} HTLCs at a time; the hub has ${SIDE} sat on its side and keeps ${RESERVE} sat of reserve.`,
    `Mallory's ${p.jams} HTLCs of ${p.jamAmount} sat each (sent 0.1 s apart from 1h) take a slot and about ${p.jams! * p.jamAmount!} sat of the hub's balance for an hour, at no cost to her (failed HTLCs pay no fee).`,
    `Alice's ${HONEST_COUNT} payments of ${HONEST} sat (every 30 s from 1h01m) each need a free slot and move ${HONEST} sat of the hub's balance to Bob for good, so they pass while a slot is free and the hub's unlocked balance lasts.`,
    `Prediction: ${formatShare(predictedShare(p))} of them pass.`,
  ],
  defaults: (doc: ScenarioDoc) => ({
    jams: numberIn(doc, 'payments.0.count', 1),
    slots: numberIn(doc, 'defaults.maxHtlcs', MAX_HTLCS),
    jamAmount: numberIn(doc, 'payments.0.amount', 1),
  }),
};
