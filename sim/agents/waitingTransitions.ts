/**
 * A channel's contract transitions waiting for the block watch that acts on them. Most channels
 * are idle, so the list exists only while something waits: a Map for one entry costs about 400
 * bytes, and a real snapshot opens 31,000 channels.
 */
import type { VirtualBankTransition as Transition } from '../channel/index.js';

export class WaitingTransitions {
  private list: Transition[] | undefined;

  push(t: Transition): void {
    (this.list ??= []).push(t);
  }

  /** The transition the confirmed transaction `txId` made, removed from the list (undefined: none waits). */
  take(txId: string): Transition | undefined {
    const list = this.list;
    const at = list === undefined ? -1 : list.findIndex((w) => w.txId === txId);
    if (at < 0) return undefined;
    const [t] = list!.splice(at, 1);
    if (list!.length === 0) this.list = undefined;
    return t;
  }
}
