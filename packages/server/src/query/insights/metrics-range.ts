import type { MinuteRange } from "@skein/storage";
import { parseDurationParam } from "../duration-param.js";
import { InvalidParameterError } from "../errors.js";
import { resolveTimeWindow } from "../time-window.js";

export const MINUTE_MS = 60_000;
const NS_PER_MS = 1_000_000n;
const NS_PER_MINUTE = 60_000_000_000n;
/** Most windows a RED or services series may hold: a day of 1m windows, plus the partial minutes at either end. */
export const MAX_SERIES_WINDOWS = 1442;
/** About how many points the default step aims for. */
const DEFAULT_POINTS = 60;

/**
 * The rollup minutes a metrics query reads: [floor(start / 1m), end) in unix ms, from the
 * request's start/end (default the last hour before `nowNanos`; start after end is refused).
 * `seconds` is the length of that minute range, the divisor of summary rates; `requestedMs` the
 * length of the requested range (end − start), which the default step divides.
 */
export interface MetricsRange extends MinuteRange {
  seconds: number;
  requestedMs: number;
}

export function resolveMetricsRange(params: { start?: string | undefined; end?: string | undefined }, nowNanos: bigint): MetricsRange {
  const window = resolveTimeWindow(params, nowNanos, "last-hour");
  const startMs = Number(window.startTimeMinUnixNano! / NS_PER_MS);
  const endMs = Number(window.startTimeMaxUnixNano! / NS_PER_MS);
  const startUnixMs = Math.floor(startMs / MINUTE_MS) * MINUTE_MS;
  return { startUnixMs, endUnixMs: endMs, seconds: (endMs - startUnixMs) / 1000, requestedMs: endMs - startMs };
}

/** A range cut into epoch-aligned windows of stepMs: every start from firstUnixMs to lastUnixMs. */
export interface SeriesWindows {
  stepMs: number;
  firstUnixMs: number;
  lastUnixMs: number;
}

/**
 * The windows of a series: `step` (a whole number of minutes) or, absent, the range (the
 * requested one when known) / 60 rounded up to whole minutes (at least 1m). The windows run from floor(start / step) · step through the
 * window holding the range's last minute (the one before its end: minutes are [start, end)). Throws InvalidParameterError for a step that is not a positive
 * whole number of minutes, or when there would be more than MAX_SERIES_WINDOWS windows.
 */
export function resolveSeriesWindows(range: MinuteRange & { requestedMs?: number }, step: string | undefined): SeriesWindows {
  let stepMs: number;
  if (step !== undefined) {
    const nanos = parseDurationParam("step", step);
    if (nanos <= 0n || nanos % NS_PER_MINUTE !== 0n) {
      throw new InvalidParameterError(`step must be a whole number of minutes, such as 1m, 5m or 1h (rollups are per minute); got ${JSON.stringify(step)}`);
    }
    stepMs = Number(nanos / NS_PER_MS);
  } else {
    const minutes = Math.max(1, Math.ceil((range.requestedMs ?? range.endUnixMs - range.startUnixMs) / DEFAULT_POINTS / MINUTE_MS));
    stepMs = minutes * MINUTE_MS;
  }
  const firstUnixMs = Math.floor(range.startUnixMs / stepMs) * stepMs;
  // The last minute read is the one before endUnixMs (minutes are [start, end)).
  const lastMinuteMs = Math.max(range.startUnixMs, range.endUnixMs - 1);
  const lastUnixMs = Math.floor(lastMinuteMs / stepMs) * stepMs;
  const windows = (lastUnixMs - firstUnixMs) / stepMs + 1;
  if (windows > MAX_SERIES_WINDOWS) {
    throw new InvalidParameterError(
      `the range holds ${windows} windows of ${stepMs / MINUTE_MS}m; at most ${MAX_SERIES_WINDOWS} are allowed: give a larger step or a shorter range`,
    );
  }
  return { stepMs, firstUnixMs, lastUnixMs };
}

/** Every window start of the series, ascending. */
export function windowStarts(windows: SeriesWindows): number[] {
  const starts: number[] = [];
  for (let t = windows.firstUnixMs; t <= windows.lastUnixMs; t += windows.stepMs) starts.push(t);
  return starts;
}

/**
 * A step for reading the whole range as one window: a whole number of minutes reaching past its
 * end from the epoch, so every minute lands in the window starting at 0.
 */
export function wholeRangeStepMs(range: MinuteRange): number {
  return Math.max(1, Math.ceil(Math.max(range.endUnixMs, MINUTE_MS) / MINUTE_MS) + 1) * MINUTE_MS;
}
