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
 * `coveredEndUnixMs` is where the time those minutes cover ends: the end of the last minute read
 * (end rounded up to a minute), but never past the end of the current minute (rollups of the
 * future do not exist yet). `seconds` = coveredEndUnixMs − startUnixMs (at least 0) in seconds,
 * the divisor of summary rates; `requestedMs` the length of the requested range (end − start),
 * which the default step divides.
 */
export interface MetricsRange extends MinuteRange {
  coveredEndUnixMs: number;
  seconds: number;
  requestedMs: number;
}

export function resolveMetricsRange(params: { start?: string | undefined; end?: string | undefined }, nowNanos: bigint): MetricsRange {
  const window = resolveTimeWindow(params, nowNanos, "last-hour");
  const startMs = Number(window.startTimeMinUnixNano! / NS_PER_MS);
  const endMs = Number(window.startTimeMaxUnixNano! / NS_PER_MS);
  return metricsRangeOf(startMs, endMs, Number(nowNanos / NS_PER_MS));
}

/** The MetricsRange of a requested [startMs, endMs] read at `nowUnixMs` (see MetricsRange). */
export function metricsRangeOf(startMs: number, endMs: number, nowUnixMs: number): MetricsRange {
  const startUnixMs = Math.floor(startMs / MINUTE_MS) * MINUTE_MS;
  const coveredEndUnixMs = Math.min(ceilToMinute(endMs), ceilToMinute(nowUnixMs));
  return { startUnixMs, endUnixMs: endMs, coveredEndUnixMs, seconds: Math.max(0, coveredEndUnixMs - startUnixMs) / 1000, requestedMs: endMs - startMs };
}

/** Seconds of the window starting at `windowStartUnixMs` that the range's minutes cover (0 when none): the divisor of its rate. */
export function windowSeconds(range: Pick<MetricsRange, "startUnixMs" | "coveredEndUnixMs">, windowStartUnixMs: number, stepMs: number): number {
  const from = Math.max(windowStartUnixMs, range.startUnixMs);
  const to = Math.min(windowStartUnixMs + stepMs, range.coveredEndUnixMs);
  return Math.max(0, to - from) / 1000;
}

function ceilToMinute(unixMs: number): number {
  return Math.ceil(unixMs / MINUTE_MS) * MINUTE_MS;
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
  const windows = windowsOf(range, stepMs);
  const count = windowCount(windows);
  if (count > MAX_SERIES_WINDOWS) {
    throw new InvalidParameterError(
      `the range holds ${count} windows of ${stepMs / MINUTE_MS}m; at most ${MAX_SERIES_WINDOWS} are allowed: give a larger step or a shorter range`,
    );
  }
  return windows;
}

/**
 * The windows for `series.count` series (one per `series.of`, a plural noun for messages) of one point per window, at most `maxPoints` points in all:
 * those of resolveSeriesWindows when they fit. Otherwise, with `step` given, InvalidParameterError
 * (give a larger step or a shorter range); without, a larger whole-minute step chosen so they fit
 * (one window over the whole range when even two windows per series are too many).
 */
export function boundedSeriesWindows(
  range: MinuteRange & { requestedMs?: number },
  step: string | undefined,
  series: { count: number; of: string },
  maxPoints: number,
): SeriesWindows {
  const windows = resolveSeriesWindows(range, step);
  const count = windowCount(windows);
  if (series.count * count <= maxPoints) return windows;
  if (step !== undefined) {
    throw new InvalidParameterError(
      `${series.count} ${series.of} × ${count} windows of ${windows.stepMs / MINUTE_MS}m are ${series.count * count} points; at most ${maxPoints} are allowed: give a larger step or a shorter range`,
    );
  }
  const maxWindows = Math.floor(maxPoints / series.count);
  if (maxWindows < 2) return windowsOf(range, wholeRangeStepMs(range));
  // With step ≥ (last − first) / (maxWindows − 1), floor(last / step) − floor(first / step) < maxWindows.
  const span = lastMinuteOf(range) - range.startUnixMs;
  const minutes = Math.max(windows.stepMs / MINUTE_MS, Math.ceil(span / (maxWindows - 1) / MINUTE_MS));
  return windowsOf(range, minutes * MINUTE_MS);
}

/** How many windows `windows` holds. */
export function windowCount(windows: SeriesWindows): number {
  return (windows.lastUnixMs - windows.firstUnixMs) / windows.stepMs + 1;
}

/** Epoch-aligned windows of stepMs from the one holding the range's first minute through the one holding its last. */
function windowsOf(range: MinuteRange, stepMs: number): SeriesWindows {
  return { stepMs, firstUnixMs: Math.floor(range.startUnixMs / stepMs) * stepMs, lastUnixMs: Math.floor(lastMinuteOf(range) / stepMs) * stepMs };
}

/** The last minute read is the one before endUnixMs (minutes are [start, end)); the first when the range is empty. */
function lastMinuteOf(range: MinuteRange): number {
  return Math.max(range.startUnixMs, range.endUnixMs - 1);
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
