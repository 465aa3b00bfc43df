/**
 * The privacy report during a run: records what each hop reads from its onion (views.ts), and at
 * the end picks each coalition's members and scores what they infer (coalition.ts) on the public
 * graph of the run's channels. A run without `privacy:` creates none of this.
 */
import type { ChannelEdge } from '../router/index.js';
import { infer } from './coalition.js';
import { publicGraph, topHubs } from './graph.js';
import type { PrivacyRecords } from './records.js';
import type { PrivacySpec } from './scenario.js';
import { HopViews } from './views.js';

export class PrivacyWatch {
  private readonly hops: HopViews;

  constructor(
    private readonly spec: PrivacySpec,
    now: () => { height: number; time: number },
  ) {
    this.hops = new HopViews(now);
  }

  /** MultiHopOptions.observe. */
  get observe(): HopViews['observe'] {
    return this.hops.observe;
  }

  finish(edges: readonly ChannelEdge[], finalCltvDelta: number): PrivacyRecords {
    const graph = publicGraph(edges);
    const coalitions = this.spec.coalitions.map((c) => ({ name: c.name, members: 'topHubs' in c ? topHubs(graph, c.topHubs) : c.members }));
    const views = this.hops.views;
    return { finalCltvDelta, graph, coalitions, views, inferences: infer(graph, views, coalitions, { finalCltvDelta }) };
  }
}
