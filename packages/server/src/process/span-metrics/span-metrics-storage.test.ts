import { LATENCY_BUCKET_RELATIVE_ERROR, SpanKind } from "@skein/model";
import { BASE_TIME_NANO, MemoryStorage, collect } from "@skein/storage/testing";
import type { Logger } from "pino";
import { describe, expect, it, vi } from "vitest";
import { readSpanMetricsTotals } from "../../query/insights/span-metrics-totals.js";
import { StorageWriterConsumer } from "../../store/storage-writer-consumer.js";
import { FakeProcessorClock } from "../testdata/fake-processor-clock.js";
import { shopTrace } from "../testdata/shop-topology.js";
import { SpanMetricsProcessor } from "./span-metrics-processor.js";

const MINUTE_MS = Number(BASE_TIME_NANO / 60_000_000_000n) * 60_000;
const range = { startUnixMs: MINUTE_MS, endUnixMs: MINUTE_MS + 60_000 };

describe("SpanMetricsProcessor in front of the storage writer (MemoryStorage)", () => {
  it("stores spans and rollups that read back as the topology, across several flushes", async () => {
    const storage = new MemoryStorage();
    await storage.start();
    const writer = new StorageWriterConsumer(storage);
    const clock = new FakeProcessorClock();
    const processor = new SpanMetricsProcessor({
      clock,
      next: writer,
      writer: storage.metrics.writer,
      logger: { warn: vi.fn(), error: vi.fn() } as unknown as Pick<Logger, "warn" | "error">,
    });
    await processor.start();
    for (let i = 0; i < 20; i++) {
      await processor.consume({ spans: shopTrace(500 + i, { checkoutMs: i + 1, paymentFails: i % 4 === 0 }) });
      if (i % 7 === 0) await processor.flush(); // the same minute written in several additive parts
    }
    clock.advance(10_000); // stripe's clients wait out their TTL: edges to the external node
    await processor.shutdown();
    await writer.shutdown();

    const cells = (await collect(storage.metrics.reader.queryServiceGraph(range))).filter((c) => c.count > 0);
    const calls: Record<string, number> = {};
    for (const cell of cells) {
      const key = `${cell.source}(${cell.sourceType})->${cell.target}(${cell.targetType})${cell.failed ? " failed" : ""}`;
      calls[key] = (calls[key] ?? 0) + cell.count;
    }
    expect(calls).toEqual({
      "frontend(service)->checkout(service)": 20,
      "checkout(service)->payment(service)": 15,
      "checkout(service)->payment(service) failed": 5,
      "checkout(service)->orders-db(database)": 20,
      "checkout(service)->orders(queue)": 20,
      "orders(queue)->worker(service)": 20,
      "checkout(service)->stripe(external)": 20,
    });

    const payment = await readSpanMetricsTotals(storage.metrics.reader, { ...range, services: ["payment"] });
    expect(payment.count).toBe(20);
    expect(payment.errorCount).toBe(5);
    const toCheckout = await readSpanMetricsTotals(storage.metrics.reader, { ...range, services: ["frontend"], operation: "POST /checkout", kinds: [SpanKind.CLIENT] });
    expect(toCheckout.count).toBe(20);
    // checkoutMs 1…20: nearest-rank p50 = 10 ms.
    expect(Math.abs(toCheckout.histogram.quantile(0.5)! - 10e6) / 10e6).toBeLessThanOrEqual(LATENCY_BUCKET_RELATIVE_ERROR);
    await storage.shutdown();
  });
});
