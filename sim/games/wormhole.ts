/**
 * wormhole — Malavolta et al., "Anonymous Multi-Hop Locks for Blockchain Scalability and
 * Interoperability" (NDSS 2019). Alice pays Bob x along alice > m1 > h1 … hk > m2 > bob, each
 * forwarder charging a fee f. With hash locks every hop's lock is the same H(R): m2, learning R from
 * Bob, fails its incoming HTLC instead of claiming it and hands R to m1, who claims Alice's HTLC.
 * The honest hops h1 … hk are failed back: they earn nothing (their liquidity was locked for the
 * payment all the same), and the pair keeps every forwarder's fee:
 *
 *   colluders' gain = (k + 2)·f with the wormhole, 2·f honest.
 *
 * With point locks (PTLCs) each hop's lock differs: what m2 hands over opens nothing for m1, who
 * must fail Alice's HTLC; Bob was paid by m2 all the same, so the pair loses x.
 */
import type { RunRecords } from '../scenario/index.js';
import { formatSat, gainSat, getIn, setIn, type Game, type Params, type ScenarioDoc } from './game.js';

const FEE = 10;
const AMOUNT = 1000;
const DEPOSIT = '100000 sat';

/** The colluders' gain, sat: m1's and m2's together. */
export const colludersGain = (run: RunRecords): number => gainSat(run, 'm1') + gainSat(run, 'm2');

/** The closed form: the pair's gain for k honest hops between them, attacking or not, hash or point locks. */
export function predictedGain(p: Params): number {
  if (p.attack === 0) return 2 * FEE;
  return p.ptlc === 1 ? -AMOUNT : (p.honest! + 2) * FEE;
}

/** The route's nodes for k honest hops between the colluders. */
export function routeNodes(honest: number): string[] {
  return ['alice', 'm1', ...Array.from({ length: honest }, (_, i) => `h${i + 1}`), 'm2', 'bob'];
}

const sat = (msat: number): string => (msat / 1000).toLocaleString('en-US');

/** The payment hop by hop from the recorded rows: each HTLC offered and resolved, then who earned what. */
export function wormholeStory(run: RunRecords): string[] {
  // A resolution names the node the amount goes to: the receiver (fulfilled) or the offerer (failed back).
  const offerer = new Map<string, string>();
  const lines = run.channelEvents
    .filter((e) => e.kind === 'htlc-add' || e.kind === 'htlc-settle')
    .map((e) => {
      const amount = `${sat(e.amountMsat ?? 0)} sat`;
      if (e.kind === 'htlc-add') offerer.set(e.channel, e.node);
      const what = e.kind === 'htlc-add' ? `${e.node} offers an HTLC of ${amount}` : offerer.get(e.channel) === e.node ? `failed back: ${e.node} gets its ${amount} back` : `fulfilled: ${e.node} is paid ${amount}`;
      return `  ${(e.time / 1000).toFixed(1)} s · ${e.channel}: ${what}`;
    });
  const nodes = run.balanceSeries.nodes.filter((n) => n !== 'alice' && n !== 'bob');
  const earned = nodes.map((n) => `${n} ${formatSat(gainSat(run, n))}`).join(' · ');
  const paid = run.payments.map((p) => `Alice's payment ${p.status}${p.payerKnowsR ? ' (she holds R as her receipt)' : ''}; Bob ${formatSat(gainSat(run, 'bob'))}`);
  return ['The payment, hop by hop:', ...lines, `  ${paid.join('; ')}`, `  forwarders: ${earned}`];
}

export const wormhole: Game = {
  name: 'wormhole',
  title: 'Wormhole: colluding hops skip the honest ones between them',
  file: 'wormhole.yaml',
  players: [
    { node: 'alice', role: 'payer' },
    { node: 'm1', role: 'colluder (upstream)' },
    { node: 'h1', role: 'honest hop' },
    { node: 'm2', role: 'colluder (downstream)' },
    { node: 'bob', role: 'payee' },
  ],
  params: [
    {
      name: 'honest',
      describe: 'honest hops between the colluders (h1 … hk)',
      min: 1,
      max: 8,
      integer: true,
      apply: (d, v) => {
        const nodes = routeNodes(v);
        setIn(d, 'channels', nodes.slice(1).map((to, i) => ({ between: [nodes[i], to], deposit: [DEPOSIT, DEPOSIT] })));
      },
    },
    {
      name: 'attack',
      describe: 'm2 opens the wormhole (1) or forwards honestly (0)',
      min: 0,
      max: 1,
      integer: true,
      apply: (d, v) => {
        const agents = (d.agents ??= {}) as Record<string, unknown>;
        if (v > 0) agents.m2 = { strategy: 'wormhole', accomplice: 'm1' };
        else delete agents.m2;
      },
    },
    { name: 'ptlc', describe: 'point locks, a different lock at each hop (1), or one hash lock (0)', min: 0, max: 1, integer: true, apply: (d, v) => setIn(d, 'defaults.locks', v > 0 ? 'point' : 'hash') },
  ],
  profiles: [
    { label: 'honest forwarding · hash locks', set: { attack: 0, ptlc: 0 } },
    { label: 'wormhole · hash locks', set: { attack: 1, ptlc: 0 } },
    { label: 'wormhole · 3 honest hops skipped', set: { attack: 1, ptlc: 0, honest: 3 } },
    { label: 'honest forwarding · point locks', set: { attack: 0, ptlc: 1 } },
    { label: 'wormhole · point locks', set: { attack: 1, ptlc: 1 } },
  ],
  outcome: {
    label: "colluders' gain",
    measure: (run) => colludersGain(run),
    predict: predictedGain,
    bounds: (p) => [-AMOUNT, (p.honest! + 2) * FEE],
    breakEven: 2 * FEE,
    format: formatSat,
  },
  story: (run) => wormholeStory(run),
  exampleSweep: 'honest=1..6:1',
  explain: (p) => [
    `Alice pays Bob ${AMOUNT} sat along ${routeNodes(p.honest!).join(' > ')}; each of the ${p.honest! + 2} forwarders charges ${FEE} sat, so Alice pays ${(p.honest! + 2) * FEE} sat in fees.`,
    p.ptlc === 1
      ? 'Point locks: each hop has its own lock, opened from the next hop\'s secret plus a blinding factor only that hop got in its onion; a secret handed over the honest hops opens nothing.'
      : 'Hash locks: every hop is locked to the same H(R), so R learned at m2 opens m1\'s incoming HTLC too.',
    p.attack === 1
      ? `m2 fails its incoming HTLC and hands R to m1: prediction ${predictedGain(p)} sat for the pair (${p.ptlc === 1 ? `m1 cannot claim, m2 paid Bob ${AMOUNT} sat` : `every fee, (k + 2)·f; the ${p.honest} honest hop(s) earn nothing`}).`
      : `Everyone forwards honestly: the pair earns its two fees, ${2 * FEE} sat.`,
  ],
  defaults: (doc: ScenarioDoc) => ({
    honest: Math.max(1, ((getIn(doc, 'channels') as unknown[] | undefined)?.length ?? 4) - 3),
    attack: getIn(doc, 'agents.m2.strategy') === 'wormhole' ? 1 : 0,
    ptlc: getIn(doc, 'defaults.locks') === 'point' ? 1 : 0,
  }),
};
