/**
 * Whether a waiting transaction may enter the block being built, must wait, or can never
 * confirm. Pure reads of the ledger; the chain applies the verdict.
 *
 * - Absolute lock (nLockTime): by height, the new block's height ≥ lock; by time, the new
 *   block's timestamp ≥ lock.
 * - Relative lock (CSV) of each input: new height − height that created the input ≥ lock.
 * - An input not created yet waits for its parent (which may still be in the mempool).
 * - An input already spent can never be spent again: 'conflict'. An input whose creating
 *   transaction was dropped will never exist: 'missing-input'.
 */
import type { TxId } from '../units.js';
import type { Ledger } from './ledger.js';
import type { DropReason, Tx } from './types.js';

export type Verdict = 'include' | 'wait' | DropReason;

export function inclusionVerdict(tx: Tx, height: number, timestamp: number, ledger: Ledger, dropped: ReadonlyMap<TxId, DropReason>): Verdict {
  if (tx.lockTime) {
    if ('height' in tx.lockTime ? height < tx.lockTime.height : timestamp < tx.lockTime.timestamp) return 'wait';
  }
  for (const input of tx.inputs ?? []) {
    const out = ledger.output(input);
    if (!out) return dropped.has(input.txId) ? 'missing-input' : 'wait';
    if (out.spentBy !== undefined) return 'conflict';
    if (height - out.createdHeight < (out.spec.relativeLockBlocks ?? 0)) return 'wait';
  }
  return 'include';
}

/**
 * Why a waiting transaction can no longer confirm, whatever block it waits for, or undefined.
 * Checked for the whole mempool after each block, so that a conflict leaves the mempool as soon
 * as the competing spend confirms, even when block space or a censoring miner kept the block
 * from reaching it.
 */
export function staleReason(tx: Tx, ledger: Ledger, dropped: ReadonlyMap<TxId, DropReason>): DropReason | undefined {
  for (const input of tx.inputs ?? []) {
    const out = ledger.output(input);
    if (out ? out.spentBy !== undefined : dropped.has(input.txId)) return out ? 'conflict' : 'missing-input';
  }
  return undefined;
}
