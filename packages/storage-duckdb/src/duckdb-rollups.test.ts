import { StatusCode, SpanKind } from "@skein/model";
import type { ServiceGraphRow, SpanMetricsRow } from "@skein/storage";
import { describe, expect, it } from "vitest";
import { collect, withStorage } from "./testdata/temp-storage.js";

const T0 = 1_700_000_040_000; // a multiple of 60,000
const MIN = 60_000;

function metrics(minute: number, over: Partial<SpanMetricsRow> = {}): SpanMetricsRow {
  return { minuteUnixMs: minute, service: "cart", operation: "GET /cart", kind: SpanKind.SERVER, status: StatusCode.UNSET, buckets: [{ bucket: 100, count: 2 }], ...over };
}

function edge(minute: number, over: Partial<ServiceGraphRow> = {}): ServiceGraphRow {
  return { minuteUnixMs: minute, source: "web", sourceType: "service", target: "cart", targetType: "service", failed: false, buckets: [{ bucket: 120, count: 1 }], ...over };
}

describe("duckdb rollups", () => {
  it("sums additive rows per window, key and bucket; errors split by status", async () => {
    await withStorage(async (storage) => {
      await storage.metrics.writer.writeRollups({
        spanMetrics: [
          metrics(T0),
          metrics(T0, { buckets: [{ bucket: 100, count: 1.5 }, { bucket: 101, count: 1 }] }), // same key again: added
          metrics(T0 + MIN, { status: StatusCode.ERROR }),
          metrics(T0 + MIN, { operation: "POST /cart", kind: SpanKind.CLIENT, status: StatusCode.OK }),
          metrics(T0 + 5 * MIN, { service: "other" }),
        ],
        serviceGraph: [],
      });
      const byWindow = await collect(
        storage.metrics.reader.querySpanMetrics({ startUnixMs: T0, endUnixMs: T0 + 5 * MIN, stepMs: 2 * MIN, groupBy: { service: true } }),
      );
      const key = (c: (typeof byWindow)[number]) => `${c.windowStartUnixMs - Math.floor(T0 / (2 * MIN)) * 2 * MIN}|${c.service}|${c.error}|${c.bucket}|${c.operation}|${c.kind}`;
      expect(Object.fromEntries(byWindow.map((c) => [key(c), c.count]))).toEqual({
        "0|cart|false|100|null|null": 3.5 + 2, // T0 is 2-minute aligned: T0 (twice) and the OK POST at T0 + MIN share its window
        "0|cart|false|101|null|null": 1,
        "0|cart|true|100|null|null": 2,
      });
    });
  });

  it("filters by services, operation and kinds; kind and operation kept when grouped", async () => {
    await withStorage(async (storage) => {
      await storage.metrics.writer.writeRollups({
        spanMetrics: [metrics(T0), metrics(T0, { operation: "POST /cart", kind: SpanKind.CLIENT }), metrics(T0, { service: "web" })],
        serviceGraph: [],
      });
      const reader = storage.metrics.reader;
      const range = { startUnixMs: T0, endUnixMs: T0 + MIN, stepMs: MIN };
      const cells = await collect(reader.querySpanMetrics({ ...range, services: ["cart"], kinds: [SpanKind.CLIENT], groupBy: { service: true, operation: true, kind: true } }));
      expect(cells).toEqual([{ windowStartUnixMs: T0, service: "cart", operation: "POST /cart", kind: SpanKind.CLIENT, error: false, bucket: 100, count: 2 }]);
      expect(await collect(reader.querySpanMetrics({ ...range, services: [], groupBy: {} }))).toEqual([]);
      const byOperation = await collect(reader.querySpanMetrics({ ...range, operation: "GET /cart", groupBy: { service: true } }));
      expect(byOperation.map((c) => [c.service, c.count]).sort()).toEqual([["cart", 2], ["web", 2]]);
      const hostile = await collect(reader.querySpanMetrics({ ...range, services: ["cart' OR 1=1 --"], groupBy: {} }));
      expect(hostile).toEqual([]);
    });
  });

  it("minute range is [start, end) and windows are epoch-aligned floors", async () => {
    await withStorage(async (storage) => {
      await storage.metrics.writer.writeRollups({ spanMetrics: [0, 1, 2, 3].map((i) => metrics(T0 + i * MIN)), serviceGraph: [] });
      const cells = await collect(storage.metrics.reader.querySpanMetrics({ startUnixMs: T0 + MIN, endUnixMs: T0 + 3 * MIN, stepMs: 60 * MIN, groupBy: {} }));
      expect(cells).toEqual([{ windowStartUnixMs: Math.floor(T0 / 3_600_000) * 3_600_000, service: null, operation: null, kind: null, error: false, bucket: 100, count: 4 }]);
      await expect(collect(storage.metrics.reader.querySpanMetrics({ startUnixMs: 0, endUnixMs: 1, stepMs: 1000, groupBy: {} }))).rejects.toThrow(RangeError);
    });
  });

  it("service graph sums every minute of the range per edge, failed and bucket", async () => {
    await withStorage(async (storage) => {
      await storage.metrics.writer.writeRollups({
        spanMetrics: [],
        serviceGraph: [edge(T0), edge(T0 + MIN), edge(T0 + MIN, { failed: true }), edge(T0, { target: "postgres", targetType: "database" }), edge(T0 + 2 * MIN)],
      });
      const cells = await collect(storage.metrics.reader.queryServiceGraph({ startUnixMs: T0, endUnixMs: T0 + 2 * MIN }));
      const sorted = cells.sort((a, b) => `${a.target}${a.failed}`.localeCompare(`${b.target}${b.failed}`));
      expect(sorted).toEqual([
        { source: "web", sourceType: "service", target: "cart", targetType: "service", failed: false, bucket: 120, count: 2 },
        { source: "web", sourceType: "service", target: "cart", targetType: "service", failed: true, bucket: 120, count: 1 },
        { source: "web", sourceType: "service", target: "postgres", targetType: "database", failed: false, bucket: 120, count: 1 },
      ]);
    });
  });

  it("rejects rows that break the contract and keeps nothing of that write", async () => {
    await withStorage(async (storage) => {
      await expect(storage.metrics.writer.writeRollups({ spanMetrics: [metrics(T0), metrics(T0, { buckets: [{ bucket: 289, count: 1 }] })], serviceGraph: [] })).rejects.toThrow(RangeError);
      await expect(storage.metrics.writer.writeRollups({ spanMetrics: [metrics(T0 + 0.5)], serviceGraph: [] })).rejects.toThrow(RangeError);
      expect(await collect(storage.metrics.reader.querySpanMetrics({ startUnixMs: 0, endUnixMs: 2 * T0, stepMs: MIN, groupBy: {} }))).toEqual([]);
    });
  });

  it("retention removes the rollup minutes that start before the cutoff, exactly", async () => {
    await withStorage(async (storage) => {
      await storage.metrics.writer.writeRollups({ spanMetrics: [metrics(T0), metrics(T0 + MIN)], serviceGraph: [edge(T0), edge(T0 + MIN)] });
      await storage.deleteBefore(BigInt(T0 + MIN) * 1_000_000n - 1n); // T0 + MIN starts after the cutoff: kept
      const range = { startUnixMs: 0, endUnixMs: 2 * T0 };
      expect((await collect(storage.metrics.reader.querySpanMetrics({ ...range, stepMs: MIN, groupBy: {} }))).map((c) => c.windowStartUnixMs)).toEqual([T0 + MIN]);
      expect((await collect(storage.metrics.reader.queryServiceGraph(range))).map((c) => c.count)).toEqual([1]);
      await storage.deleteBefore(BigInt(T0 + MIN) * 1_000_000n + 1n);
      expect(await collect(storage.metrics.reader.queryServiceGraph(range))).toEqual([]);
    });
  });
});
