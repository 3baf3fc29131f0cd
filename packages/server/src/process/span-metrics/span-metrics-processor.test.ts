import { SpanKind, type SpanBatch } from "@skein/model";
import type { Logger } from "pino";
import { describe, expect, it, vi } from "vitest";
import { ConsumerClosedError } from "../../pipeline/errors.js";
import { processorHarness } from "../testdata/processor-harness.js";
import { RecordingMetricsWriter } from "../testdata/recording-metrics-writer.js";
import { edgeCalls } from "../testdata/rollup-totals.js";
import { shopTrace, spanOf } from "../testdata/shop-topology.js";
import { SpanMetricsProcessor } from "./span-metrics-processor.js";

const total = (rows: { buckets: { count: number }[] }[]) => rows.reduce((sum, r) => sum + r.buckets.reduce((s, b) => s + b.count, 0), 0);

describe("SpanMetricsProcessor", () => {
  it("counts nothing of a batch downstream refused, and a retried batch once", async () => {
    const { processor, sink, writer, send } = processorHarness();
    const trace = shopTrace(1);
    sink.failWith(new Error("disk full"), 1);
    await expect(send(trace)).rejects.toThrow("disk full");
    await processor.flush();
    expect(writer.calls).toBe(0);
    expect(processor.pendingEdgeKeys).toBe(0);
    await send(trace); // the client retries
    await processor.shutdown();
    expect(total(writer.spanMetrics)).toBe(trace.length);
    expect(edgeCalls(writer.serviceGraph)["frontend(service)->checkout(service)"]).toBe(1);
    expect(sink.batches).toHaveLength(1);
  });

  it("reads the batch before handing it on: what downstream does with it afterwards does not matter", async () => {
    const writer = new RecordingMetricsWriter();
    const next = { consume: async (batch: SpanBatch) => void batch.spans.splice(0).forEach((s) => (s.service = "mangled")) };
    const processor = new SpanMetricsProcessor({ next, writer, logger: { warn: vi.fn(), error: vi.fn() } as unknown as Pick<Logger, "warn" | "error"> });
    await processor.consume({ spans: shopTrace(1) });
    await processor.shutdown();
    expect(total(writer.spanMetrics)).toBe(10);
    expect(writer.spanMetrics.some((r) => r.service === "mangled")).toBe(false);
  });

  it("writes on its interval, keeps rows of a failed write and retries them on the next tick", async () => {
    const { processor, writer, clock, telemetry, logger, send } = processorHarness({ flushIntervalMs: 10_000 });
    await processor.start();
    await send([spanOf({ service: "a", kind: SpanKind.SERVER, name: "op" })]);
    writer.failNext(1);
    clock.advance(10_000);
    await vi.waitFor(() => expect(telemetry.flushFailures).toBe(1));
    expect(processor.pendingRows).toBe(1);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    await send([spanOf({ service: "a", kind: SpanKind.SERVER, name: "op" })]);
    await processor.flush(); // wait until the failed tick settled and scheduled the next one
    expect(writer.writes).toHaveLength(1);
    expect(total(writer.spanMetrics)).toBe(2); // the kept row plus the new one
    expect(processor.pendingRows).toBe(0);
    clock.advance(10_000);
    await processor.flush();
    expect(writer.calls).toBe(2); // the empty tick wrote nothing
    expect(telemetry.spanMetricsRows).toBe(2);
    await processor.shutdown();
    expect(clock.pendingTimers).toBe(0);
  });

  it("bounds the rows kept while writes fail, dropping the oldest", async () => {
    const { processor, writer, telemetry, send } = processorHarness({ maxPendingRows: 3 });
    writer.failNext(10);
    for (const name of ["old-1", "old-2", "mid", "new-1", "new-2"]) {
      await send([spanOf({ service: "a", kind: SpanKind.INTERNAL, name })]);
      await processor.flush();
    }
    expect(processor.pendingRows).toBe(3);
    expect(telemetry.drops).toEqual({ backlog_full: 2 });
    writer.failNext(0);
    await processor.flush();
    expect(writer.spanMetrics.map((r) => r.operation)).toEqual(["mid", "new-1", "new-2"]);
  });

  it("shuts down idempotently: waits for batches in flight, refuses new ones, flushes all", async () => {
    const { processor, sink, writer, telemetry, send } = processorHarness();
    await processor.start();
    sink.hang();
    const inFlight = send(shopTrace(1));
    const stopping = processor.shutdown();
    expect(processor.shutdown()).toBe(stopping);
    await expect(send(shopTrace(2))).rejects.toBeInstanceOf(ConsumerClosedError);
    sink.release();
    await inFlight;
    await stopping;
    expect(total(writer.spanMetrics)).toBe(10);
    expect(edgeCalls(writer.serviceGraph)["frontend(service)->checkout(service)"]).toBe(1);
    // The stripe client was still waiting for a server: dropped and counted, no external node.
    expect(edgeCalls(writer.serviceGraph)["checkout(service)->stripe(external)"]).toBeUndefined();
    expect(telemetry.drops).toEqual({ shutdown: 1 });
    expect(processor.pendingEdgeKeys).toBe(0);
    await processor.shutdown();
    expect(writer.calls).toBe(2); // one call per rollup
  });

  it("is safe to shut down before start, and does not start afterwards", async () => {
    const { processor, writer, clock } = processorHarness();
    await processor.shutdown();
    await processor.start();
    expect(clock.pendingTimers).toBe(0);
    expect(writer.calls).toBe(0);
  });

  it("reports rows lost when the write at shutdown fails", async () => {
    const { processor, writer, telemetry, logger, send } = processorHarness();
    await send(shopTrace(1));
    writer.failNext(1);
    await processor.shutdown();
    expect(telemetry.flushFailures).toBe(1);
    expect(telemetry.drops.shutdown_write_failed).toBeGreaterThan(0);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});
