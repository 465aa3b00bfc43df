/**
 * What the agents layer records for reports: one row per channel event (the row types live in
 * `report/records.ts`). Reports compute every summary from these rows (STYLE §15); nothing is
 * tallied on the side.
 */
import type { ChannelEvent } from '../report/index.js';

export type { ChannelEvent, ChannelEventInput, ChannelEventKind } from '../report/index.js';

/**
 * Rows as they are produced, in order: kept in memory (games, tests, small runs) and/or handed
 * to listeners (streaming writers and the report's accumulators, so a run of a million payments
 * keeps memory flat).
 */
export class RowLog<T> {
  private readonly kept: T[] = [];
  private readonly listeners: ((row: T) => void)[] = [];
  /** Keep rows in memory (default); off, they only reach the listeners. */
  keep = true;

  listen(listener: (row: T) => void): void {
    this.listeners.push(listener);
  }

  push(row: T): void {
    if (this.keep) this.kept.push(row);
    for (const listener of this.listeners) listener(row);
  }

  /** The rows kept so far (empty when not keeping). */
  get rows(): readonly T[] {
    return this.kept;
  }
}

export class Recorder extends RowLog<ChannelEvent> {
  override push(event: ChannelEvent): void {
    super.push(Object.freeze(event));
  }

  get events(): readonly ChannelEvent[] {
    return this.rows;
  }
}
