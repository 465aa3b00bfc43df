/**
 * Watchtowers (BRIEF §7, DEFAULTS.md: lnd's towers). A client leaves its tower what it needs to
 * punish a revoked commitment — the revocation proof and a pre-signed justice transaction — so
 * the tower can act while the client is offline. The tower broadcasts it as soon as it sees a
 * revoked sequence cashed, paying the fee itself:
 *
 * - altruist (`rewardShare` 0): everything the penalty takes goes to the client, but the fee,
 *   which the justice transaction pays out of the swept funds;
 * - reward (`rewardShare` > 0, lnd's is 1%): the justice transaction pays the tower that share,
 *   and the tower pays the fee from its own wallet.
 *
 * The justice transaction was signed in advance, so its fee is fixed (`feeMsat`; lnd fixes
 * 10 sat/vB): under congestion, higher bids can keep it out of blocks until the freeze ends.
 */
import type { TowerReward } from '../channel/index.js';
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
  /** The justice transaction's terms for a penalty worth `takenMsat`, on a channel whose parties bid `channelFeeMsat`. */
  justice(takenMsat: number, channelFeeMsat: number): Justice;
}

export interface Justice {
  readonly reward?: TowerReward;
  /** A reward tower pays the fee from its own wallet (its reward covers it). */
  readonly feePayer?: string;
  readonly feeMsat?: number;
  /** An altruist tower's fee comes out of the swept funds (DEFAULTS.md: it returns all but fees). */
  readonly contractFeeMsat?: number;
}

export function guardiansOf(client: string, towers: readonly WatchtowerSpec[]): Guardian[] {
  return [
    { node: client, justice: () => ({}) },
    ...towers.map((t): Guardian => ({
      node: t.tower,
      justice: (taken, channelFee) => {
        const fee = t.feeMsat ?? channelFee;
        const reward = towerReward(t, taken);
        if (reward === 0) return { feeMsat: 0, contractFeeMsat: Math.min(fee, taken) };
        return { reward: { to: t.tower, amountMsat: reward }, feePayer: t.tower, feeMsat: fee };
      },
    })),
  ];
}
