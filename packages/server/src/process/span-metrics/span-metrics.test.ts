import { LATENCY_BUCKET_RELATIVE_ERROR, LatencyHistogram, SpanKind, StatusCode } from "@skein/model";
import { BASE_TIME_NANO } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { processorHarness } from "../testdata/processor-harness.js";
import { seriesCounts } from "../testdata/rollup-totals.js";
import { MS, shopTrace, spanOf } from "../testdata/shop-topology.js";

const MINUTE_NS = 60_000_000_000n;
const MINUTE_MS = Number(BASE_TIME_NANO / MINUTE_NS) * 60_000;
const { SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL } = SpanKind;
const { UNSET, ERROR } = StatusCode;

describe("span metrics", () => {
  it("counts spans per (minute, service, operation, kind, status), weighted", async () => {
    const { processor, writer, send } = processorHarness();
    for (let i = 0; i < 5; i++) await send(shopTrace(i + 1, { paymentFails: i === 0, weight: i < 2 ? 4 : 1 }));
    await processor.shutdown();
    // 2 traces of weight 4 + 3 of weight 1 = 11 per operation; one failed payment of weight 4.
    const at = `@${MINUTE_MS}`;
    expect(seriesCounts(writer.spanMetrics)).toEqual({
      [`frontend/GET /cart/${SERVER}/${UNSET}${at}`]: 11,
      [`frontend/POST /checkout/${CLIENT}/${UNSET}${at}`]: 11,
      [`checkout/POST /checkout/${SERVER}/${UNSET}${at}`]: 11,
      [`checkout/POST /pay/${CLIENT}/${UNSET}${at}`]: 11,
      [`payment/POST /pay/${SERVER}/${UNSET}${at}`]: 7,
      [`payment/POST /pay/${SERVER}/${ERROR}${at}`]: 4,
      [`checkout/INSERT orders/${CLIENT}/${UNSET}${at}`]: 11,
      [`checkout/orders publish/${PRODUCER}/${UNSET}${at}`]: 11,
      [`worker/orders process/${CONSUMER}/${UNSET}${at}`]: 11,
      [`checkout/POST /v1/charges/${CLIENT}/${UNSET}${at}`]: 11,
      [`checkout/price cart/${INTERNAL}/${UNSET}${at}`]: 11,
    });
  });

  it("keeps percentiles within the histogram error", async () => {
    const { processor, writer, send } = processorHarness();
    // 1…1000 µs: nearest-rank p50 = 500 µs, p90 = 900 µs, p99 = 990 µs.
    await send(Array.from({ length: 1000 }, (_, i) => spanOf({ service: "a", kind: SERVER, name: "op", durationNano: BigInt(i + 1) * 1000n })));
    await processor.flush();
    const histogram = new LatencyHistogram();
    for (const row of writer.spanMetrics) for (const b of row.buckets) histogram.addToBucket(b.bucket, b.count);
    expect(histogram.total).toBe(1000);
    for (const [q, exact] of [[0.5, 500_000], [0.9, 900_000], [0.99, 990_000]] as const) {
      expect(Math.abs(histogram.quantile(q)! - exact) / exact).toBeLessThanOrEqual(LATENCY_BUCKET_RELATIVE_ERROR);
    }
  });

  it("puts a span in the minute of its start, exactly at the boundary", async () => {
    const { processor, writer, send } = processorHarness();
    const nextMinute = (BASE_TIME_NANO / MINUTE_NS + 1n) * MINUTE_NS;
    const offset = nextMinute - BASE_TIME_NANO;
    await send([
      spanOf({ service: "a", kind: SERVER, name: "op", startOffset: offset - 1n, durationNano: 10n * MS }),
      spanOf({ service: "a", kind: SERVER, name: "op", startOffset: offset }),
      spanOf({ service: "a", kind: SERVER, name: "op", startOffset: offset - 1n }),
    ]);
    await processor.flush();
    expect(seriesCounts(writer.spanMetrics)).toEqual({
      [`a/op/${SERVER}/${UNSET}@${MINUTE_MS}`]: 2,
      [`a/op/${SERVER}/${UNSET}@${MINUTE_MS + 60_000}`]: 1,
    });
    for (const row of writer.spanMetrics) expect(row.minuteUnixMs % 60_000).toBe(0);
  });

  it("counts a span ending before its start as duration 0 (bucket 0)", async () => {
    const { processor, writer, send } = processorHarness();
    const span = spanOf({ service: "a", kind: SERVER, name: "skewed" });
    span.endTimeUnixNano = span.startTimeUnixNano - 5n;
    await send([span]);
    await processor.flush();
    expect(writer.spanMetrics.map((r) => r.buckets)).toEqual([[{ bucket: 0, count: 1 }]]);
  });

  it("bounds the series of one flush interval and counts the spans it could not keep", async () => {
    const { processor, writer, telemetry, logger, send } = processorHarness({ maxSeries: 3 });
    await send(Array.from({ length: 5 }, (_, i) => spanOf({ service: "a", kind: INTERNAL, name: `op-${i}` })));
    await send([spanOf({ service: "a", kind: INTERNAL, name: "op-0" })]); // an existing series still counts
    await processor.flush();
    expect(writer.spanMetrics.map((r) => r.operation).sort()).toEqual(["op-0", "op-1", "op-2"]);
    expect(seriesCounts(writer.spanMetrics)[`a/op-0/${INTERNAL}/${UNSET}@${MINUTE_MS}`]).toBe(2);
    expect(telemetry.drops).toEqual({ series_limit: 2 });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    // The bound is per flush interval: new series fit again after a flush.
    await send([spanOf({ service: "a", kind: INTERNAL, name: "op-4" })]);
    await processor.flush();
    expect(writer.spanMetrics.map((r) => r.operation)).toContain("op-4");
  });

  it("keeps no trace of refused series: memory stays bounded whatever the cardinality", async () => {
    const { processor, telemetry, send } = processorHarness({ maxSeries: 10 });
    for (let batch = 0; batch < 10; batch++) {
      // 500 distinct operations each calling a distinct database: series of both rollups.
      await send(Array.from({ length: 500 }, (_, i) => spanOf({ service: "a", kind: CLIENT, name: `op-${batch}-${i}`, attributes: { "db.system": "postgresql", "peer.service": `db-${batch}-${i}` } })));
    }
    // Per rollup: 1 minute + 1 service (source) + 10 operations (targets) — nothing for the 4,990 refused.
    expect(processor.aggregatorEntries).toBe(24);
    expect(telemetry.drops).toEqual({ series_limit: 2 * 4_990 });
    await processor.flush();
    expect(processor.aggregatorEntries).toBe(0);
  });
});
