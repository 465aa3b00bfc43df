/**
 * Fixed time bins for a run's series: a width from a list of round durations, chosen so a run
 * gets between about 100 and 400 bins (a 2-hour run: 30 s; 2 days: 10 min; 400 days: 1 day).
 * Events are counted in the bin of the instant they happen, not at the next block.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Round bin widths, ms. */
const WIDTHS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY,
];

/** At most this many bins per run. */
export const MAX_BINS = 400;

/** The smallest round width that cuts `runMs` into at most MAX_BINS bins. */
export function binWidthMs(runMs: number): number {
  for (const w of WIDTHS) if (runMs / w <= MAX_BINS) return w;
  return Math.ceil(runMs / MAX_BINS / DAY) * DAY;
}

export class Bins {
  readonly widthMs: number;
  readonly count: number;

  constructor(runMs: number) {
    this.widthMs = binWidthMs(Math.max(1, runMs));
    this.count = Math.max(1, Math.ceil(runMs / this.widthMs));
  }

  /** The bin of instant `ms` (the last bin holds the run's final instant). */
  of(ms: number): number {
    return Math.min(this.count - 1, Math.max(0, Math.floor(ms / this.widthMs)));
  }

  start(bin: number): number {
    return bin * this.widthMs;
  }
}

/**
 * A quantity that changes at instants (value locked in HTLCs, a node's holdings), sampled at
 * every change: the exact change points while there are at most `maxPoints`, and always each
 * bin's minimum, maximum, last value and time-weighted mean, so a long run keeps a fixed size
 * and still shows every peak (the largest bin maximum is the series' peak).
 */
export class Envelope {
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly last: Float64Array;
  private readonly area: Float64Array;
  private points: number[] | undefined = [0, 0];
  private value = 0;
  private since = 0;
  private bin = 0;

  constructor(
    private readonly bins: Bins,
    private readonly maxPoints = 5000,
  ) {
    const n = bins.count;
    this.min = new Float64Array(n);
    this.max = new Float64Array(n);
    this.last = new Float64Array(n);
    this.area = new Float64Array(n);
  }

  /** The value became `value` at `ms` (calls come in time order). */
  set(ms: number, value: number): void {
    this.advance(ms);
    this.value = value;
    this.min[this.bin] = Math.min(this.min[this.bin]!, value);
    this.max[this.bin] = Math.max(this.max[this.bin]!, value);
    this.last[this.bin] = value;
    if (!this.points) return;
    const n = this.points.length;
    if (this.points[n - 2] === ms) this.points[n - 1] = value;
    else if (n / 2 < this.maxPoints) this.points.push(ms, value);
    else this.points = undefined;
  }

  get current(): number {
    return this.value;
  }

  /** The change points [ms, value, ms, value, …], or undefined past `maxPoints` changes. */
  exactPoints(): readonly number[] | undefined {
    return this.points;
  }

  /** Closes the series at `endMs` (the run's end) and returns each bin's time-weighted mean. */
  means(endMs: number): number[] {
    this.advance(endMs);
    const out: number[] = [];
    for (let b = 0; b < this.bins.count; b++) {
      const width = Math.min(this.bins.widthMs, endMs - this.bins.start(b));
      out.push(width > 0 ? this.area[b]! / width : this.last[b]!);
    }
    return out;
  }

  /** Moves the clock to `ms`: bins passed over hold the value unchanged. */
  private advance(ms: number): void {
    const target = this.bins.of(ms);
    while (this.bin < target) {
      const end = this.bins.start(this.bin + 1);
      this.area[this.bin]! += this.value * (end - this.since);
      this.since = end;
      this.bin++;
      this.min[this.bin] = this.value;
      this.max[this.bin] = this.value;
      this.last[this.bin] = this.value;
    }
    this.area[this.bin]! += this.value * (ms - this.since);
    this.since = ms;
  }
}
