/** What a run with `privacy:` keeps for its report: every hop's view and each coalition's inferences (RunRecords.privacy). */
import type { Coalition, PaymentInference } from './coalition.js';
import type { PublicGraph } from './graph.js';
import type { HopView } from './views.js';

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
