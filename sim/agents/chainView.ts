/**
 * What each node believes the chain's height is. An eclipsed node (Riard & Naumenko,
 * "Time-Dilation Attacks on the Lightning Network", 2020) is fed every block, but `delay` blocks
 * late: it sees block h only once the real chain is at h + delay. It acts on the height it sees —
 * its HTLC deadlines (hop.ts), its breach watching (onChain.ts), the preimages it reads from the
 * chain (preimages.ts) — while the real chain, and every other node, moves on.
 *
 * Nodes without a delay see the real chain, and nothing is deferred for them: a run that sets no
 * delay takes the very same steps as before the view existed.
 */
import type { Chain } from '../chain/index.js';

export class ChainView {
  constructor(
    private readonly chain: Chain,
    /** Blocks each eclipsed node lags behind (absent: none). */
    private readonly delays: Readonly<Record<string, number>> = {},
  ) {
    this.anyDelay = Object.keys(delays).length > 0;
  }

  /** The real chain's height. */
  get realHeight(): number {
    return this.chain.height;
  }

  /** Whether any node lags (most runs: none, and every HTLC step asks for two nodes' heights). */
  private readonly anyDelay: boolean;

  /** Blocks `node` lags behind the real chain. */
  delay(node: string): number {
    return this.anyDelay ? (this.delays[node] ?? 0) : 0;
  }

  /** The height `node` sees: the real one less its delay (never below genesis). */
  height(node: string): number {
    return Math.max(0, this.chain.height - this.delay(node));
  }

  /** Has `node` seen block `height` yet? */
  sees(node: string, height: number): boolean {
    return this.height(node) >= height;
  }

  /** Runs `action` once `node` sees block `height` (when the real chain reaches height + delay). */
  whenSeen(node: string, height: number, action: () => void): void {
    this.chain.watchHeight(height + this.delay(node), () => action());
  }
}
