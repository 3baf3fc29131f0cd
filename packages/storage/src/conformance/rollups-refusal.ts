import { LATENCY_BUCKET_COUNT, SpanKind } from "@skein/model";
import type { StatusCode } from "@skein/model";
import { describe, expect, it } from "vitest";
import type { Rollups, ServiceGraphRow, ServiceNodeType, SpanMetricsRow } from "../insights.js";
import type { Storage } from "../storage.js";
import type { ConformanceContext } from "./harness.js";
import { MINUTE, graphRow, metricsRow, minute, ok, serviceGraph, spanMetrics } from "./rollup-helpers.js";

/** The first minute the contract refuses: 2106-01-01T00:00Z. */
const AFTER_2105 = Date.UTC(2106, 0, 1);
/** Every minute a row may name, and a little more on both sides. */
const EVERY_MINUTE = { startUnixMs: 0, endUnixMs: AFTER_2105 + MINUTE };

type Variant<R> = [label: string, change: (row: R) => R];

/** Minutes, buckets and counts outside the contract: they apply to both kinds of row. */
function commonVariants<R extends SpanMetricsRow | ServiceGraphRow>(): Variant<R>[] {
  const at = (minuteUnixMs: number) => (row: R): R => ({ ...row, minuteUnixMs });
  const bucket = (bucket: number, count: number) => (row: R): R => ({ ...row, buckets: [{ bucket: 3, count: 1 }, { bucket, count }] });
  return [
    ["minute not a multiple of 60,000", at(minute(0) + 1)],
    ["fractional minute", at(minute(0) + 0.5)],
    ["NaN minute", at(Number.NaN)],
    ["infinite minute", at(Infinity)],
    ["minute before 1970", at(-MINUTE)],
    ["minute in 2106", at(AFTER_2105)],
    ["negative bucket", bucket(-1, 1)],
    ["fractional bucket", bucket(1.5, 1)],
    ["NaN bucket", bucket(Number.NaN, 1)],
    ["bucket past the scheme", bucket(LATENCY_BUCKET_COUNT, 1)],
    ["count 0", bucket(4, 0)],
    ["negative count", bucket(4, -1)],
    ["NaN count", bucket(4, Number.NaN)],
    ["infinite count", bucket(4, Infinity)],
    ["-infinite count", bucket(4, -Infinity)],
  ];
}

const metricsVariants: Variant<SpanMetricsRow>[] = [
  ...commonVariants<SpanMetricsRow>(),
  ["kind not an integer 0–255", (row) => ({ ...row, kind: 256 as SpanKind })],
  ["negative kind", (row) => ({ ...row, kind: -1 as SpanKind })],
  ["fractional status", (row) => ({ ...row, status: 1.5 as StatusCode })],
];

const graphVariants: Variant<ServiceGraphRow>[] = [
  ...commonVariants<ServiceGraphRow>(),
  ["unknown source type", (row) => ({ ...row, sourceType: "db" as ServiceNodeType })],
  ["unknown target type", (row) => ({ ...row, targetType: "Service" as ServiceNodeType })],
  ["empty target type", (row) => ({ ...row, targetType: "" as ServiceNodeType })],
];

const goodMetrics = (service: string): SpanMetricsRow => metricsRow(minute(1), service, "op", SpanKind.SERVER, ok, [[3, 1], [7, 2]]);
const goodEdge = (source: string): ServiceGraphRow => graphRow(minute(1), [source, "service"], ["pg", "database"], false, [[3, 1]]);

async function expectRefused(storage: Storage, rollups: Rollups, label: string): Promise<void> {
  await expect(storage.metrics.writer.writeRollups(rollups), label).rejects.toBeInstanceOf(RangeError);
}

async function expectNothingStored(storage: Storage): Promise<void> {
  expect(await spanMetrics(storage, { ...EVERY_MINUTE, stepMs: MINUTE, groupBy: { service: true } }), "span metrics").toEqual([]);
  expect(await serviceGraph(storage, EVERY_MINUTE), "service graph").toEqual([]);
}

/**
 * The MetricsWriter input contract: rows outside it (minute, bucket, count, kind/status, node
 * types) are refused with RangeError and the whole call stores nothing, whichever row is bad;
 * rows on its edges are stored.
 */
export function rollupRefusalTests(ctx: ConformanceContext): void {
  describe("rollup rows outside the contract", () => {
    it("a span-metrics row outside the contract is refused with RangeError and its call stores nothing", async () => {
      const storage = ctx.storage();
      for (const [label, change] of metricsVariants) {
        const bad = change(goodMetrics("bad"));
        await expectRefused(storage, { spanMetrics: [bad], serviceGraph: [] }, `${label}, alone`);
        await expectRefused(storage, { spanMetrics: [goodMetrics("before"), bad, goodMetrics("after")], serviceGraph: [] }, `${label}, among good rows`);
        await expectRefused(storage, { spanMetrics: [goodMetrics("before"), bad], serviceGraph: [goodEdge("with-bad-metrics")] }, `${label}, with good edges`);
      }
      await expectNothingStored(storage);
    });

    it("a service-graph row outside the contract is refused with RangeError and its call stores nothing", async () => {
      const storage = ctx.storage();
      for (const [label, change] of graphVariants) {
        const bad = change(goodEdge("bad"));
        await expectRefused(storage, { spanMetrics: [], serviceGraph: [bad] }, `${label}, alone`);
        await expectRefused(storage, { spanMetrics: [], serviceGraph: [goodEdge("before"), bad, goodEdge("after")] }, `${label}, among good rows`);
        await expectRefused(storage, { spanMetrics: [goodMetrics("with-bad-edge")], serviceGraph: [bad, goodEdge("after")] }, `${label}, with good span metrics`);
      }
      await expectNothingStored(storage);
    });

    it("rows on the edges of the contract are stored, also after refused calls", async () => {
      const storage = ctx.storage();
      await expectRefused(storage, { spanMetrics: [{ ...goodMetrics("x"), minuteUnixMs: -MINUTE }], serviceGraph: [] }, "minute before 1970");
      const lastMinute = AFTER_2105 - MINUTE;
      const edges: [number, number][] = [[0, 0.5], [LATENCY_BUCKET_COUNT - 1, 1e-9]];
      await storage.metrics.writer.writeRollups({
        spanMetrics: [metricsRow(0, "first", "op", SpanKind.SERVER, ok, edges), metricsRow(lastMinute, "last", "op", SpanKind.SERVER, ok, edges)],
        serviceGraph: [graphRow(0, ["first", "service"], ["q", "queue"], false, edges), graphRow(lastMinute, ["last", "external"], ["q", "queue"], true, edges)],
      });
      const cells = await spanMetrics(storage, { ...EVERY_MINUTE, stepMs: MINUTE, groupBy: { service: true } });
      expect(cells.map((c) => [c.windowStartUnixMs, c.service, c.bucket, c.count])).toEqual([
        [0, "first", 0, 0.5],
        [0, "first", LATENCY_BUCKET_COUNT - 1, 1e-9],
        [lastMinute, "last", 0, 0.5],
        [lastMinute, "last", LATENCY_BUCKET_COUNT - 1, 1e-9],
      ]);
      const graph = await serviceGraph(storage, EVERY_MINUTE);
      expect(graph.map((c) => [c.source, c.sourceType, c.targetType, c.failed, c.bucket, c.count])).toEqual([
        ["first", "service", "queue", false, 0, 0.5],
        ["first", "service", "queue", false, LATENCY_BUCKET_COUNT - 1, 1e-9],
        ["last", "external", "queue", true, 0, 0.5],
        ["last", "external", "queue", true, LATENCY_BUCKET_COUNT - 1, 1e-9],
      ]);
    });
  });
}
