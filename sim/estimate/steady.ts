/**
 * When a growing quantity has become steady: its average over consecutive windows of equal
 * length has stopped growing.
 *
 * Criterion: with `m[k]` the time-weighted mean of window k, the series is steady after window k
 * when m[k] ≤ m[k-1] × (1 + tolerance). For a count that fills up as N(1 − e^(−t/T)) (channels
 * opening at a constant rate, each living T on average), with windows of T/4 and a tolerance of
 * 0.5% this holds from t ≈ 3.8 T on, when the count is within about 2% of N; the count's own
 * noise (Poisson, √N) is averaged over a window, so it rarely ends the fill-up early.
 */
export class WindowedMean {
  private area = 0;
  private lastTime: number;
  private lastValue: number;
  private windowStart: number;
  readonly means: number[] = [];

  constructor(
    start: number,
    value: number,
    readonly windowMs: number,
  ) {
    this.lastTime = start;
    this.lastValue = value;
    this.windowStart = start;
  }

  /** The quantity changes to `value` at `time` (not before the previous change). */
  set(time: number, value: number): void {
    this.advance(time);
    this.lastValue = value;
  }

  /** Closes every window that ends at or before `time`; returns how many closed. */
  advance(time: number): number {
    let closed = 0;
    while (time >= this.windowStart + this.windowMs) {
      const end = this.windowStart + this.windowMs;
      this.area += this.lastValue * (end - this.lastTime);
      this.means.push(this.area / this.windowMs);
      this.area = 0;
      this.lastTime = end;
      this.windowStart = end;
      closed++;
    }
    this.area += this.lastValue * (time - this.lastTime);
    this.lastTime = time;
    return closed;
  }

  /** True once the latest window's mean is no more than `tolerance` above the one before. */
  steady(tolerance: number): boolean {
    const n = this.means.length;
    return n >= 2 && this.means[n - 1]! <= this.means[n - 2]! * (1 + tolerance);
  }
}
