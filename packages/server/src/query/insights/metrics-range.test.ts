import { describe, expect, it } from "vitest";
import {
  MAX_SERIES_WINDOWS,
  boundedSeriesWindows,
  metricsRangeOf,
  resolveMetricsRange,
  resolveSeriesWindows,
  wholeRangeStepMs,
  windowCount,
  windowSeconds,
  windowStarts,
} from "./metrics-range.js";

const MS = 1_000_000n;
/** 2023-11-14T22:23:20.123Z in ns. */
const NOW = 1_700_000_600_123n * MS;
const MIN = 60_000;

describe("resolveMetricsRange", () => {
  it("defaults to the last hour, from the minute holding start to end (ms)", () => {
    const range = resolveMetricsRange({}, NOW);
    expect(range.endUnixMs).toBe(1_700_000_600_123);
    expect(range.startUnixMs).toBe(Math.floor((1_700_000_600_123 - 3_600_000) / MIN) * MIN);
    // The minutes read run through the one holding now; their time ends with it.
    expect(range.coveredEndUnixMs).toBe(1_700_000_640_000);
    expect(range.seconds).toBe((1_700_000_640_000 - range.startUnixMs) / 1000);
    expect(range.requestedMs).toBe(3_600_000);
    expect(resolveSeriesWindows(range, undefined).stepMs).toBe(MIN); // the requested hour, not the 60m20s of minutes
  });

  it("takes start and end as unix ms or RFC 3339 and refuses start after end", () => {
    expect(resolveMetricsRange({ start: "120000", end: "2023-11-14T22:00:00Z" }, NOW)).toEqual({
      startUnixMs: 120_000,
      endUnixMs: 1_699_999_200_000,
      coveredEndUnixMs: 1_699_999_200_000,
      seconds: (1_699_999_200_000 - 120_000) / 1000,
      requestedMs: 1_699_999_200_000 - 120_000,
    });
    expect(() => resolveMetricsRange({ start: "200000", end: "100000" }, NOW)).toThrow(/start .* is after end/);
  });
});

describe("metricsRangeOf and windowSeconds: the time the minutes read cover", () => {
  it("divides by whole minutes read, not by the requested seconds", () => {
    // 10:00:00 → 10:00:01 reads the whole minute 10:00: 60 s, not 1 s.
    const range = metricsRangeOf(600 * MIN, 600 * MIN + 1000, 10_000 * MIN);
    expect(range).toMatchObject({ startUnixMs: 600 * MIN, coveredEndUnixMs: 601 * MIN, seconds: 60, requestedMs: 1000 });
    // A start inside a minute reads that minute from its start.
    expect(metricsRangeOf(600 * MIN + 30_000, 602 * MIN, 10_000 * MIN).seconds).toBe(120);
  });

  it("never counts time after the current minute", () => {
    expect(metricsRangeOf(0, 10 * MIN, 3 * MIN + 5_000)).toMatchObject({ coveredEndUnixMs: 4 * MIN, seconds: 240 });
    expect(metricsRangeOf(0, 10 * MIN, 3 * MIN)).toMatchObject({ coveredEndUnixMs: 3 * MIN, seconds: 180 });
    expect(metricsRangeOf(20 * MIN, 30 * MIN, 3 * MIN).seconds).toBe(0); // all in the future
  });

  it("gives each window the part of it the range covers", () => {
    // 10:30 → 12:30 in 1h windows: half of the first and of the last window.
    const range = metricsRangeOf(630 * MIN, 750 * MIN, 10_000 * MIN);
    const windows = resolveSeriesWindows(range, "1h");
    expect(windowStarts(windows).map((t) => windowSeconds(range, t, windows.stepMs))).toEqual([1800, 3600, 1800]);
    // Clipped at the end of the current minute (now 11:10:20), 0 past it.
    const early = metricsRangeOf(630 * MIN, 750 * MIN, 670 * MIN + 20_000);
    expect(windowStarts(windows).map((t) => windowSeconds(early, t, windows.stepMs))).toEqual([1800, 660, 0]);
  });
});

describe("resolveSeriesWindows", () => {
  const hour = { startUnixMs: 100 * MIN, endUnixMs: 160 * MIN + 5 };

  it("chooses range/60 rounded up to whole minutes by default, at least 1m", () => {
    expect(resolveSeriesWindows(hour, undefined).stepMs).toBe(2 * MIN); // 60m + 5 ms → ceil(1.0000014) = 2
    expect(resolveSeriesWindows({ startUnixMs: 0, endUnixMs: 60 * MIN }, undefined).stepMs).toBe(MIN);
    expect(resolveSeriesWindows({ startUnixMs: 0, endUnixMs: 24 * 60 * MIN }, undefined).stepMs).toBe(24 * MIN);
    expect(resolveSeriesWindows({ startUnixMs: 5 * MIN, endUnixMs: 5 * MIN }, undefined).stepMs).toBe(MIN);
  });

  it("aligns windows to the epoch, from the window of start through the window holding end", () => {
    const w = resolveSeriesWindows({ startUnixMs: 7 * MIN, endUnixMs: 23 * MIN + 1 }, "5m");
    expect(w).toEqual({ stepMs: 5 * MIN, firstUnixMs: 5 * MIN, lastUnixMs: 20 * MIN });
    expect(windowStarts(w)).toEqual([5 * MIN, 10 * MIN, 15 * MIN, 20 * MIN]);
    expect(windowStarts(resolveSeriesWindows({ startUnixMs: 7 * MIN, endUnixMs: 7 * MIN }, "1m"))).toEqual([7 * MIN]);
  });

  it("accepts compound whole-minute steps and refuses others, saying what to do", () => {
    expect(resolveSeriesWindows(hour, "1h30m").stepMs).toBe(90 * MIN);
    expect(resolveSeriesWindows(hour, "120s").stepMs).toBe(2 * MIN);
    for (const bad of ["90s", "1.5m", "500ms", "0m"]) {
      expect(() => resolveSeriesWindows(hour, bad), bad).toThrow(/step must be a whole number of minutes, such as 1m/);
    }
    expect(() => resolveSeriesWindows(hour, "1")).toThrow(/step must be a duration with a unit/);
  });

  it(`refuses more than ${MAX_SERIES_WINDOWS} windows`, () => {
    expect(windowStarts(resolveSeriesWindows({ startUnixMs: 0, endUnixMs: MAX_SERIES_WINDOWS * MIN - 1 }, "1m"))).toHaveLength(MAX_SERIES_WINDOWS);
    expect(() => resolveSeriesWindows({ startUnixMs: 0, endUnixMs: MAX_SERIES_WINDOWS * MIN + 1 }, "1m")).toThrow(
      new RegExp(`holds ${MAX_SERIES_WINDOWS + 1} windows of 1m; at most ${MAX_SERIES_WINDOWS} .*larger step or a shorter range`),
    );
  });

  it("ends with the window of the last minute read: an end on a minute boundary excludes that minute", () => {
    const day = resolveSeriesWindows({ startUnixMs: 0, endUnixMs: 1440 * MIN }, "1m");
    expect(windowStarts(day)).toHaveLength(1440);
    expect(day.lastUnixMs).toBe(1439 * MIN);
    // Any later end reaches into the next minute, which is then read and shown.
    expect(resolveSeriesWindows({ startUnixMs: 0, endUnixMs: 1440 * MIN + 1 }, "1m").lastUnixMs).toBe(1440 * MIN);
    // A day from a time that is not on a minute: 1,441 minutes are read, all shown.
    expect(windowStarts(resolveSeriesWindows({ startUnixMs: 0, endUnixMs: 1440 * MIN + 30_000 }, "1m"))).toHaveLength(1441);
  });
});

describe("boundedSeriesWindows", () => {
  const day = { startUnixMs: 0, endUnixMs: 1440 * MIN, requestedMs: 1440 * MIN };

  it("keeps the windows of the step when series × windows fit", () => {
    expect(boundedSeriesWindows(day, "1m", { count: 34, of: "services" }, 50_000)).toEqual(resolveSeriesWindows(day, "1m"));
    expect(boundedSeriesWindows(day, undefined, { count: 800, of: "services" }, 50_000)).toEqual(resolveSeriesWindows(day, undefined));
  });

  it("refuses a given step that makes too many points, saying what to do", () => {
    expect(() => boundedSeriesWindows(day, "1m", { count: 300, of: "services" }, 50_000)).toThrow(
      /300 services × 1440 windows of 1m are 432000 points; at most 50000 are allowed: give a larger step or a shorter range/,
    );
  });

  it("chooses a larger step when none was given", () => {
    for (const [count, range] of [
      [1000, day],
      [1000, { startUnixMs: 7 * MIN + 123, endUnixMs: 1447 * MIN + 5, requestedMs: 1440 * MIN - 118 }],
      [10_000, day],
      [49_999, { startUnixMs: 59 * MIN, endUnixMs: 61 * MIN }],
    ] as const) {
      const windows = boundedSeriesWindows(range, undefined, { count, of: "services" }, 50_000);
      expect(windows.stepMs % MIN).toBe(0);
      expect(windows.stepMs).toBeGreaterThan(resolveSeriesWindows(range, undefined).stepMs);
      expect(count * windowCount(windows), `${count} services`).toBeLessThanOrEqual(50_000);
      expect(windows.firstUnixMs).toBeLessThanOrEqual(range.startUnixMs);
      expect(windows.lastUnixMs + windows.stepMs).toBeGreaterThan(range.endUnixMs - 1);
    }
    // 1000 services, 50 windows at most: 1439 minutes / 49 → 30m windows, 48 of them.
    expect(windowCount(boundedSeriesWindows(day, undefined, { count: 1000, of: "services" }, 50_000))).toBe(48);
    // More than half the bound: one window over the whole range.
    expect(windowCount(boundedSeriesWindows(day, undefined, { count: 30_000, of: "services" }, 50_000))).toBe(1);
  });
});

describe("wholeRangeStepMs", () => {
  it("puts every minute of the range into the window starting at 0", () => {
    const range = { startUnixMs: 1_699_999_200_000, endUnixMs: 1_700_000_600_123 };
    const step = wholeRangeStepMs(range);
    expect(step % MIN).toBe(0);
    expect(Math.floor(range.startUnixMs / step)).toBe(0);
    expect(Math.floor((range.endUnixMs - 1) / step)).toBe(0);
  });
});
