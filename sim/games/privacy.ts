/**
 * privacy — what one hop of a routed payment learns (issue 19; Kumble & Roos 2021, Romiti et al.
 * 2021). Alice pays Bob along alice > h1 > h2 > h3 > bob; every forwarder also has ℓ channels to
 * leaf nodes, and every forwarder's CLTV delta is the same (40 blocks). A spy at h_i reads its
 * onion: the node before it, the node after it, the amount and the lock to offer. The lock, less
 * the height and the payee's final delta, is what the forwarders still to come add: here
 * 40·(3 − i), so the payee is 3 − i hops past the next node; the candidates are the ends of the
 * paths that long. Backwards nothing limits the route but the channels: every node with a way
 * into the previous node may have paid. The closed forms on this graph:
 *
 *   payee candidates = 1 (spy at h3: the budget is spent, the next node is the payee), else ℓ + 1
 *   payer candidates = 1 + (i − 1)·(ℓ + 1)   (alice, the forwarders before the spy and their leaves)
 */
import type { RunRecords } from '../scenario/index.js';
import { cltvBudget, type HopView, payeeCandidates, payerCandidates } from '../privacy/index.js';
import { getIn, setIn, type Game, type Params, type ScenarioDoc } from './game.js';

const FORWARDERS = 3;
const DELTA = 40;
const DEPOSIT = '100000 sat';

export const predictedPayees = (p: Params): number => (p.spy === FORWARDERS ? 1 : p.leaves! + 1);
export const predictedPayers = (p: Params): number => 1 + (p.spy! - 1) * (p.leaves! + 1);

/** The spy's inference about the game's payment (undefined when it never saw it). */
function spyRow(run: RunRecords) {
  return run.privacy?.inferences.find((r) => r.observers.length > 0);
}

/** The route with ℓ leaf channels on each forwarder. */
function channels(leaves: number): { between: [string, string]; deposit: [string, string] }[] {
  const route = ['alice', 'h1', 'h2', 'h3', 'bob'];
  const hubs = route.slice(1, -1).flatMap((h) => Array.from({ length: leaves }, (_, j): [string, string] => [h, `${h}-leaf${j + 1}`]));
  return [...route.slice(1).map((to, i): [string, string] => [route[i]!, to]), ...hubs].map((between) => ({ between, deposit: [DEPOSIT, DEPOSIT] }));
}

const sat = (msat: number): string => `${(msat / 1000).toLocaleString('en-US')} sat`;
const listed = (nodes: readonly string[] | undefined): string => (nodes === undefined ? 'unknown (search gave up)' : `${nodes.length}: ${nodes.join(', ')}`);

/** What a forwarder cannot tell, unless the graph gave it away (a payer with no other channel, a spent budget). */
function unknowns(v: HopView, payerKnown: boolean, payeeKnown: boolean): string {
  const left = [
    ...(payerKnown ? [] : [`whether ${v.prev} paid or forwarded, and how many hops came before it`]),
    ...(payeeKnown ? [] : ['which candidate is paid, and so how much of the fees are still to come']),
  ];
  return left.length ? left.join('; ') : 'nothing of who pays whom: the graph gave both away';
}

/** One hop's view in words: what it read, what follows, what it cannot know. */
function hopLines(run: RunRecords, v: HopView): string[] {
  const { graph, finalCltvDelta } = run.privacy!;
  const fee = v.incomingMsat - v.amountMsat;
  if (v.next === undefined) {
    return [
      `${v.node}: an HTLC of ${sat(v.incomingMsat)} from ${v.prev}, locked until block ${v.incomingCltv}; its onion names no next channel and carries the payment secret: ${v.node} is the payee, and knows it.`,
      `    it cannot know: whether ${v.prev} paid or forwarded. Payer candidates ${listed(payerCandidates(graph, v))}.`,
    ];
  }
  const budget = cltvBudget(v, finalCltvDelta);
  const more = budget / DELTA;
  const payers = payerCandidates(graph, v);
  return [
    `${v.node}: an HTLC of ${sat(v.incomingMsat)} from ${v.prev}, locked until block ${v.incomingCltv}; its onion says: forward ${sat(v.amountMsat)} to ${v.next}, locked until block ${v.outgoingCltv} (its fee: ${sat(fee)}).`,
    `    remaining CLTV budget: ${v.outgoingCltv} − height ${v.height} − final delta ${finalCltvDelta} = ${budget} blocks: ${
      budget === 0 ? `no forwarder left, ${v.next} is the payee` : `${more} more forwarder${more === 1 ? '' : 's'} of ${DELTA} blocks, so the payee is ${more} hop${more === 1 ? '' : 's'} past ${v.next}`
    }.`,
    `    payee candidates ${listed(payeeCandidates(graph, v, finalCltvDelta))}; payer candidates ${listed(payers)}${payers.length === 1 ? ` (${v.prev} has no other channel: it cannot have forwarded)` : ''}.`,
    `    it cannot know: ${unknowns(v, payers.length === 1, budget === 0)}.`,
  ];
}

/** The payment hop by hop as each hop saw it, then what the spy concluded. */
export function privacyStory(run: RunRecords): string[] {
  const views = run.privacy?.views ?? [];
  const row = spyRow(run);
  const spy = run.privacy?.coalitions[0]?.members.join(', ') ?? '';
  const verdict = (set: readonly string[] | undefined, truth: string): string => (set?.length === 1 ? (set[0] === truth ? 'identified' : `wrong (${set[0]})`) : `${set?.length ?? '?'} candidates`);
  return [
    'The payment, hop by hop, as each hop read it from its onion (no hop is told the payer, the payee or its place on the route):',
    ...views.flatMap((v) => hopLines(run, v).map((l) => `  ${l}`)),
    row ? `  The spy (${spy}): payee ${verdict(row.payees, row.payee)}, payer ${verdict(row.payers, row.payer)}.` : `  The spy (${spy}) did not see the payment.`,
  ];
}

export const privacy: Game = {
  name: 'privacy',
  title: 'Privacy: what one hop learns of who pays whom',
  file: 'privacy.yaml',
  players: [
    { node: 'alice', role: 'payer' },
    { node: 'h1', role: 'forwarder' },
    { node: 'h2', role: 'forwarder' },
    { node: 'h3', role: 'forwarder' },
    { node: 'bob', role: 'payee' },
  ],
  params: [
    { name: 'spy', describe: 'the forwarder that infers: h1, h2 or h3', min: 1, max: FORWARDERS, integer: true, apply: (d, v) => setIn(d, 'privacy', { coalition: [`h${v}`], name: 'spy' }) },
    { name: 'leaves', describe: 'leaf channels on each forwarder (other places the payment could go or come from)', min: 0, max: 8, integer: true, apply: (d, v) => setIn(d, 'channels', channels(v)) },
  ],
  profiles: [
    { label: 'spy at h1 (first forwarder)', set: { spy: 1 } },
    { label: 'spy at h2', set: { spy: 2 } },
    { label: 'spy at h3 (last forwarder)', set: { spy: 3 } },
    { label: 'spy at h2 · no leaves', set: { spy: 2, leaves: 0 } },
  ],
  outcome: {
    label: 'payee candidates',
    measure: (run) => spyRow(run)?.payees?.length ?? Number.NaN,
    predict: predictedPayees,
    bounds: (p) => [1, p.leaves! + 1],
    // Between one candidate (identified) and two: a sweep marks where the payee stops being identified.
    breakEven: 1.5,
    format: (v) => `${Number.isInteger(v) ? v : v.toFixed(1)} node${v === 1 ? '' : 's'}`,
  },
  story: (run) => privacyStory(run),
  exampleSweep: 'leaves=0..6:1',
  explain: (p) => [
    `Alice pays Bob 1,000 sat along alice > h1 > h2 > h3 > bob; each forwarder charges 10 sat, adds ${DELTA} blocks of CLTV delta and has ${p.leaves} leaf channel(s); Bob's final delta is 18 blocks.`,
    `The spy h${p.spy} reads a remaining CLTV budget of ${DELTA * (FORWARDERS - p.spy!)} blocks: ${FORWARDERS - p.spy!} more forwarder(s) before the payee.`,
    `Prediction: ${predictedPayees(p)} payee candidate(s) (${p.spy === FORWARDERS ? 'the budget is spent: the next node is the payee' : 'bob and the leaves of h3, ℓ + 1'}), ${predictedPayers(p)} payer candidate(s) (${p.spy === 1 ? 'alice has no other channel, so she paid' : `alice, and ${p.spy === 2 ? 'h1 with its leaves' : 'h1 and h2 with their leaves'}: 1 + (i − 1)·(ℓ + 1)`}).`,
  ],
  defaults: (doc: ScenarioDoc) => {
    const coalition = getIn(doc, 'privacy.coalition');
    const spy = Array.isArray(coalition) ? Number(String(coalition[0]).slice(1)) : 2;
    const all = (getIn(doc, 'channels') as unknown[] | undefined)?.length ?? 4;
    return { spy, leaves: Math.max(0, (all - 4) / FORWARDERS) };
  },
};
