/**
 * Colluding miners (BRIEF §7): together they hold a share q of the hash power and refuse to
 * include transactions of the chosen kinds (e.g. penalties). Each block is theirs with
 * probability q, so a transaction that must confirm within W blocks is kept out with
 * probability q^W (DEFAULTS.md "Censorship").
 */
import type { Chain } from '../chain/index.js';

export interface MinerSpec {
  readonly node: string;
  /** Share of hash power, in [0, 1]. */
  readonly share: number;
  /** Transaction kinds it censors (report labels: penalty, htlc-claim, cash-htlc, …). */
  readonly censors: readonly string[];
}

/** The miners collude: their shares add up (at most the whole hash power), and they censor the union of kinds. */
export function startMiners(chain: Chain, miners: readonly MinerSpec[]): void {
  if (miners.length === 0) return;
  const share = Math.min(1, miners.reduce((sum, m) => sum + m.share, 0));
  const kinds = new Set(miners.flatMap((m) => m.censors));
  chain.setMinerPolicy({ share, excludes: (tx) => kinds.has(tx.kind) });
}
