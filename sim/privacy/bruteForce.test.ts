/**
 * The estimators against brute force (issue 19's "done when"): on small random graphs, every
 * simple path is enumerated and priced by the router's own computeHops (amounts forward from the
 * payee, not the estimator's fee inversion); a view taken from one real route is matched against
 * every path through the same three nodes, for every amount (binary search: a hop's amount grows
 * with the payee's). The payees of the matching routes must be exactly the estimator's set. The
 * payers: exactly the starts of the paths into the previous node that carry the amount (the
 * estimator's definition), and a superset of the full routes' payers (a full route also needs its
 * unseen tail to avoid its unseen head; the estimator does not check that).
 */
import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { computeHops, type ChannelEdge, type Hop, type PathEdge, type Policy } from '../router/index.js';
import { payeeCandidates, payerCandidates } from './estimate.js';
import { publicGraph } from './graph.js';
import type { HopView } from './records.js';

const FINAL = 3;
const HEIGHT = 100;
const NODES = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6'];

interface Drawn {
  readonly edges: ChannelEdge[];
  readonly arcs: PathEdge[];
  readonly capacity: Map<string, number>;
}

const arbGraph = fc
  .record({
    pairs: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).filter(([a, b]) => a < b), { minLength: 6, maxLength: 12, selector: ([a, b]) => `${a}-${b}` }),
    policies: fc.array(fc.record({ cltvDelta: fc.integer({ min: 1, max: 3 }), feeBaseMsat: fc.constantFrom(0, 1000), feePpm: fc.constantFrom(0, 100_000, 250_000) }), { minLength: 7, maxLength: 7 }),
    capacities: fc.array(fc.constantFrom(60_000, 120_000, 10_000_000), { minLength: 12, maxLength: 12 }),
  })
  .map(({ pairs, policies, capacities }): Drawn => {
    const policy = (i: number): Policy => ({ ...policies[i]!, minHtlcMsat: 1, disabled: false });
    const edges = pairs.map(([a, b], i): ChannelEdge => ({ channelId: `${NODES[a]}-${NODES[b]}`, between: [NODES[a]!, NODES[b]!], capacityMsat: capacities[i]!, policies: [policy(a), policy(b)] }));
    const arcs = edges.flatMap((e) => [0, 1].map((i) => ({ channelId: e.channelId, from: e.between[i]!, to: e.between[1 - i]!, policy: e.policies[i]! })));
    return { edges, arcs, capacity: new Map(edges.map((e) => [e.channelId, e.capacityMsat])) };
  });

/** Every simple path of at least one arc. */
function simplePaths(arcs: readonly PathEdge[]): PathEdge[][] {
  const out: PathEdge[][] = [];
  const extend = (path: PathEdge[], seen: Set<string>): void => {
    for (const arc of arcs) {
      if (arc.from !== path.at(-1)!.to || seen.has(arc.to)) continue;
      const next = [...path, arc];
      out.push(next);
      extend(next, new Set([...seen, arc.to]));
    }
  };
  for (const arc of arcs) {
    out.push([arc]);
    extend([arc], new Set([arc.from, arc.to]));
  }
  return out;
}

const price = (path: readonly PathEdge[], amountMsat: number): Hop[] => computeHops(path, { amountMsat, currentHeight: HEIGHT, finalCltvDelta: FINAL });
const fits = (hops: readonly Hop[], capacity: Map<string, number>): boolean => hops.every((h) => h.amountMsat <= capacity.get(h.channelId)!);

/** The payee amount for which hop j of `path` carries exactly `target`, if any (hop j's amount grows with it). */
function amountFor(path: readonly PathEdge[], j: number, target: number): number | undefined {
  let lo = 1;
  let hi = target;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (price(path, mid)[j]!.amountMsat < target) lo = mid + 1;
    else hi = mid;
  }
  return price(path, lo)[j]!.amountMsat === target ? lo : undefined;
}

function viewOf(hops: readonly Hop[], k: number): HopView {
  const incoming = hops[k - 1]!;
  const outgoing = hops[k]!;
  const truth = { payment: 'p', part: 0, payer: hops[0]!.from, payee: hops.at(-1)!.to, lock: 'h', position: k, height: HEIGHT, time: 0 };
  return { ...truth, node: incoming.to, prev: incoming.from, next: outgoing.to, channel: incoming.channelId, incomingMsat: incoming.amountMsat, incomingCltv: incoming.expiryHeight, amountMsat: outgoing.amountMsat, outgoingCltv: outgoing.expiryHeight };
}

/** Payees and payers of every path consistent with the view; payers of the heads alone. */
function bruteForce(paths: readonly PathEdge[][], capacity: Map<string, number>, v: HopView) {
  const payees = new Set<string>();
  const payers = new Set<string>();
  const heads = new Set<string>();
  for (const path of paths) {
    // A head: a path that ends prev > node > next, priced for `next` to receive what the view forwards (its tail unseen).
    const last = path.length - 1;
    if (last > 0 && path[last]!.from === v.node && path[last]!.to === v.next && path[last - 1]!.from === v.prev) {
      if (fits(price(path, v.amountMsat).slice(0, last), capacity)) heads.add(path[0]!.from);
    }
    const j = path.findIndex((e, i) => i > 0 && e.from === v.node && e.to === v.next && path[i - 1]!.from === v.prev);
    if (j < 0) continue;
    const x = amountFor(path, j, v.amountMsat);
    if (x === undefined) continue;
    const hops = price(path, x);
    const seen = hops[j - 1]!.amountMsat === v.incomingMsat && hops[j - 1]!.expiryHeight === v.incomingCltv && hops[j]!.expiryHeight === v.outgoingCltv;
    if (!seen || !fits(hops, capacity)) continue;
    payees.add(path.at(-1)!.to);
    payers.add(path[0]!.from);
  }
  return { payees: [...payees].sort(), payers: [...payers].sort(), heads: [...heads].sort() };
}

describe('estimators = brute force over every path (small random graphs)', () => {
  it('payee sets equal; payer sets equal the heads that carry the amount and hold every full route\'s payer', () => {
    let compared = 0;
    let narrowed = 0;
    fc.assert(
      fc.property(arbGraph, fc.integer({ min: 1, max: 50_000 }), fc.nat(), ({ edges, arcs, capacity }, amountMsat, pick) => {
        const graph = publicGraph(edges);
        const paths = simplePaths(arcs);
        // Real routes: paths of two arcs or more that carry the amount; one view on each of a few.
        const routes = paths.filter((p) => p.length >= 2 && fits(price(p, amountMsat), capacity));
        for (let r = 0; r < Math.min(6, routes.length); r++) {
          const hops = price(routes[(pick + r * 7919) % routes.length]!, amountMsat);
          const v = viewOf(hops, 1 + ((pick + r) % (hops.length - 1)));
          const truth = bruteForce(paths, capacity, v);
          expect(payeeCandidates(graph, v, FINAL)).toEqual(truth.payees);
          const payers = payerCandidates(graph, v);
          expect(payers).toEqual(truth.heads);
          expect(truth.payers.every((n) => payers.includes(n))).toBe(true);
          expect(truth.payees).toContain(v.payee);
          compared++;
          if (truth.payees.length < NODES.length - 2) narrowed++;
        }
      }),
      { numRuns: runs(60), seed: 19 },
    );
    // The comparison is not vacuous: many views, and most narrow the payee down.
    expect(compared).toBeGreaterThan(200);
    expect(narrowed).toBeGreaterThan(compared / 2);
  });
});
