import { LATENCY_BUCKET_RELATIVE_ERROR, SpanKind, StatusCode } from "@skein/model";
import type { Storage } from "@skein/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS, metricsRangeOf, resolveSeriesWindows, wholeRangeStepMs } from "./metrics-range.js";
import { computeOperationsMetrics } from "./operations-metrics.js";
import { MAX_SERVICES_POINTS, computeServicesMetrics } from "./services-metrics.js";
import { countingReader } from "./testdata/counting-reader.js";
import { storageWithRollups } from "./testdata/metrics-storage.js";
import { BASE_MINUTE_MS, metricsRow } from "./testdata/rollup-fixtures.js";
import { shopMinute, shopRollups } from "./testdata/shop-rollups.js";

const MS = 1_000_000;
const LATER_MS = BASE_MINUTE_MS + 10_000 * MINUTE_MS;
const range = metricsRangeOf(BASE_MINUTE_MS, BASE_MINUTE_MS + 10 * MINUTE_MS, LATER_MS);
const DAY_MS = 1440 * MINUTE_MS;

let storage: Storage;
beforeAll(async () => {
  storage = await storageWithRollups(shopRollups());
});
afterAll(() => storage.shutdown());

const near = (actual: number | null, exact: number) => actual !== null && Math.abs(actual - exact) / exact <= LATENCY_BUCKET_RELATIVE_ERROR;

describe("computeServicesMetrics", () => {
  it("lists every service by name with its requests: SERVER/CONSUMER spans, or all spans when it has neither", async () => {
    const { stepMs, services } = await computeServicesMetrics(storage.metrics.reader, range, "5m");
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
    const empty = metricsRangeOf(shopMinute(20), shopMinute(30), LATER_MS);
    expect(await computeServicesMetrics(storage.metrics.reader, empty, undefined)).toEqual({ stepMs: MINUTE_MS, services: [] });
  });

  it("refuses a bad step before reading", async () => {
    const reader = countingReader(storage.metrics.reader);
    await expect(computeServicesMetrics(reader, range, "90s")).rejects.toThrow(/step must be a whole number of minutes/);
    expect(reader.reads).toEqual([]);
  });

  it("divides rates by the whole minutes read: 60 spans in 10:00 over 10:00:00–10:00:01 are 1/s", async () => {
    const sub = metricsRangeOf(shopMinute(0), shopMinute(0) + 1000, LATER_MS);
    const { services } = await computeServicesMetrics(storage.metrics.reader, sub, undefined);
    const frontend = services.find((s) => s.name === "frontend")!;
    expect(frontend.count).toBe(12);
    expect(frontend.rate).toBeCloseTo(12 / 60, 12);
    expect(frontend.series.map((p) => p.rate)).toEqual([12 / 60]);
  });

  describe(`at most ${MAX_SERVICES_POINTS} points (services × windows)`, () => {
    /** `count` services, each with one minute of SERVER spans (even) or INTERNAL spans (odd) at the day's start. */
    async function manyServices(count: number) {
      const rows = Array.from({ length: count }, (_, i) =>
        metricsRow(BASE_MINUTE_MS, `svc${String(i).padStart(5, "0")}`, "op", i % 2 === 0 ? SpanKind.SERVER : SpanKind.INTERNAL, StatusCode.OK, [{ durationNano: MS, count: 1 }]),
      );
      if (count > 0) rows.push(metricsRow(BASE_MINUTE_MS, "svc00000", "call", SpanKind.CLIENT, StatusCode.OK, [{ durationNano: MS, count: 5 }]));
      return storageWithRollups({ spanMetrics: rows });
    }
    const day = metricsRangeOf(BASE_MINUTE_MS, BASE_MINUTE_MS + DAY_MS, LATER_MS);

    it("refuses a given step that makes too many points, saying what to do", async () => {
      const local = await manyServices(40);
      try {
        await expect(computeServicesMetrics(local.metrics.reader, day, "1m")).rejects.toThrow(
          /40 services × 1440 windows of 1m are 57600 points; at most 50000 are allowed: give a larger step or a shorter range/,
        );
        expect((await computeServicesMetrics(local.metrics.reader, day, "2m")).services).toHaveLength(40);
      } finally {
        await local.shutdown();
      }
    });

    it("chooses a larger step when none was given, and reads one group per (window, service)", async () => {
      const local = await manyServices(1000);
      try {
        const reader = countingReader(local.metrics.reader);
        const { stepMs, services } = await computeServicesMetrics(reader, day, undefined);
        expect(resolveSeriesWindows(day, undefined).stepMs).toBe(24 * MINUTE_MS); // 60 windows would be 60,000 points
        expect(stepMs).toBe(30 * MINUTE_MS);
        expect(services).toHaveLength(1000);
        expect(services.reduce((n, s) => n + s.series.length, 0)).toBe(48_000);
        expect(services[0]).toMatchObject({ name: "svc00000", count: 1 }); // its CLIENT spans are not requests
        expect(services[0]!.series.map((p) => p.count).slice(0, 2)).toEqual([1, 0]);
        expect(services[1]).toMatchObject({ name: "svc00001", count: 1 });
        // One whole-range read by (service, kind), then per-window reads by service only, one per side of the request rule.
        expect(reader.reads.map((r) => [r.query.stepMs, r.query.groupBy, r.query.kinds ?? "all", r.query.services?.length ?? "all"])).toEqual([
          [wholeRangeStepMs(day), { service: true, kind: true }, "all", "all"],
          [30 * MINUTE_MS, { service: true }, [SpanKind.SERVER, SpanKind.CONSUMER], 500],
          [30 * MINUTE_MS, { service: true }, "all", 500],
        ]);
      } finally {
        await local.shutdown();
      }
    });
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
    const late = metricsRangeOf(shopMinute(1), shopMinute(8), LATER_MS);
    expect((await computeOperationsMetrics(storage.metrics.reader, "frontend", late)).operations.map((o) => [o.name, o.count])).toEqual([["GET /checkout", 8]]);
    expect(await computeOperationsMetrics(storage.metrics.reader, "nope", range)).toEqual({ operations: [] });
  });
});
