/** What a run with `privacy:` keeps for its report: every hop's view and each coalition's inferences (RunRecords.privacy). */
import type { Coalition, PaymentInference } from './coalition.js';
import type { PublicGraph } from './graph.js';

/** The coalitions a scenario asks about (`privacy:`, resolved by scenario/privacy.ts). */
export interface PrivacySpec {
  readonly coalitions: readonly CoalitionSpec[];
}

/** A coalition by name: the k biggest hubs (picked at run time from the graph) or named members. */
export type CoalitionSpec = { readonly name: string } & ({ readonly topHubs: number } | { readonly members: readonly string[] });

export interface PrivacyRecords {
  /** The final hop's CLTV delta the coalition assumes (the scenario's finalCltvDelta). */
  readonly finalCltvDelta: number;
  /** The public graph the coalitions reasoned on (not written out: the scenario has it). */
  readonly graph: PublicGraph;
  readonly coalitions: readonly Coalition[];
  /** In the order the hops read their onions. */
  readonly views: readonly HopView[];
  /** Per coalition, per routed payment (coalition.ts). */
  readonly inferences: readonly PaymentInference[];
}

/** What one hop read from its onion (views.ts records it); the payment, payer, payee, lock and position are the truth the report scores against: no hop knows them. */
export interface HopView {
  /** The truth, for scoring: the payment, which of its tries (0: the first), payer, payee, hash lock. */
  readonly payment: string;
  readonly part: number;
  readonly payer: string;
  readonly payee: string;
  readonly lock: string;
  /** Position on the route: 1 is the first hop's receiver; the payee's is the route's length. */
  readonly position: number;
  /** The observing node and what it saw. */
  readonly node: string;
  readonly prev: string;
  /** The channel its incoming HTLC came on. */
  readonly channel: string;
  /** The node at the other end of the channel its onion names (undefined: the payee, told no next hop). */
  readonly next: string | undefined;
  readonly incomingMsat: number;
  readonly incomingCltv: number;
  /** What it forwards (the payee: what it must receive) and the lock the next HTLC must carry. */
  readonly amountMsat: number;
  readonly outgoingCltv: number;
  readonly height: number;
  readonly time: number;
}
