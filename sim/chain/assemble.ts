/**
 * Building a block (in this order): the miner is drawn (censoring with probability
 * `policy.share`, by the chain); the mempool is walked in fee-rate-then-arrival order; a
 * transaction waits for a later block when its absolute lock is not reached, an input's relative
 * lock has not passed, an input's creating transaction is not confirmed yet (a child may follow
 * its parent into the same block only if the parent came first in that order), the block is full
 * for it (count limit: the walk stops; weight limit: it is skipped and lighter ones may still
 * fit), or the miner censors it; it is dropped when an input was already spent ('conflict'), an
 * input's creator was dropped ('missing-input') or its contract rejects the call
 * ('contract-rejected'). After the walk, every transaction still waiting — in the mempool or
 * outside it for its time lock (timelocked.ts) — that can no longer confirm (its input was spent
 * or its parent dropped by this block) is dropped too, as a node evicts conflicts.
 */
import type { Height, TxId, UnixSeconds } from '../units.js';
import type { Ledger } from './ledger.js';
import { inclusionVerdict, staleReason } from './rules.js';
import type { DropReason, Tx } from './types.js';

export interface BlockTemplate {
  readonly height: Height;
  readonly timestamp: UnixSeconds;
  readonly blockTxLimit: number | undefined;
  readonly blockWeightLimit: number | undefined;
  /** The censoring miner's filter, when this block is mined by one. */
  readonly censors: ((tx: Tx) => boolean) | undefined;
  /** A genesis block (channels that exist from the start): only what this picks, whatever the limits. */
  readonly genesis?: (tx: Tx) => boolean;
}

export interface ChainState {
  readonly ledger: Ledger;
  /** Every transaction dropped so far; the assembly adds its own drops. */
  readonly dropped: Map<TxId, DropReason>;
  /** How many transactions wait outside the mempool for their time lock. */
  readonly timeLocked: number;
  /** Applies an includable transaction to the ledger and its contract, or says the contract rejected it (then nothing changed). */
  apply(tx: Tx): 'include' | 'contract-rejected';
}

export interface Assembled {
  readonly included: readonly Tx[];
  readonly drops: readonly (readonly [Tx, DropReason])[];
  readonly weight: number;
  /** Ids of the transactions included or dropped: they leave the mempool. */
  readonly gone: ReadonlySet<string>;
}

/** Walks `mempool` (in mining order) into a block; `waiting()` goes over every transaction still waiting afterwards, in a fixed order. */
export function assembleBlock(mempool: readonly Tx[], waiting: () => Iterable<Tx>, template: BlockTemplate, state: ChainState): Assembled {
  const { height, timestamp, blockTxLimit, blockWeightLimit, censors, genesis } = template;
  const included: Tx[] = [];
  const drops: [Tx, DropReason][] = [];
  const gone = new Set<string>();
  const drop = (tx: Tx, reason: DropReason): void => {
    drops.push([tx, reason]);
    state.dropped.set(tx.id, reason);
    gone.add(tx.id);
  };
  let weight = 0;
  let spentSome = false;
  for (const tx of mempool) {
    if (genesis) {
      if (!genesis(tx)) continue;
    } else {
      if (blockTxLimit !== undefined && included.length >= blockTxLimit) break;
      if (blockWeightLimit !== undefined && weight + tx.weight > blockWeightLimit) continue;
    }
    if (censors?.(tx)) continue;
    const verdict = inclusionVerdict(tx, height, timestamp, state.ledger, state.dropped);
    if (verdict === 'wait') continue;
    const result = verdict === 'include' ? state.apply(tx) : verdict;
    if (result !== 'include') {
      drop(tx, result);
      continue;
    }
    included.push(tx);
    gone.add(tx.id);
    weight += tx.weight;
    spentSome ||= (tx.inputs ?? []).length > 0;
  }
  // Evict what can no longer confirm; repeat while evictions orphan further descendants. Nothing
  // waits any more when the whole mempool went into this block (a genesis block of 62,000 deposits).
  let evicted = (spentSome || drops.length > 0) && !(gone.size === mempool.length && state.timeLocked === 0);
  while (evicted) {
    evicted = false;
    for (const tx of waiting()) {
      if (gone.has(tx.id)) continue;
      const reason = staleReason(tx, state.ledger, state.dropped);
      if (reason !== undefined) {
        drop(tx, reason);
        evicted = true;
      }
    }
  }
  return { included, drops, weight, gone };
}
