/**
 * jamming — DEFAULTS.md "Jamming". Mallory routes `jams` HTLCs through hub→bob to Eve, who
 * holds each for an hour and then fails it (so Mallory pays no fee). Each held HTLC takes one of
 * hub→bob's `slots` (max_accepted_htlcs) and its amount of hub's balance. Alice's honest
 * payments to Bob need the same hop: they fail once the slots are full (slot jamming) or the
 * hub's balance left is short (liquidity jamming).
 */
import type { RunRecords } from '../scenario/run.js';
import { formatShare, numberIn, setIn, type Game, type Params, type ScenarioDoc } from './game.js';
import { MAX_HTLCS } from '../defaults.js';

const HUB_BALANCE = 10_000;
/** The hub keeps 1% of the channel's 20,000 sat as reserve (BOLT #2). */
const RESERVE = 200;
const HONEST = 100;

export function honestSuccess(run: RunRecords): number {
  const honest = run.payments.filter((p) => p.from === 'alice');
  return honest.length === 0 ? 0 : honest.filter((p) => p.status === 'succeeded').length / honest.length;
}

/** Bob's fee for forwarding to Eve (1 sat + 1000 ppm): the hub's hop carries amount + fee. */
function hubHopMsat(amountSat: number): number {
  const msat = amountSat * 1000;
  return msat + 1000 + Math.floor((msat * 1000) / 1_000_000);
}

/**
 * The jams the hub accepts (each while a slot is free and its balance stays above the reserve),
 * then whether an honest payment still passes the same test.
 */
function predicted(p: Params): number {
  let locked = 0;
  let held = 0;
  for (let i = 0; i < p.jams!; i++) {
    const hop = hubHopMsat(p.jamAmount!);
    if (held >= p.slots! || locked + hop > (HUB_BALANCE - RESERVE) * 1000) break;
    locked += hop;
    held++;
  }
  return held < p.slots! && locked + HONEST * 1000 <= (HUB_BALANCE - RESERVE) * 1000 ? 1 : 0;
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
    { name: 'jams', describe: 'HTLCs Mallory sends and Eve holds', min: 0, max: MAX_HTLCS, integer: true, apply: (d, v) => setIn(d, 'payments.0.count', Math.max(1, v)) },
    { name: 'slots', describe: 'max HTLCs in flight per channel direction (max_accepted_htlcs)', min: 1, max: MAX_HTLCS, integer: true, apply: (d, v) => setIn(d, 'defaults.maxHtlcs', v) },
    { name: 'jamAmount', describe: 'sat per jamming HTLC (tiny: slot jamming; large: liquidity jamming)', min: 1, max: 9000, integer: true, apply: (d, v) => setIn(d, 'payments.0.amount', `${v} sat`) },
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
    predict: predicted,
    breakEven: 0.5,
    format: formatShare,
  },
  explain: (p) => [
    `hub→bob accepts ${p.slots} HTLCs at a time; the hub has ${HUB_BALANCE} sat on its side and keeps ${RESERVE} sat of reserve.`,
    `Mallory's ${p.jams} HTLCs of ${p.jamAmount} sat each take ${p.jams} slot(s) and about ${p.jams! * p.jamAmount!} sat for an hour, at no cost to her (failed HTLCs pay no fee).`,
    `Prediction: Alice's ${HONEST}-sat payments pass iff a slot is free (jams < slots) and the hub's free balance covers them — ${predicted(p) === 1 ? 'they pass' : 'they fail'}.`,
  ],
  defaults: (doc: ScenarioDoc) => ({
    jams: numberIn(doc, 'payments.0.count', 1),
    slots: numberIn(doc, 'defaults.maxHtlcs', MAX_HTLCS),
    jamAmount: numberIn(doc, 'payments.0.amount', 1),
  }),
};
