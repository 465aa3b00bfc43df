/**
 * censorship — BRIEF §7, DEFAULTS.md "Censorship". Bob watches and broadcasts his penalty at
 * once, but colluding miners holding a share q of the hash power refuse to include it. It can
 * go into any of the W = freeze − 1 blocks before the freeze ends; each is the censors' with
 * probability q, so the cheat succeeds with probability q^W. Alice's cheat pays when
 * q^W > (b_new + f) / (Δ − f + b_new), the complement of the closing game's break-even p*.
 */
import type { RunRecords } from '../scenario/index.js';
import { expectedCheatGain } from './breach.js';
import { formatShare, numberIn, setFreeze, setIn, type Game, type Params, type ScenarioDoc } from './game.js';

const DELTA = 90;
const B_NEW = 10;
const FEE = 1;
/** Success probability above which cheating pays: 1 − p*. */
const BREAK_EVEN = (B_NEW + FEE) / (DELTA - FEE + B_NEW);

export function cheatSucceeded(run: RunRecords): number {
  return run.channelEvents.some((e) => e.kind === 'cheat-succeeded') ? 1 : 0;
}

const successProbability = (p: Params): number => p.share! ** (p.freeze! - 1);

export const censorship: Game = {
  name: 'censorship',
  title: 'Censorship: miners delay the penalty transaction',
  file: 'censorship.yaml',
  players: [
    { node: 'alice', role: 'cheater' },
    { node: 'bob', role: 'defender' },
  ],
  params: [
    { name: 'share', describe: "the censoring miners' share of hash power, q", min: 0, max: 1, apply: (d, v) => setIn(d, 'agents.miners.share', v) },
    { name: 'freeze', unit: 'blocks', describe: 'the freeze, in blocks (W = freeze − 1)', min: 2, max: 2016, integer: true, apply: (d, v) => setFreeze(d, v) },
  ],
  profiles: [
    { label: 'no censors (q = 0)', set: { share: 0 } },
    { label: 'q = 0.3', set: { share: 0.3 } },
    { label: 'q = 0.5', set: { share: 0.5 } },
    { label: 'q = 0.9', set: { share: 0.9 } },
    { label: 'q = 0.9, freeze 144 blocks', set: { share: 0.9, freeze: 144 } },
  ],
  payoffsFromMs: 4_200_000,
  outcome: {
    label: 'share of cheats that succeed',
    measure: cheatSucceeded,
    predict: successProbability,
    bounds: () => [0, 1],
    breakEven: BREAK_EVEN,
    format: formatShare,
  },
  exampleSweep: 'share=0..1:0.1',
  explain: (p) => {
    const s = successProbability(p);
    const qStar = BREAK_EVEN ** (1 / (p.freeze! - 1));
    return [
      `Bob's penalty can be included in W = freeze − 1 = ${p.freeze! - 1} blocks; censors mine each with probability q = ${p.share}, so Alice escapes with probability q^W = ${s.toFixed(4)}.`,
      `Her expected gain (1 − p)(Δ − 2f) − p(b_new + f) with p = 1 − q^W is ${expectedCheatGain(DELTA, B_NEW, FEE, 1 - s).toFixed(2)} sat (Δ = ${DELTA}, b_new = ${B_NEW}, f = ${FEE}).`,
      `Cheating pays when q^W > ${BREAK_EVEN.toFixed(3)}, i.e. q > ${qStar.toFixed(3)} for this freeze; a longer freeze makes the same censors harmless.`,
    ];
  },
  defaults: (doc: ScenarioDoc) => ({
    share: numberIn(doc, 'agents.miners.share', 0),
    freeze: numberIn(doc, 'defaults.freeze', 144),
  }),
};
