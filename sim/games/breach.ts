/**
 * breach — the closing game (BRIEF §3 "rights", DEFAULTS.md after CheckMate). Alice has paid
 * Bob; sequence 1, now revoked, gave her Δ more than the newest sequence's b_new. Cashing it
 * freezes her share for the freeze; Bob, online in each block interval with probability u, has
 * W = freeze − 1 blocks in which his penalty can still be included, so he punishes with
 * probability p = 1 − (1 − u)^W. Cheating pays when
 *
 *   E[gain] = (1 − p)·(Δ − 2f) − p·(b_new + f) > 0,  i.e. p < p* = (Δ − 2f) / (Δ − f + b_new),
 *
 * f being the fee of each of her transactions (the cash, and the withdrawal if she wins): the
 * rule her agent uses (cheater.ts), so the printed break-even and her decisions are one rule.
 * Bob must be online at the set-up payment for there to be a revoked sequence at all: runs where
 * he was not are left out (his later blocks are drawn independently, so this biases nothing).
 */
import { breakEvenBelief, expectedGain } from '../agents/index.js';
import type { RunRecords } from '../scenario/index.js';
import { formatSat, gainSat, numberIn, setFreeze, setIn, type Game, type Params, type ScenarioDoc } from './game.js';

const DEPOSIT = 100;
/** Bob may go away from here: after the payment at 1h, before Alice's first chance to cheat. */
const AWAY_FROM_S = 3660;

/** Alice's gain from cheating: her end balance minus what she held just before she cashed (0 if she never did). */
export function cheatGain(run: RunRecords, node: string): number {
  const cash = run.chain.txs.find((t) => t.sender === node && (t.kind === 'cash-rsmc' || t.kind === 'cash-htlc'));
  if (!cash) return 0;
  const column = run.balanceSeries.nodes.indexOf(node);
  const before = [...run.balanceSeries.samples].reverse().find((s) => s.time <= cash.submittedAt);
  const end = run.balances[node]!.endMsat;
  return before ? (end - before.values[column]!) / 1000 : gainSat(run, node);
}

/** p = 1 − (1 − u)^W: someone online in at least one of the W blocks. */
export function punishProbability(online: number, windowBlocks: number): number {
  return 1 - (1 - online) ** Math.max(0, windowBlocks);
}

/** The closing game's expected gain (sat) for the cheater, given p: the agent's formula. */
export function expectedCheatGain(delta: number, bNew: number, fee: number, p: number): number {
  return expectedGain(delta, bNew, p, fee);
}

/** Does a rational cheater with this belief cheat? (The agent's own rule, cheater.ts, in msat as it runs.) */
export function rationalCheats(delta: number, bNew: number, fee: number, belief: number): boolean {
  return expectedGain(delta * 1000, bNew * 1000, belief, fee * 1000) > 0;
}

/** The outcome's range: punished (b_new + f lost), never cheated (0), or unpunished (Δ − 2f won). */
export function cheatBounds(delta: number, bNew: number, fee: number): readonly [number, number] {
  return [Math.min(0, -(bNew + fee)), Math.max(0, delta - 2 * fee)];
}

function terms(p: Params): { delta: number; bNew: number; fee: number; window: number; prob: number } {
  const delta = p.paid!;
  const bNew = DEPOSIT - p.paid!;
  const fee = 1;
  const window = p.freeze! - 1;
  // Cashed at 1h10m, included in block 8; Bob back from an absence at 3660 s + away blocks gets a
  // penalty into block 7 + away, in time if before block 8 + freeze.
  const missed = p.away! > 1 && 7 + p.away! >= 8 + p.freeze!;
  const prob = p.tower! > 0 ? 1 : missed ? 0 : punishProbability(p.online!, window);
  return { delta, bNew, fee, window, prob };
}

export const breach: Game = {
  name: 'breach',
  title: 'Breach: a revoked commitment against a watching defender',
  file: 'breach.yaml',
  players: [
    { node: 'alice', role: 'cheater' },
    { node: 'bob', role: 'defender' },
  ],
  params: [
    { name: 'online', describe: "Bob's per-block online probability", min: 0, max: 1, apply: (d, v) => setIn(d, 'agents.bob.online', v) },
    { name: 'freeze', unit: 'blocks', describe: 'the freeze, in blocks', min: 2, max: 2016, integer: true, apply: (d, v) => setFreeze(d, v) },
    { name: 'paid', unit: 'sat', describe: 'sat Alice paid Bob (Δ); she keeps 100 − paid (b_new)', min: 1, max: 98, integer: true, apply: (d, v) => setIn(d, 'payments.0.amount', `${v} sat`) },
    { name: 'cheat', describe: "Alice's strategy: 0 never, 1 always, 2 rational", min: 0, max: 2, integer: true, apply: (d, v) => setIn(d, 'agents.alice.cheat', ['never', 'always', 'rational'][v]) },
    { name: 'belief', describe: 'the punishment probability a rational Alice assumes', min: 0, max: 1, apply: (d, v) => setIn(d, 'agents.alice.belief', v) },
    {
      name: 'away', unit: 'blocks',
      describe: 'blocks Bob is offline, from just after the payment (0: never)',
      min: 0,
      max: 100_000,
      integer: true,
      apply: (d, v) => setIn(d, 'actions', v > 0 ? [{ at: `${AWAY_FROM_S}s`, node: 'bob', do: 'offline', for: `${v * 600}s` }] : []),
    },
    {
      name: 'tower',
      describe: 'Bob has a watchtower (1) or not (0)',
      min: 0,
      max: 1,
      integer: true,
      apply: (d, v) => {
        const agents = d.agents as Record<string, unknown>;
        if (v > 0) agents.tower = { strategy: 'watchtower', watches: ['bob'], wallet: '10 sat' };
        else delete agents.tower;
      },
    },
  ],
  profiles: [
    { label: 'Alice never cheats · Bob watches', set: { cheat: 0 } },
    { label: 'Alice always cheats · Bob always online', set: { cheat: 1, online: 1 } },
    { label: 'Alice always cheats · Bob online as set', set: { cheat: 1 } },
    { label: 'Alice always cheats · Bob away all freeze, no tower', set: { cheat: 1, online: 1, away: 1000, tower: 0 } },
    { label: 'Alice always cheats · Bob away all freeze, tower', set: { cheat: 1, online: 1, away: 1000, tower: 1 } },
    { label: 'Alice rational (belief) · Bob online as set', set: { cheat: 2 } },
  ],
  // Block 7 (1h10m), the first block after the payment: balances are sampled after each block.
  payoffsFromMs: 4_200_000,
  outcome: {
    label: "Alice's gain from cheating",
    measure: (run) => cheatGain(run, 'alice'),
    predict: (p) => {
      const t = terms(p);
      const cheats = p.cheat === 1 || (p.cheat === 2 && rationalCheats(t.delta, t.bNew, t.fee, p.belief!));
      return cheats ? expectedCheatGain(t.delta, t.bNew, t.fee, t.prob) : 0;
    },
    bounds: (p) => {
      const t = terms(p);
      return cheatBounds(t.delta, t.bNew, t.fee);
    },
    setUp: { text: "Alice's payment to Bob at 1h went through (Bob, online with probability u, was there to sign it)", held: (run) => run.payments.some((x) => x.from === 'alice' && x.status === 'succeeded') },
    breakEven: 0,
    format: formatSat,
  },
  exampleSweep: 'online=0.5..1:0.05',
  explain: (p) => {
    const t = terms(p);
    const pStar = breakEvenBelief(t.delta, t.bNew, t.fee);
    const uStar = 1 - (1 - pStar) ** (1 / t.window);
    const cheats = rationalCheats(t.delta, t.bNew, t.fee, p.belief!);
    return [
      `Δ = ${t.delta} sat (revoked sequence 1 gives Alice ${DEPOSIT} sat, the newest ${t.bNew} sat); b_new = ${t.bNew} sat; fee f = ${t.fee} sat per transaction.`,
      `E[gain] = (1 − p)(Δ − 2f) − p(b_new + f) (the withdrawal's fee only when unpunished): cheating pays when p < p* = (Δ − 2f)/(Δ − f + b_new) = ${t.delta - 2 * t.fee}/${t.delta - t.fee + t.bNew} = ${pStar.toFixed(4)} (Δ/(Δ + b_new) = ${(t.delta / (t.delta + t.bNew)).toFixed(3)} without fees).`,
      `Bob can get a penalty in during W = freeze − 1 = ${t.window} blocks; online with probability u = ${p.online} per block, he punishes with p = 1 − (1 − u)^W = ${punishProbability(p.online!, t.window).toFixed(4)}.`,
      `Break-even: u* = 1 − (1 − p*)^(1/W) = ${uStar.toFixed(4)}. A rational Alice applies the same rule to her belief: with belief ${p.belief} ${cheats ? '<' : '≥'} p* she ${cheats ? 'cheats' : 'does not cheat'}.`,
    ];
  },
  defaults: (doc: ScenarioDoc) => ({
    online: numberIn(doc, 'agents.bob.online', 1),
    freeze: numberIn(doc, 'defaults.freeze', 144),
    paid: numberIn(doc, 'payments.0.amount', 10),
    cheat: ['never', 'always', 'rational'].indexOf(String((doc.agents as Record<string, Record<string, unknown>>)?.alice?.cheat ?? 'rational')),
    belief: numberIn(doc, 'agents.alice.belief', 0.99),
    tower: (doc.agents as Record<string, unknown>)?.tower ? 1 : 0,
    away: 0,
  }),
};
