/**
 * What a coalition of nodes infers about each payment from the views of its members: the same
 * payment hash at every hop (and on every part of a multi-part payment) links them, so each
 * member's candidate sets are intersected — every one holds the truth unless a block was mined
 * while the HTLCs travelled. Identified: one candidate left, and it is the right node.
 */
import { payeeCandidates, payerCandidates } from './estimate.js';
import type { PublicGraph } from './graph.js';
import type { HopView } from './records.js';

/** A coalition as the scenario names it and the members it resolved to. */
export interface Coalition {
  readonly name: string;
  readonly members: readonly string[];
}

/** One payment as one coalition saw it (a row of privacy.csv). */
export interface PaymentInference {
  readonly coalition: string;
  readonly payment: string;
  readonly payer: string;
  readonly payee: string;
  /** Members that received an HTLC of it, sorted; none: unseen. */
  readonly observers: readonly string[];
  /** The payer or the payee is a member: nothing to infer. */
  readonly own: boolean;
  /** Candidate sets (undefined: unseen, own, or every payee search gave up). */
  readonly payees: readonly string[] | undefined;
  readonly payers: readonly string[] | undefined;
}

export interface InferenceOptions {
  readonly finalCltvDelta: number;
  readonly maxSteps?: number;
}

/** Every routed payment (one a hop other than its payer saw), in order of first view, for each coalition. */
export function infer(graph: PublicGraph, views: readonly HopView[], coalitions: readonly Coalition[], options: InferenceOptions): PaymentInference[] {
  // Linked by what the hops see: the payment hash (one per payment, on every part).
  const byPayment = new Map<string, HopView[]>();
  for (const v of views) (byPayment.get(v.lock) ?? byPayment.set(v.lock, []).get(v.lock)!).push(v);
  return coalitions.flatMap((c) => {
    const members = new Set(c.members);
    return [...byPayment.values()].map((seen) => {
      const { payment, payer, payee } = seen[0]!;
      const mine = seen.filter((v) => members.has(v.node));
      const own = members.has(payer) || members.has(payee);
      const base = { coalition: c.name, payment, payer, payee, observers: [...new Set(mine.map((v) => v.node))].sort(), own };
      if (own || mine.length === 0) return { ...base, payees: undefined, payers: undefined };
      const payees = intersect(mine.map((v) => payeeCandidates(graph, v, options.finalCltvDelta, options.maxSteps)));
      return { ...base, payees, payers: intersect(mine.map((v) => payerCandidates(graph, v))) };
    });
  });
}

/** The candidates every set holds (a search that gave up, undefined, rules nothing out). */
function intersect(sets: readonly (readonly string[] | undefined)[]): readonly string[] | undefined {
  const known = sets.filter((s): s is readonly string[] => s !== undefined);
  if (known.length === 0) return undefined;
  return known.reduce((a, b) => {
    const keep = new Set(b);
    return a.filter((n) => keep.has(n));
  });
}
