import { SpanKind, StatusCode } from "@skein/model";
import { describe, expect, it } from "vitest";
import { StorageClosedError } from "../errors.js";
import type { SpanMetricsRow } from "../insights.js";
import { collect, makeSpan, traceIdOf } from "./fixtures.js";
import { MemoryStorage } from "./memory-storage.js";

const MINUTE = 60_000;
const row = (minuteUnixMs: number, count = 1): SpanMetricsRow => ({ minuteUnixMs, service: "s", operation: "op", kind: SpanKind.SERVER, status: StatusCode.OK, buckets: [{ bucket: 3, count }] });
const range = { startUnixMs: 0, endUnixMs: 10 * MINUTE, stepMs: MINUTE, groupBy: {} };

async function started(): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  await storage.start();
  return storage;
}

/** What the conformance suite leaves to the memory adapter for rollups, heatmaps and alerts. */
describe("MemoryStorage insights specifics", () => {
  it("rollups, heatmaps and alerts are unusable before start", async () => {
    const storage = new MemoryStorage();
    await expect(storage.metrics.writer.writeRollups({ spanMetrics: [row(0)], serviceGraph: [] })).rejects.toBeInstanceOf(StorageClosedError);
    await expect(collect(storage.metrics.reader.querySpanMetrics(range))).rejects.toBeInstanceOf(StorageClosedError);
    await expect(storage.traces.reader.spanLatencyHistogram({ exemplars: 0 })).rejects.toBeInstanceOf(StorageClosedError);
    await expect(storage.alerts.listRules()).rejects.toBeInstanceOf(StorageClosedError);
  });

  it("keeps private copies of rollup rows, alert documents and exemplar ids", async () => {
    const storage = await started();
    const written = row(0, 2);
    await storage.metrics.writer.writeRollups({ spanMetrics: [written], serviceGraph: [] });
    written.buckets[0]!.count = 100;
    written.service = "mutated";
    const [cell] = await collect(storage.metrics.reader.querySpanMetrics({ ...range, groupBy: { service: true } }));
    expect(cell).toMatchObject({ service: "s", count: 2 });
    cell!.count = 50;
    expect((await collect(storage.metrics.reader.querySpanMetrics(range)))[0]!.count).toBe(2);

    await storage.alerts.putRule({ id: "r", updatedAtUnixMs: 1, body: "{}" });
    (await storage.alerts.getRule("r"))!.body = "mutated";
    expect((await storage.alerts.listRules())[0]!.body).toBe("{}");

    await storage.traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(1) })] });
    const [heat] = await storage.traces.reader.spanLatencyHistogram({ exemplars: 1 });
    heat!.exemplars[0]!.traceId[0] = 0;
    expect((await storage.traces.reader.spanLatencyHistogram({ exemplars: 1 }))[0]!.exemplars[0]!.traceId).toEqual(traceIdOf(1));
  });

  it("refuses a step that is not a positive whole number of minutes, and a non-positive stepNano", async () => {
    const storage = await started();
    for (const stepMs of [0, -MINUTE, 30_000, 1.5 * MINUTE]) {
      await expect(collect(storage.metrics.reader.querySpanMetrics({ ...range, stepMs })), `stepMs ${stepMs}`).rejects.toBeInstanceOf(RangeError);
    }
    await expect(storage.traces.reader.spanLatencyHistogram({ exemplars: 0, stepNano: 0n })).rejects.toBeInstanceOf(RangeError);
  });

  it("streams span-metrics cells in chunks of at most 1000", async () => {
    const storage = await started();
    await storage.metrics.writer.writeRollups({ spanMetrics: Array.from({ length: 1_200 }, (_, i) => ({ ...row(0), operation: `op ${i}` })), serviceGraph: [] });
    const sizes: number[] = [];
    for await (const chunk of storage.metrics.reader.querySpanMetrics({ ...range, groupBy: { operation: true } })) sizes.push(chunk.length);
    expect(sizes).toEqual([1000, 200]);
  });

  it("an aborted signal refuses a rollup write and keeps nothing of it", async () => {
    const storage = await started();
    const controller = new AbortController();
    controller.abort(new Error("caller gave up"));
    await expect(storage.metrics.writer.writeRollups({ spanMetrics: [row(0)], serviceGraph: [] }, controller.signal)).rejects.toThrow("caller gave up");
    expect(await collect(storage.metrics.reader.querySpanMetrics(range))).toEqual([]);
  });

  it("counts rollups and alert documents in sizeBytes; deleteBefore gives the rollup bytes back", async () => {
    const storage = await started();
    const empty = await storage.sizeBytes();
    await storage.metrics.writer.writeRollups({
      spanMetrics: [row(0), row(5 * MINUTE)],
      serviceGraph: [{ minuteUnixMs: 0, source: "a", sourceType: "service", target: "b", targetType: "database", failed: false, buckets: [{ bucket: 1, count: 1 }] }],
    });
    const withRollups = await storage.sizeBytes();
    expect(withRollups).toBeGreaterThan(empty);
    await storage.alerts.appendEvent({ id: "e", ruleId: "r", timeUnixMs: 0, body: "x".repeat(1000) });
    expect(await storage.sizeBytes()).toBeGreaterThanOrEqual(withRollups + 1000);
    await storage.deleteBefore(BigInt(MINUTE) * 1_000_000n);
    expect(await storage.sizeBytes()).toBeLessThan(withRollups + 1000);
    await storage.deleteBefore(BigInt(10 * MINUTE) * 1_000_000n);
    // Every rollup minute is gone; the alert event (8 + id + ruleId + body bytes) stays.
    expect(await storage.sizeBytes()).toBe(empty + 8 + 1 + 1 + 1000);
  });
});

