/**
 * Transaction malleability (BRIEF §7; the segwit notes). Before segregated witness a
 * transaction's id was the hash of all its bytes, signatures included, and an ECDSA signature
 * (r, s) is as valid as (r, n − s): anyone relaying it, or the miner, could flip s and publish
 * the same spend under another id. Both versions spend the same inputs, so the first mined wins
 * and the other is dropped as a conflict: what the sender tracked by id "never confirms", and
 * any transaction signed in advance against the original id (a channel's refund) spends an
 * output that will never exist.
 *
 * Here: on a chain with `segwit: false`, each signed spend (it has inputs) is re-encoded with
 * probability `malleateShare`; the copy, id `<id>'`, enters the mempool just before the
 * original, so a miner takes it first. Contract calls without inputs and time-locked spends are
 * left alone (nothing to re-sign before they wait). With segwit (the default) ids never change,
 * and BIP 146's low-s rule stays as it is.
 */
import type { Rng } from '../engine/index.js';
import type { TxId } from '../units.js';
import type { ChainConfig, Tx } from './types.js';

/** The id a re-encoded copy of `id` confirms under. */
export const malleatedId = (id: string): TxId => `${id}'` as TxId;

/** The re-encoded copy of `tx` a relayer or miner publishes first, or undefined. */
export function malleate(tx: Tx, config: ChainConfig, rng: Rng): Tx | undefined {
  if (config.segwit !== false || !(config.malleateShare! > 0)) return undefined;
  if (tx.inputs === undefined || tx.inputs.length === 0 || tx.lockTime !== undefined) return undefined;
  if (!rng.chance(config.malleateShare!)) return undefined;
  return { ...tx, id: malleatedId(tx.id) };
}
