/**
 * What the router did, for benchmarks: searches run and nodes settled (a search's work is about
 * proportional to the nodes it settles). Counting never changes a route; `pcnsim bench` reads and
 * resets these, and `record` (when set) receives each query as it is asked, to be replayed.
 */
import type { PaymentGraph } from './graph.js';
import type { RouteQuery } from './findRoute.js';

export interface SearchStats {
  searches: number;
  settled: number;
  /** Called before each search with the graph and the query (bench --routing keeps them). */
  record: ((graph: PaymentGraph, query: RouteQuery) => void) | undefined;
}

export const searchStats: SearchStats = { searches: 0, settled: 0, record: undefined };
