/** What every part of a run's report pages is computed from: the report, the run's records, display names. */
import type { ChannelEvent, RunRecords } from './records.js';
import { MARKED_KINDS } from './accumulate.js';
import { displayName, formatDuration, perSecond } from './format.js';
import type { Report } from './summary.js';

export interface ReportContext {
  readonly report: Report;
  readonly run: RunRecords;
  /** The run's end, ms. */
  readonly endMs: number;
  /** Closes and penalties (at most 200), in time order. */
  readonly marked: readonly ChannelEvent[];
  /** A node's name for people: its alias when the import had one, else its id (a public key shortened). */
  readonly name: (node: string) => string;
  /** "4.97/s over the active period (1h 0min – 3h 20min), 0.069/s over the run". */
  readonly throughputLine: string;
}

export function reportContext(report: Report, run: RunRecords): ReportContext {
  const p = report.payments;
  const active = p.activePeriod;
  const throughputLine =
    p.succeeded === 0
      ? 'no payment succeeded'
      : p.throughputActivePerSec === 0
        ? `every payment ended at ${formatDuration(active.endSeconds * 1000)}`
        : `throughput ${perSecond(p.throughputActivePerSec)} over the active period (${formatDuration(active.startSeconds * 1000)} – ${formatDuration(active.endSeconds * 1000)}), ${perSecond(p.throughputPerSec)} over the whole run`;
  return {
    report,
    run,
    endMs: run.simulatedMs,
    marked: run.stats.marked.filter((e) => MARKED_KINDS.has(e.kind)),
    name: (node) => displayName(node, run.aliases),
    throughputLine,
  };
}
