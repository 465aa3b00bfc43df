/**
 * htlc-race — the HTLC timeout race (DEFAULTS.md; Flood & Loot). Alice pays Carol through Bob
 * and then stops answering; Carol (a griefer) withholds R and claims her HTLC on chain in the
 * last block before it expires (block E − 1), so Bob learns R only then; her accomplices flood
 * the chain so Bob's own claim on the Alice–Bob channel confirms `delay` blocks later, at block
 * E − 1 + delay. Bob's incoming HTLC expires at E + margin (his cltvDelta). So the forwarder
 * loses the amount exactly when margin < delay, its time to confirm.
 */
import { formatSat, gainSat, numberIn, setIn, type Game, type Params, type ScenarioDoc } from './game.js';

const AMOUNT = 500;
const FORWARD_FEE = 1;
const TX_FEE = 1;
const BLOCK_TXS = 10;

export const htlcRace: Game = {
  name: 'htlc-race',
  title: 'HTLC race: a forwarder whose time-lock margin is shorter than its time to confirm',
  file: 'htlc-race.yaml',
  players: [
    { node: 'alice', role: 'payer, colluding' },
    { node: 'bob', role: 'forwarder' },
    { node: 'carol', role: 'griefer' },
  ],
  params: [
    { name: 'margin', unit: 'blocks', describe: "Bob's cltvDelta: blocks between his outgoing and incoming expiries", min: 1, max: 144, integer: true, apply: (d, v) => setIn(d, 'channels.1.cltvDelta', `${v} blocks`) },
    {
      name: 'delay', unit: 'blocks',
      describe: "blocks Bob's claim takes to confirm once R is public (the flood is (delay − 1) × 10 transactions)",
      min: 1,
      max: 50,
      integer: true,
      apply: (d, v) => setIn(d, 'agents.carol.flood', (v - 1) * BLOCK_TXS),
    },
  ],
  profiles: [
    { label: 'margin 6 ≥ delay 4: Bob claims in time', set: { margin: 6, delay: 4 } },
    { label: 'margin 4 = delay 4: in time, just', set: { margin: 4, delay: 4 } },
    { label: 'margin 3 < delay 4: Bob loses the amount', set: { margin: 3, delay: 4 } },
    { label: 'no flood (delay 1), margin 1', set: { margin: 1, delay: 1 } },
  ],
  payoffsFromMs: 3_600_000, // block 6, just before the payment
  outcome: {
    label: "Bob's gain",
    measure: (run) => gainSat(run, 'bob', 3_600_000),
    // He earns the forwarding fee and pays one claim; or he paid Carol and Alice times out.
    predict: (p: Params) => (p.margin! >= p.delay! ? FORWARD_FEE - TX_FEE : -AMOUNT - TX_FEE),
    bounds: () => [-AMOUNT - TX_FEE, FORWARD_FEE],
    breakEven: 0,
    format: formatSat,
  },
  exampleSweep: 'margin=1..8:1',
  explain: (p) => [
    `Carol's HTLC expires at block E = 24 (the payment at block 6 + final delta 18); she claims it on chain in block E − 1 = 23, revealing R.`,
    `Bob's incoming HTLC from Alice expires at E + margin = ${24 + p.margin!}; he reads R from block 23 and broadcasts his claim (his copy with R) once block 24 is mined; it waits behind ${(p.delay! - 1) * BLOCK_TXS} flooding transactions bidding more and confirms in block ${23 + p.delay!}.`,
    `He is in time iff 23 + delay < 24 + margin, i.e. margin ≥ delay: here ${p.margin! >= p.delay! ? 'in time' : `too late — Alice's refund takes the ${AMOUNT} sat back`}.`,
  ],
  defaults: (doc: ScenarioDoc) => ({
    margin: numberIn(doc, 'channels.1.cltvDelta', 40),
    delay: numberIn(doc, 'agents.carol.flood', 0) / BLOCK_TXS + 1,
  }),
};
