import { describe, expect, it } from "vitest";
import { MAX_SERIES_WINDOWS, resolveMetricsRange, resolveSeriesWindows, wholeRangeStepMs, windowStarts } from "./metrics-range.js";

const MS = 1_000_000n;
/** 2023-11-14T22:23:20.123Z in ns. */
const NOW = 1_700_000_600_123n * MS;
const MIN = 60_000;

describe("resolveMetricsRange", () => {
  it("defaults to the last hour, from the minute holding start to end (ms)", () => {
    const range = resolveMetricsRange({}, NOW);
    expect(range.endUnixMs).toBe(1_700_000_600_123);
    expect(range.startUnixMs).toBe(Math.floor((1_700_000_600_123 - 3_600_000) / MIN) * MIN);
    expect(range.seconds).toBeCloseTo((range.endUnixMs - range.startUnixMs) / 1000, 9);
    expect(range.requestedMs).toBe(3_600_000);
    expect(resolveSeriesWindows(range, undefined).stepMs).toBe(MIN); // the requested hour, not the 60m20s of minutes
  });

  it("takes start and end as unix ms or RFC 3339 and refuses start after end", () => {
    expect(resolveMetricsRange({ start: "120000", end: "2023-11-14T22:00:00Z" }, NOW)).toEqual({
      startUnixMs: 120_000,
      endUnixMs: 1_699_999_200_000,
      seconds: (1_699_999_200_000 - 120_000) / 1000,
      requestedMs: 1_699_999_200_000 - 120_000,
    });
    expect(() => resolveMetricsRange({ start: "200000", end: "100000" }, NOW)).toThrow(/start .* is after end/);
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

describe("wholeRangeStepMs", () => {
  it("puts every minute of the range into the window starting at 0", () => {
    const range = { startUnixMs: 1_699_999_200_000, endUnixMs: 1_700_000_600_123 };
    const step = wholeRangeStepMs(range);
    expect(step % MIN).toBe(0);
    expect(Math.floor(range.startUnixMs / step)).toBe(0);
    expect(Math.floor((range.endUnixMs - 1) / step)).toBe(0);
  });
});
