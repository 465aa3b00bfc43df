/**
 * The estimators: from one hop's view, every node that may be the payee, and every node that may
 * be the payer, given the public graph (possibilistic anonymity sets, as in Kumble & Roos 2021 and
 * Romiti et al. 2021: a candidate is any node some route consistent with the view could end at,
 * or start from, whatever the payer's route choice).
 *
 * Payee: a route is the path a payer computed backwards from the payee — the payee's HTLC expires
 * `finalCltvDelta` blocks after the height of routing and each forwarder adds its own delta — so
 * the lock the observer must offer, less the height and the final delta, is the sum of the deltas
 * of the forwarders still to come. Candidates are the ends of the simple paths from the next node
 * whose deltas sum exactly to that budget, along which the amount decodes (each forwarder receives
 * exactly what it forwards plus its fee) and fits every channel. Zero budget: the next node is the
 * payee. The search is exact (depth-first over simple paths, pruned by the budget).
 *
 * Payer: any node with a path into the previous node that can carry the incoming amount plus the
 * fees of the forwarders before it (capacities only: the upstream locks are unseen). Fees grow with
 * the amount, so the cheapest way back (Dijkstra on the amount) is the one that fits if any does,
 * and a walk that fits leaves a simple path that fits once its loops are cut.
 *
 * Not used: the payer's routing algorithm and fee limit, HTLC minimums, balances (unknown to the
 * coalition). Both sets assume the payer routed at the current height: a block mined while the
 * HTLCs travelled shifts the budget (the report counts such misses).
 */
import { forwardingFee } from '../router/index.js';
import { BinaryHeap } from '../heap.js';
import { forwardedAmount, type PublicGraph } from './graph.js';
import type { HopView } from './records.js';

/** Depth-first steps one payee search may take before it gives up (the set is then unknown). */
export const SEARCH_STEPS = 1_000_000;

/** The remaining CLTV budget a forwarder reads: the deltas of the forwarders still to come. */
export const cltvBudget = (view: Pick<HopView, 'outgoingCltv' | 'height'>, finalCltvDelta: number): number => view.outgoingCltv - view.height - finalCltvDelta;

/** Payee candidates of a forwarder's view, sorted; undefined when the search passed `maxSteps`. */
export function payeeCandidates(graph: PublicGraph, view: HopView, finalCltvDelta: number, maxSteps = SEARCH_STEPS): string[] | undefined {
  if (view.next === undefined) return [view.node]; // told no next hop: it is the payee
  const found = new Set<string>();
  const onPath = new Set([view.prev, view.node]);
  let steps = 0;
  const visit = (node: string, receivedMsat: number, budget: number): boolean => {
    if (++steps > maxSteps) return false;
    if (budget === 0) found.add(node);
    onPath.add(node);
    for (const arc of graph.out.get(node) ?? []) {
      if (arc.policy.cltvDelta > budget || onPath.has(arc.to)) continue;
      const forwarded = forwardedAmount(arc.policy, receivedMsat);
      if (forwarded === undefined || forwarded > arc.capacityMsat) continue;
      if (!visit(arc.to, forwarded, budget - arc.policy.cltvDelta)) return false;
    }
    onPath.delete(node);
    return true;
  };
  const budget = cltvBudget(view, finalCltvDelta);
  if (budget >= 0 && !visit(view.next, view.amountMsat, budget)) return undefined;
  return [...found].sort();
}

/** Payer candidates of a view, sorted: the previous node, and every node that could have paid through it. */
export function payerCandidates(graph: PublicGraph, view: HopView): string[] {
  const barred = new Set([view.node, view.next]);
  // What each node would receive to forward the payment on towards the observer (the least way back);
  // the previous node would charge its fee on the channel the HTLC came by.
  const seen = graph.out.get(view.prev)?.find((a) => a.channelId === view.channel && a.to === view.node);
  const start = view.incomingMsat + (seen ? forwardingFee(seen.policy, view.incomingMsat) : 0);
  const received = new Map<string, number>([[view.prev, start]]);
  const done = new Set<string>();
  // Ties by name: the set does not depend on the order, but the work stays the same run to run.
  const heap = new BinaryHeap<[number, string]>(([a, x], [b, y]) => a < b || (a === b && x < y));
  heap.push([start, view.prev]);
  for (let top = heap.pop(); top; top = heap.pop()) {
    const [inbound, node] = top; // what a node paying through `node` sends it
    if (done.has(node)) continue;
    done.add(node);
    for (const arc of graph.in.get(node) ?? []) {
      if (barred.has(arc.from) || done.has(arc.from) || inbound > arc.capacityMsat) continue;
      const receives = inbound + forwardingFee(arc.policy, inbound);
      if (receives < (received.get(arc.from) ?? Infinity)) {
        received.set(arc.from, receives);
        heap.push([receives, arc.from]);
      }
    }
  }
  return [...done].sort();
}
