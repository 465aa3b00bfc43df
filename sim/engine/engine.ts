/**
 * The discrete-event engine: a clock and an ordered queue of callbacks. It knows nothing about
 * payments, channels or chains (STYLE §3): domain modules schedule closures on it.
 *
 * Order: (time, priority, seq) — see queue.ts. `step()` runs exactly one event; `run({ until })`
 * runs every event due at or before `until` and then leaves the clock at `until`.
 * A handler that throws stops the run: failures are never swallowed.
 */
import { EventQueue, type QueueEntry } from './queue.js';

export type Handler = () => void;

/** Well-known priorities; lower runs first at equal times. */
export const Priority = {
  /** Blocks are mined before anything reacts at the same instant. */
  chain: 0,
  /** Watch triggers fired by a block. */
  trigger: 10,
  /** Ordinary events (messages, actions, payments). */
  normal: 50,
  /** Sampling and bookkeeping after everything else at that time. */
  record: 90,
} as const;

/** A queued event, and its own handle (no handle object and closure per event: a run schedules millions). */
class ScheduledEvent implements QueueEntry, EventHandle {
  cancelled = false;

  constructor(
    readonly time: number,
    readonly priority: number,
    readonly seq: number,
    readonly handler: Handler,
    readonly label: string,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

/** Returned by `schedule`; lets the scheduler cancel an event that has not fired yet. */
export interface EventHandle {
  readonly time: number;
  readonly label: string;
  cancel(): void;
}

export interface RunOptions {
  /** Stop after the last event at or before this time (ms); the clock is then set to it. */
  readonly until?: number;
  /** Safety valve: stop after this many events (default: unlimited). */
  readonly maxEvents?: number;
}

export class Engine {
  private readonly queue = new EventQueue<ScheduledEvent>();
  private seq = 0;
  private clock = 0;
  private processed = 0;
  private stopped = false;

  /** Current simulated time, ms. */
  get now(): number {
    return this.clock;
  }

  /** Events executed so far (cancelled ones are not counted). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events waiting (including cancelled ones not yet discarded). */
  get pending(): number {
    return this.queue.size;
  }

  /** Runs `handler` at absolute time `time` (ms, not in the past). */
  scheduleAt(time: number, handler: Handler, options: { priority?: number; label?: string } = {}): EventHandle {
    if (!Number.isFinite(time) || time < this.clock) {
      throw new RangeError(`Engine.scheduleAt: time ${time} is before now (${this.clock}); schedule at now or later`);
    }
    const event = new ScheduledEvent(time, options.priority ?? Priority.normal, this.seq++, handler, options.label ?? '');
    this.queue.push(event);
    return event;
  }

  /** Runs `handler` after `delay` ms. */
  schedule(delay: number, handler: Handler, options: { priority?: number; label?: string } = {}): EventHandle {
    if (!(delay >= 0)) throw new RangeError(`Engine.schedule: delay must be >= 0, got ${delay}`);
    return this.scheduleAt(this.clock + delay, handler, options);
  }

  /** Time of the next live event, or undefined when none is waiting. */
  peekTime(): number | undefined {
    this.dropCancelled();
    return this.queue.peek()?.time;
  }

  /** Runs the next event. Returns false when the queue is empty. */
  step(): boolean {
    this.dropCancelled();
    const event = this.queue.pop();
    if (event === undefined) return false;
    this.clock = event.time;
    this.processed++;
    event.handler();
    return true;
  }

  /** Asks `run` to return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** Runs events in order until the queue is empty, `until` is passed, or `stop()` is called. */
  run(options: RunOptions = {}): void {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    this.stopped = false;
    let count = 0;
    while (!this.stopped && count < maxEvents) {
      const next = this.peekTime();
      if (next === undefined || next > until) break;
      this.step();
      count++;
    }
    if (!this.stopped && until !== Infinity && until > this.clock && count < maxEvents) this.clock = until;
  }

  private dropCancelled(): void {
    while (this.queue.peek()?.cancelled) this.queue.pop();
  }
}
