/**
 * The privacy report during a run: records what each hop reads from its onion (views.ts), and at
 * the end picks each coalition's members and scores what they infer (coalition.ts) on the public
 * graph of the run's channels. A run without `privacy:` creates none of this.
 */
import type { ChannelEdge } from '../router/index.js';
import { infer } from './coalition.js';
import { publicGraph, topHubs } from './graph.js';
import type { HopView, PrivacyRecords, PrivacySpec } from './records.js';
import { hopView, type ObservedPayment, type ObservedTry } from './views.js';
import type { ReadPayload } from '../onion/index.js';

export class PrivacyWatch {
  private readonly views: HopView[] = [];

  constructor(
    private readonly spec: PrivacySpec,
    private readonly now: () => { height: number; time: number },
  ) {}

  /** MultiHopOptions.observe: a hop read its onion. */
  readonly observe = (p: ObservedPayment, t: ObservedTry, index: number, payload: ReadPayload): void => void this.views.push(hopView(p, t, index, payload, this.now()));

  finish(edges: readonly ChannelEdge[], finalCltvDelta: number): PrivacyRecords {
    const graph = publicGraph(edges);
    const coalitions = this.spec.coalitions.map((c) => ({ name: c.name, members: 'topHubs' in c ? topHubs(graph, c.topHubs) : c.members }));
    const views = this.views;
    return { finalCltvDelta, graph, coalitions, views, inferences: infer(graph, views, coalitions, { finalCltvDelta }) };
  }
}
