import { SpanKind, type Span } from "@skein/model";
import type { Rollups } from "@skein/storage";
import { describe, expect, it, vi } from "vitest";
import { processorHarness } from "../testdata/processor-harness.js";
import { RecordingSpanMetricsTelemetry } from "../testdata/recording-span-metrics-telemetry.js";
import { edgeCalls } from "../testdata/rollup-totals.js";
import { shopTrace, spanOf } from "../testdata/shop-topology.js";
import { LAST_ROLLUP_MINUTE_MS } from "./span-minute.js";

const total = (rows: { buckets: { count: number }[] }[]) => rows.reduce((sum, r) => sum + r.buckets.reduce((s, b) => s + b.count, 0), 0);
const dbCall = () => spanOf({ service: "a", kind: SpanKind.CLIENT, name: "q", attributes: { "db.system": "postgresql" } });

/** A span starting at `startUnixNano`, 1 µs long. */
function spanAt(startUnixNano: bigint): Span {
  const span = spanOf({ service: "skewed", kind: SpanKind.INTERNAL, name: "op" });
  span.startTimeUnixNano = startUnixNano;
  span.endTimeUnixNano = startUnixNano + 1000n;
  return span;
}

describe("SpanMetricsProcessor write failures", () => {
  it("leaves spans outside the port's minutes out (invalid_time), so they never block a write", async () => {
    const { processor, writer, telemetry, logger, send } = processorHarness();
    // Behave like the port: refuse, before storing anything, a minute outside 0 … 2105-12-31.
    const record = writer.writeRollups.bind(writer);
    writer.writeRollups = async (rollups: Rollups) => {
      for (const row of [...rollups.spanMetrics, ...rollups.serviceGraph]) if (row.minuteUnixMs < 0 || row.minuteUnixMs > LAST_ROLLUP_MINUTE_MS) throw new RangeError("minute outside the contract");
      return record(rollups);
    };
    const lastMinuteNs = BigInt(LAST_ROLLUP_MINUTE_MS) * 1_000_000n;
    await send([spanAt(4_500_000_000_000_000_000n), spanAt(-1n), spanAt(lastMinuteNs + 60_000_000_000n), spanAt(lastMinuteNs), dbCall()]); // 2112, 1969, 2106, 2105
    await processor.flush();
    expect(telemetry.drops).toEqual({ invalid_time: 3 });
    expect(telemetry.flushFailures).toBe(0);
    expect(writer.spanMetrics.map((r) => [r.service, r.minuteUnixMs])).toEqual([["skewed", LAST_ROLLUP_MINUTE_MS], ["a", expect.any(Number)]]);
    expect(writer.serviceGraph).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it("drops the rows of a write storage refuses as invalid (RangeError) instead of retrying them forever", async () => {
    const { processor, writer, telemetry, logger, send } = processorHarness();
    await send([spanOf({ service: "a", kind: SpanKind.SERVER, name: "op" })]);
    writer.failNext(1, () => new RangeError("latency bucket count Infinity is not a finite number > 0"));
    await processor.flush();
    expect(processor.pendingRows).toBe(0);
    expect(telemetry.drops).toEqual({ write_rejected: 1 });
    expect(logger.error).toHaveBeenCalledTimes(1);
    // Later rows are not blocked behind them.
    await send([spanOf({ service: "b", kind: SpanKind.SERVER, name: "op" })]);
    await processor.flush();
    expect(writer.spanMetrics.map((r) => r.service)).toEqual(["b"]);
  });

  it("writes each rollup in its own call: one stored and the other refused is never stored twice", async () => {
    const { processor, writer, telemetry, send } = processorHarness();
    writer.refuseServiceGraph = true;
    await send([dbCall()]);
    for (let i = 0; i < 5; i++) await processor.flush();
    expect(total(writer.spanMetrics)).toBe(1);
    expect(writer.writes.every((w) => w.spanMetrics.length === 0 || w.serviceGraph.length === 0)).toBe(true);
    expect(processor.pendingRows).toBe(1); // the service-graph row waits
    expect(telemetry.flushFailures).toBe(5);
    writer.refuseServiceGraph = false;
    await processor.flush();
    expect(total(writer.spanMetrics)).toBe(1);
    expect(edgeCalls(writer.serviceGraph)).toEqual({ "a(service)->postgresql(database)": 1 });
    expect([telemetry.spanMetricsRows, telemetry.serviceGraphRows]).toEqual([1, 1]);
  });
});

describe("SpanMetricsProcessor robustness", () => {
  it("passes on, uncounted, a batch it cannot read", async () => {
    const { processor, sink, writer, telemetry, logger, send } = processorHarness();
    const broken = spanOf({ service: "a", kind: SpanKind.SERVER, name: "op" });
    (broken as { status: unknown }).status = undefined; // a hand-built span the reader trips over
    await send([spanOf({ service: "a", kind: SpanKind.SERVER, name: "op" }), broken]);
    expect(sink.batches).toHaveLength(1);
    await processor.flush();
    expect(writer.spanMetrics).toEqual([]);
    expect(telemetry.drops).toEqual({ read_failed: 2 });
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it("a telemetry that throws never fails consume(), nor a flush", async () => {
    const telemetry = new RecordingSpanMetricsTelemetry();
    telemetry.dropped = () => {
      throw new Error("telemetry broke");
    };
    const { processor, sink, logger, send } = processorHarness({ telemetry });
    await expect(send([spanAt(-1n)])).resolves.toBeUndefined(); // reported as invalid_time while applied
    expect(sink.batches).toHaveLength(1);
    expect(logger.error).toHaveBeenCalledTimes(1);
    await send([spanOf({ service: "a", kind: SpanKind.CLIENT, trace: 9 })]); // waits; reported as dropped at shutdown
    expect(processor.pendingEdgeKeys).toBe(1);
    await expect(processor.shutdown()).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledTimes(2);
  });

  it("start() during a flush tick starts no second chain of ticks", async () => {
    const { processor, writer, clock, send } = processorHarness({ flushIntervalMs: 10_000 });
    let release!: () => void;
    const record = writer.writeRollups.bind(writer);
    writer.writeRollups = async (rollups: Rollups) => {
      await new Promise<void>((resolve) => (release = resolve));
      return record(rollups);
    };
    await processor.start();
    await send([spanOf({ service: "a", kind: SpanKind.SERVER, name: "op" })]);
    clock.advance(10_000); // the tick fires and waits in the write
    await vi.waitFor(() => expect(release).toBeTypeOf("function"));
    await processor.start();
    release();
    await processor.flush();
    expect(clock.pendingTimers).toBe(1);
    await processor.shutdown();
    expect(clock.pendingTimers).toBe(0);
  });

  it("a flush while a batch is in flight counts it only once it is committed, and once", async () => {
    const { processor, sink, writer, send } = processorHarness();
    sink.hang();
    const inFlight = send(shopTrace(1));
    await processor.flush();
    expect(writer.calls).toBe(0);
    sink.release();
    await inFlight;
    const second = processor.flush();
    const third = processor.flush(); // concurrent flushes are serialized, not doubled
    await Promise.all([second, third]);
    expect(total(writer.spanMetrics)).toBe(10);
    await processor.shutdown();
    expect(total(writer.spanMetrics)).toBe(10);
  });
});
