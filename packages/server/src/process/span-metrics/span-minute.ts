const NS_PER_MINUTE = 60_000_000_000n;

/**
 * The minute of a span start: floor(startNs / 60e9) × 60,000 ms, exact (bigint) at the minute
 * boundary. Remembers the last minute's bounds, so the spans of one batch (nearly always one or
 * two minutes) cost two bigint comparisons and no division or allocation.
 */
export class MinuteOfStart {
  #low = 0n;
  #high = 0n;
  #minuteMs = 0;

  /** Start of the minute holding `startUnixNano`, in ms since the Unix epoch (a multiple of 60,000). */
  of(startUnixNano: bigint): number {
    if (startUnixNano >= this.#low && startUnixNano < this.#high) return this.#minuteMs;
    const minute = (startUnixNano < 0n ? startUnixNano - NS_PER_MINUTE + 1n : startUnixNano) / NS_PER_MINUTE;
    this.#low = minute * NS_PER_MINUTE;
    this.#high = this.#low + NS_PER_MINUTE;
    this.#minuteMs = Number(minute) * 60_000;
    return this.#minuteMs;
  }
}

/**
 * The last minute the storage port accepts (MetricsWriter: minutes 0 … 2105-12-31): a span
 * starting outside [0, this] can never be written and is left out of the rollups.
 */
export const LAST_ROLLUP_MINUTE_MS = Date.UTC(2106, 0, 1) - 60_000;

/** `minuteMs` (from MinuteOfStart) lies within the storage port's domain. */
export function isRollupMinute(minuteMs: number): boolean {
  return minuteMs >= 0 && minuteMs <= LAST_ROLLUP_MINUTE_MS;
}
