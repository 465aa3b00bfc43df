/**
 * What every importer returns: channels with both directions' forwarding policies and HTLC
 * limits, as the source file states them. Direction 0 is between[0] → between[1]: its policy and
 * limits are between[0]'s (the node that offers the HTLC and charges the fee), as in lnd's
 * node1_policy, sim-ln's node_1 and CLoTH's edge from node1.
 */
import type { DirectionLimits } from '../../agents/index.js';
import type { Policy } from '../../router/index.js';

export interface ImportedDirection extends DirectionLimits {
  /** undefined: this direction cannot forward (no policy in the file). */
  readonly policy: Policy | undefined;
}

export interface ImportedChannel {
  readonly channelId: string;
  readonly between: readonly [string, string];
  readonly capacityMsat: number;
  readonly directions: readonly [ImportedDirection, ImportedDirection];
  /** Each side's balance, when the file has them (CLoTH); otherwise the scenario splits the capacity. */
  readonly balances?: readonly [number, number];
  /** sim-ln's forward_only: the channel forwards but its nodes are not picked for random activity. */
  readonly forwardOnly?: boolean;
}

export interface ImportedGraph {
  readonly nodes: readonly string[];
  readonly channels: readonly ImportedChannel[];
  /** Readable names by node id (lnd and sim-ln aliases). */
  readonly aliases: ReadonlyMap<string, string>;
  /** Nodes not picked for random activity (sim-ln's `exclude`, forward-only nodes). */
  readonly excluded: readonly string[];
  /** Counted oddities a real file may contain, one line each. */
  readonly warnings: readonly string[];
}

/** A node id → id map that keeps a file's order and refuses a second channel with the same id. */
export function uniqueIds(): (id: string) => boolean {
  const seen = new Set<string>();
  return (id) => {
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
}
