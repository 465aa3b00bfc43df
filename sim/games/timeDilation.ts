/**
 * time-dilation — Riard & Naumenko, "Time-Dilation Attacks on the Lightning Network" (2020). The
 * attackers eclipse Bob: every block reaches him `delay` blocks late (agents.bob.chainDelay), so he
 * acts on a height `delay` below the chain's while the chain, and they, move on. Two thefts:
 *
 * - Breach. Mallory has paid Bob 90 sat (Δ); she cashes revoked sequence 1 in block c = 8. Bob sees
 *   it when block c + delay is mined and his penalty confirms one block later; it must beat her
 *   withdrawal, which the freeze lets in from block c + freeze. In time iff c + delay + 1 < c + freeze:
 *
 *     steal iff delay ≥ W_breach = freeze − 1     (Bob loses Δ + b_new = 100 sat against a punishment)
 *
 * - HTLC. Alice pays Carol 500 sat through Bob and stops answering; Carol withholds R and claims on
 *   chain in the last block before her HTLC's expiry E, block E − 1. Bob must claim Alice's HTLC,
 *   which expires at E + Δ (Δ his lock margin, bob-carol's cltvDelta), with a commitment that
 *   confirms before it. He goes on chain once he sees R (block E − 1) and his claim deadline
 *   (E + Δ − deadline − 1) has come, each `delay` blocks late, and confirms one block later:
 *
 *     steal iff delay ≥ W_htlc = min(Δ, deadline)  (Bob pays Carol and Alice takes her 500 sat back)
 *
 * The paper's condition: the delay must exceed the CLTV delta (the breach: the to_self_delay),
 * less the blocks the victim needs to react. Its measurements: with the implementations' defaults
 * of 2020, keeping a node eclipsed for as little as 2 hours (about 12 blocks of delay) sufficed to
 * steal a channel's capacity, and 500 Sybil nodes eclipse 47% of newly deployed light clients.
 * Eclipsing costs the attackers nothing on chain here.
 */
import type { RunRecords } from '../scenario/index.js';
import { formatSat, gainSat, numberIn, setFreeze, setIn, type Game, type Params, type ScenarioDoc } from './game.js';
import { narrate } from './narrate.js';

/** Mallory's payment (Δ), what she keeps of her 100 sat deposit (b_new), Alice's payment to Carol, Bob's forwarding fee: sat. */
const DELTA = 90;
const B_NEW = 10;
const AMOUNT = 500;
const FEE = 1;
/** Heights of the story: Mallory's cash confirms in block 8; Carol's HTLC expires at E = 24 (block 6 + finalCltvDelta 18). */
const CASH_BLOCK = 8;
const EXPIRY = 24;

/** Blocks of delay from which Mallory keeps her stolen sequence: the freeze less the block Bob's penalty takes to confirm. */
export const breachWindow = (freeze: number): number => freeze - 1;

/** Blocks of delay from which Bob's upstream claim comes too late: his lock margin, or his claim deadline if shorter. */
export const htlcWindow = (margin: number, deadline: number): number => Math.min(margin, deadline);

/**
 * Bob's gain, sat, counted from before both payments. Breach: punished, he takes Mallory's whole
 * deposit, Δ + b_new; unpunished, she withdraws it and her payment of Δ is undone (0). HTLC: his
 * fee, or the amount he paid Carol without being paid by Alice.
 */
export function bobGain(p: Params): number {
  const breach = p.delay! >= breachWindow(p.freeze!) ? 0 : DELTA + B_NEW;
  const htlc = p.delay! >= htlcWindow(p.margin!, p.deadline!) ? -AMOUNT : FEE;
  return breach + htlc;
}

/** What Bob sees late, by the block that shows it to him. */
const SEEN: Readonly<Record<number, string>> = {
  [CASH_BLOCK]: "only now does he see Mallory's revoked cash and punish",
  [EXPIRY - 1]: "only now does he read R in Carol's claim",
};

/**
 * The default story, each block (or quiet range of blocks) also as Bob sees it: when the chain says
 * block h, Bob's view says h − delay; the blocks of the two stories are pointed out when he sees them.
 */
export function timeDilationStory(run: RunRecords, verbose: boolean, p: Params): string[] {
  const delay = p.delay!;
  const seen = (h: number): number => Math.max(0, h - delay);
  const lines = narrate(run, ['mallory', 'alice', 'bob', 'carol'], verbose).map((line) => {
    const blocks = /^blocks? (\d+)(?:–(\d+))?/.exec(line);
    if (!blocks) return line;
    const from = Number(blocks[1]);
    const to = Number(blocks[2] ?? from);
    const view = from === to ? `Bob sees block ${seen(from)}` : `Bob sees blocks ${seen(from)}–${seen(to)}`;
    const notes = delay === 0 ? [] : Object.entries(SEEN).filter(([h]) => seen(from) <= Number(h) && Number(h) <= seen(to));
    return `${line} · ${view}${notes.map(([h, note]) => `; at block ${Number(h) + delay} he sees block ${h}: ${note}`).join('')}`;
  });
  return [`The chain moves on; Bob, eclipsed, sees each block ${delay} block(s) late.`, ...lines];
}

export const timeDilation: Game = {
  name: 'time-dilation',
  title: 'Time dilation: an eclipsed node sees blocks late and misses its deadlines',
  file: 'time-dilation.yaml',
  players: [
    { node: 'bob', role: 'victim (eclipsed)' },
    { node: 'mallory', role: 'breacher' },
    { node: 'alice', role: 'payer, colluding' },
    { node: 'carol', role: 'griefer, colluding' },
  ],
  params: [
    { name: 'delay', unit: 'blocks', describe: 'blocks by which Bob sees the chain late (the eclipse)', min: 0, max: 144, integer: true, apply: (d, v) => setIn(d, 'agents.bob.chainDelay', `${v} blocks`) },
    { name: 'freeze', unit: 'blocks', describe: 'the freeze (to_self_delay), in blocks', min: 2, max: 2016, integer: true, apply: (d, v) => setFreeze(d, v) },
    { name: 'margin', unit: 'blocks', describe: "Bob's lock margin: bob-carol's cltvDelta", min: 1, max: 144, integer: true, apply: (d, v) => setIn(d, 'channels.2.cltvDelta', `${v} blocks`) },
    { name: 'deadline', unit: 'blocks', describe: 'blocks before an expiry at which a node that knows R goes on chain', min: 1, max: 17, integer: true, apply: (d, v) => setIn(d, 'defaults.deadline', v) },
  ],
  profiles: [
    { label: 'not eclipsed (delay 0)', set: { delay: 0 } },
    { label: 'delay 2: both in time', set: { delay: 2 } },
    { label: 'delay 3 = margin: the HTLC is lost', set: { delay: 3 } },
    { label: 'delay 5 = freeze − 1: the breach succeeds too', set: { delay: 5 } },
    { label: 'delay 5, freeze 12, margin 10: both in time again', set: { delay: 5, freeze: 12, margin: 10 } },
  ],
  payoffsFromMs: 3_000_000, // block 5, before both payments
  outcome: {
    label: "Bob's gain",
    measure: (run) => gainSat(run, 'bob', 3_000_000),
    predict: bobGain,
    bounds: () => [-AMOUNT, DELTA + B_NEW + FEE],
    breakEven: 0,
    format: formatSat,
  },
  story: (run, verbose, p) => timeDilationStory(run, verbose, p),
  exampleSweep: 'delay=0..8:1',
  explain: (p) => {
    const wb = breachWindow(p.freeze!);
    const wh = htlcWindow(p.margin!, p.deadline!);
    return [
      `Bob sees block h when the chain is at h + ${p.delay}. Counted from before both payments, he gains ${DELTA + B_NEW + FEE} sat if he defends both, ${-AMOUNT} sat if both thefts succeed.`,
      `Breach: Mallory's revoked cash confirms in block ${CASH_BLOCK}; Bob's penalty confirms in block ${CASH_BLOCK} + delay + 1 and must come before her withdrawal at block ${CASH_BLOCK} + freeze: steal iff delay ≥ freeze − 1 = ${wb} (${p.delay! >= wb ? `stolen: Mallory withdraws all ${DELTA + B_NEW} sat, her payment undone` : `punished: Bob takes all ${DELTA + B_NEW} sat`}).`,
      `HTLC: Carol claims in block E − 1 = ${EXPIRY - 1}; Alice's HTLC to Bob expires at E + margin = ${EXPIRY + p.margin!}. Bob goes on chain when he sees both R and his deadline, block max(E − 1, E + margin − deadline − 1), confirming one block later: steal iff delay ≥ min(margin, deadline) = ${wh} (${p.delay! >= wh ? `lost: Bob paid Carol ${AMOUNT} sat and Alice took hers back` : `in time: Bob earns his ${FEE} sat fee`}).`,
      `Prediction for Bob: ${formatSat(bobGain(p))}.`,
    ];
  },
  defaults: (doc: ScenarioDoc) => ({
    delay: numberIn(doc, 'agents.bob.chainDelay', 0),
    freeze: numberIn(doc, 'defaults.freeze', 6),
    margin: numberIn(doc, 'channels.2.cltvDelta', 3),
    deadline: numberIn(doc, 'defaults.deadline', 12),
  }),
};
