import { LATENCY_BUCKET_RELATIVE_ERROR, SpanKind, StatusCode } from "@skein/model";
import type { Storage } from "@skein/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS, metricsRangeOf, resolveSeriesWindows, wholeRangeStepMs, windowStarts } from "./metrics-range.js";
import { computeRedSeries } from "./red-metrics.js";
import { countingReader } from "./testdata/counting-reader.js";
import { storageWithRollups } from "./testdata/metrics-storage.js";
import { BASE_MINUTE_MS, exactQuantile, metricsRow } from "./testdata/rollup-fixtures.js";
import { shopMinute, shopRollups } from "./testdata/shop-rollups.js";

const MS = 1_000_000;
/** Long after every fixture: no clipping at now unless a test asks for it. */
const LATER_MS = BASE_MINUTE_MS + 1000 * MINUTE_MS;
/** The shop's first ten minutes. */
const range = metricsRangeOf(BASE_MINUTE_MS, BASE_MINUTE_MS + 10 * MINUTE_MS, LATER_MS);

let storage: Storage;
beforeAll(async () => {
  storage = await storageWithRollups(shopRollups());
});
afterAll(() => storage.shutdown());

function expectNear(actual: number | null, exact: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - exact) / exact).toBeLessThanOrEqual(LATENCY_BUCKET_RELATIVE_ERROR);
}

describe("computeRedSeries", () => {
  it("counts a service's SERVER spans per minute, zero-filling idle windows", async () => {
    const red = await computeRedSeries(storage.metrics.reader, { service: "frontend" }, range, resolveSeriesWindows(range, "1m"));
    expect(red.stepMs).toBe(MINUTE_MS);
    expect(red.series.map((p) => p.time)).toEqual(Array.from({ length: 10 }, (_, i) => shopMinute(i))); // minute 10 is the range's end, not read
    expect(red.series.map((p) => [p.count, p.errorCount])).toEqual([[12, 2], [5, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [3, 3], [0, 0], [0, 0]]);
    const first = red.series[0]!;
    expect(first.rate).toBeCloseTo(12 / 60, 12);
    expect(first.errorRate).toBeCloseTo(2 / 12, 12);
    expectNear(first.p50, 100 * MS);
    expectNear(first.p90, 300 * MS); // rank 10.8 of 12 falls in the 300 ms spans
    expectNear(first.p99, 300 * MS);
    expect(red.series[2]).toEqual({ time: shopMinute(2), count: 0, errorCount: 0, rate: 0, errorRate: 0, p50: null, p90: null, p95: null, p99: null });
  });

  it("aligns windows of a 5m step to the epoch and sums the minutes inside", async () => {
    const late = metricsRangeOf(shopMinute(1), range.endUnixMs, LATER_MS);
    const red = await computeRedSeries(storage.metrics.reader, { service: "frontend" }, late, resolveSeriesWindows(late, "5m"));
    expect(red.series.map((p) => p.time)).toEqual([shopMinute(0), shopMinute(5)]);
    expect(red.series.map((p) => p.count)).toEqual([5, 3]); // minute 0 is before the range's first minute
    expect(red.series[0]!.rate).toBeCloseTo(5 / 240, 12); // the range covers minutes 1–4 of the first window
    expect(red.series[1]!.rate).toBeCloseTo(3 / 300, 12);
  });

  it("sums every service's requests without a service (CONSUMER for worker, all spans for batch)", async () => {
    const red = await computeRedSeries(storage.metrics.reader, {}, range, resolveSeriesWindows(range, "10m"));
    expect(red.series.map((p) => p.time)).toEqual([shopMinute(0)]);
    // frontend 20 (5 errors), payment 12 (1), worker 4, batch 2.5 (0.5)
    expect(red.series[0]!.count).toBeCloseTo(38.5, 12);
    expect(red.series[0]!.errorCount).toBeCloseTo(6.5, 12);
  });

  it("counts exactly the spans of an operation or a kind when given", async () => {
    const client = await computeRedSeries(storage.metrics.reader, { service: "frontend", kind: "client" }, range, resolveSeriesWindows(range, "10m"));
    expect(client.series[0]!.count).toBe(12);
    expectNear(client.series[0]!.p50, 50 * MS);
    const op = await computeRedSeries(storage.metrics.reader, { service: "payment", operation: "validate" }, range, resolveSeriesWindows(range, "10m"));
    expect(op.series[0]!.count).toBe(12);
    const none = await computeRedSeries(storage.metrics.reader, { service: "payment", operation: "validate", kind: "server" }, range, resolveSeriesWindows(range, "10m"));
    expect(none.series.map((p) => p.count)).toEqual([0]);
  });

  it("keeps quantiles within the histogram error over many distinct durations and weights", async () => {
    const values = Array.from({ length: 200 }, (_, i) => ({ durationNano: Math.round(1000 * 1.037 ** i) * 1000, count: i % 3 === 0 ? 0.25 : 1 }));
    const local = await storageWithRollups({ spanMetrics: [metricsRow(BASE_MINUTE_MS, "svc", "op", SpanKind.SERVER, StatusCode.OK, values)] });
    try {
      const red = await computeRedSeries(local.metrics.reader, { service: "svc" }, range, resolveSeriesWindows(range, "10m"));
      const point = red.series[0]!;
      expect(point.count).toBeCloseTo(values.reduce((s, v) => s + v.count, 0), 9);
      expectNear(point.p50, exactQuantile(values, 0.5));
      expectNear(point.p90, exactQuantile(values, 0.9));
      expectNear(point.p95, exactQuantile(values, 0.95));
      expectNear(point.p99, exactQuantile(values, 0.99));
    } finally {
      await local.shutdown();
    }
  });

  it("divides each window's count by the part of it the range covers, up to now", async () => {
    // One span per second, every minute from 10:00 to 13:00 (BASE_MINUTE_MS is on an hour).
    const minutes = Array.from({ length: 180 }, (_, i) => metricsRow(BASE_MINUTE_MS + i * MINUTE_MS, "svc", "op", SpanKind.SERVER, StatusCode.OK, [{ durationNano: MS, count: 60 }]));
    const local = await storageWithRollups({ spanMetrics: minutes });
    try {
      // 10:30 → 12:30 in 1h windows: half of the first and of the last window are read.
      const half = metricsRangeOf(BASE_MINUTE_MS + 30 * MINUTE_MS, BASE_MINUTE_MS + 150 * MINUTE_MS, LATER_MS);
      const red = await computeRedSeries(local.metrics.reader, { service: "svc" }, half, resolveSeriesWindows(half, "1h"));
      expect(red.series.map((p) => [p.count, p.rate])).toEqual([[1800, 1], [3600, 1], [1800, 1]]);
    } finally {
      await local.shutdown();
    }
    // Now is 10:20:30, so rollups exist for 10:00–10:20: the hour's window is not diluted by the future.
    const sofar = await storageWithRollups({ spanMetrics: minutes.slice(0, 21) });
    try {
      const early = metricsRangeOf(BASE_MINUTE_MS, BASE_MINUTE_MS + 60 * MINUTE_MS, BASE_MINUTE_MS + 20 * MINUTE_MS + 30_000);
      const red = await computeRedSeries(sofar.metrics.reader, {}, early, resolveSeriesWindows(early, "1h"));
      expect(red.series.map((p) => [p.count, p.rate])).toEqual([[1260, 1]]);
    } finally {
      await sofar.shutdown();
    }
  });

  it("without a service, reads summed windows: memory grows with windows, not services × windows", async () => {
    // 300 services × 60 minutes; half of them have SERVER spans (and CLIENT spans, not requests), the others INTERNAL only.
    const rows = [];
    for (let s = 0; s < 300; s++) {
      for (let m = 0; m < 60; m++) {
        const at = BASE_MINUTE_MS + m * MINUTE_MS;
        if (s % 2 === 0) {
          rows.push(metricsRow(at, `svc${s}`, "GET", SpanKind.SERVER, StatusCode.OK, [{ durationNano: 10 * MS, count: 2 }]));
          rows.push(metricsRow(at, `svc${s}`, "call", SpanKind.CLIENT, StatusCode.OK, [{ durationNano: 5 * MS, count: 7 }]));
        } else {
          rows.push(metricsRow(at, `svc${s}`, "cron", SpanKind.INTERNAL, StatusCode.ERROR, [{ durationNano: 20 * MS, count: 1 }]));
        }
      }
    }
    const local = await storageWithRollups({ spanMetrics: rows });
    try {
      const hour = metricsRangeOf(BASE_MINUTE_MS, BASE_MINUTE_MS + 60 * MINUTE_MS, LATER_MS);
      const windows = resolveSeriesWindows(hour, "1m");
      const reader = countingReader(local.metrics.reader);
      const red = await computeRedSeries(reader, {}, hour, windows);
      expect(red.series.map((p) => [p.count, p.errorCount])).toEqual(windowStarts(windows).map(() => [150 * 2 + 150, 150]));
      expect(red.series[0]!.rate).toBeCloseTo(450 / 60, 12);
      // One whole-range read by (service, kind), then one summed per-window read per side of the request rule.
      expect(reader.reads.map((r) => [r.query.stepMs, r.query.groupBy, r.query.kinds ?? "all", r.query.services?.length ?? "all"])).toEqual([
        [wholeRangeStepMs(hour), { service: true, kind: true }, "all", "all"],
        [MINUTE_MS, {}, [SpanKind.SERVER, SpanKind.CONSUMER], 150],
        [MINUTE_MS, {}, "all", 150],
      ]);
      // Whole-range cells: per (service, kind, status, bucket); per-window cells: per (window, status, bucket).
      expect(reader.reads.map((r) => r.cells)).toEqual([450, 60, 60]);
    } finally {
      await local.shutdown();
    }
  });
});
