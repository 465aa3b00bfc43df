/**
 * Watchtowers (BRIEF §7, DEFAULTS.md: lnd's towers). A client leaves its tower what it needs to
 * punish a revoked commitment — the revocation proof and a pre-signed justice transaction — so
 * the tower can act while the client is offline. The tower broadcasts it as soon as it sees a
 * revoked sequence cashed, paying the fee itself:
 *
 * - altruist (`rewardShare` 0): everything the penalty takes goes to the client;
 * - reward (`rewardShare` > 0, lnd's is 1%): the justice transaction pays the tower that share.
 *
 * The justice transaction was signed in advance, so its fee is fixed (`feeMsat`; lnd fixes
 * 10 sat/vB): under congestion, higher bids can keep it out of blocks until the freeze ends.
 */
import type { TowerReward } from '../channel/contract.js';
import type { Msat } from '../units.js';

export interface WatchtowerSpec {
  readonly tower: string;
  readonly clients: readonly string[];
  /** Share of what the penalty takes that the tower keeps, in [0, 1). */
  readonly rewardShare: number;
  /** Fixed fee of the justice transaction; undefined: the channel's own fee. */
  readonly feeMsat?: number;
}

/** The tower's share of a penalty worth `takenMsat` (rounded down: the client never pays more). */
export function towerReward(spec: WatchtowerSpec, takenMsat: number): Msat {
  return Math.floor(takenMsat * spec.rewardShare) as Msat;
}

/**
 * Who may punish a breach on `client`'s behalf, in order of preference: the client itself, then
 * each of its watchtowers. Each says how its justice transaction looks; the honest code path
 * (onChain.ts) asks the first one online and knows nothing of towers.
 */
export interface Guardian {
  readonly node: string;
  /** The justice transaction's terms for a penalty worth `takenMsat`. */
  justice(takenMsat: number): { readonly reward?: TowerReward; readonly feePayer?: string; readonly feeMsat?: number };
}

export function guardiansOf(client: string, towers: readonly WatchtowerSpec[]): Guardian[] {
  return [
    { node: client, justice: () => ({}) },
    ...towers.map((t): Guardian => ({
      node: t.tower,
      justice: (taken) => {
        const reward = towerReward(t, taken);
        return { ...(reward > 0 ? { reward: { to: t.tower, amountMsat: reward } } : {}), feePayer: t.tower, ...(t.feeMsat !== undefined ? { feeMsat: t.feeMsat } : {}) };
      },
    })),
  ];
}
