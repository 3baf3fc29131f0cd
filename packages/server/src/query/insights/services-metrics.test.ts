import { LATENCY_BUCKET_RELATIVE_ERROR } from "@skein/model";
import type { Storage } from "@skein/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS, resolveSeriesWindows } from "./metrics-range.js";
import { computeOperationsMetrics } from "./operations-metrics.js";
import { computeServicesMetrics } from "./services-metrics.js";
import { storageWithRollups } from "./testdata/metrics-storage.js";
import { BASE_MINUTE_MS } from "./testdata/rollup-fixtures.js";
import { shopMinute, shopRollups } from "./testdata/shop-rollups.js";

const MS = 1_000_000;
const range = { startUnixMs: BASE_MINUTE_MS, endUnixMs: BASE_MINUTE_MS + 10 * MINUTE_MS, seconds: 600, requestedMs: 600_000 };

let storage: Storage;
beforeAll(async () => {
  storage = await storageWithRollups(shopRollups());
});
afterAll(() => storage.shutdown());

const near = (actual: number | null, exact: number) => actual !== null && Math.abs(actual - exact) / exact <= LATENCY_BUCKET_RELATIVE_ERROR;

describe("computeServicesMetrics", () => {
  it("lists every service by name with its requests: SERVER/CONSUMER spans, or all spans when it has neither", async () => {
    const { stepMs, services } = await computeServicesMetrics(storage.metrics.reader, range, resolveSeriesWindows(range, "5m"));
    expect(stepMs).toBe(5 * MINUTE_MS);
    expect(services.map((s) => [s.name, s.count, s.errorCount])).toEqual([
      ["batch", 2.5, 0.5], // INTERNAL only: all its spans
      ["frontend", 20, 5], // SERVER only; its 12 CLIENT spans are not requests
      ["payment", 12, 1], // SERVER only; INTERNAL and CLIENT spans left out
      ["worker", 4, 0], // CONSUMER; its PRODUCER span left out
    ]);
    const frontend = services[1]!;
    expect(frontend.rate).toBeCloseTo(20 / 600, 12);
    expect(frontend.errorRate).toBeCloseTo(5 / 20, 12);
    expect(near(frontend.p50, 100 * MS)).toBe(true);
    expect(near(frontend.p95, 300 * MS)).toBe(true);
    expect(frontend.series.map((p) => [p.time, p.count])).toEqual([
      [shopMinute(0), 17],
      [shopMinute(5), 3],
    ]);
    expect(services[0]!.series.map((p) => p.count)).toEqual([2.5, 0]);
  });

  it("is empty over a range without rollups", async () => {
    const empty = { startUnixMs: shopMinute(20), endUnixMs: shopMinute(30), seconds: 600, requestedMs: 600_000 };
    expect(await computeServicesMetrics(storage.metrics.reader, empty, resolveSeriesWindows(empty, undefined))).toEqual({ stepMs: MINUTE_MS, services: [] });
  });
});

describe("computeOperationsMetrics", () => {
  it("lists the service's (operation, kind) totals busiest first, ties by name", async () => {
    const { operations } = await computeOperationsMetrics(storage.metrics.reader, "payment", range);
    expect(operations.map((o) => [o.name, o.kind, o.count, o.errorCount])).toEqual([
      ["SELECT", "client", 12, 0],
      ["charge", "server", 12, 1],
      ["validate", "internal", 12, 0],
    ]);
    expect(operations[1]!.rate).toBeCloseTo(12 / 600, 12);
    expect(near(operations[1]!.p99, 40 * MS)).toBe(true);
    const frontend = await computeOperationsMetrics(storage.metrics.reader, "frontend", range);
    expect(frontend.operations.map((o) => [o.name, o.count])).toEqual([["GET /checkout", 20], ["POST /charge", 12]]);
  });

  it("honours the minute range and knows no unknown service", async () => {
    const late = { startUnixMs: shopMinute(1), endUnixMs: shopMinute(8), seconds: 420, requestedMs: 420_000 };
    expect((await computeOperationsMetrics(storage.metrics.reader, "frontend", late)).operations.map((o) => [o.name, o.count])).toEqual([["GET /checkout", 8]]);
    expect(await computeOperationsMetrics(storage.metrics.reader, "nope", range)).toEqual({ operations: [] });
  });
});
