import type { RetentionResult, Storage } from "@skein/storage";
import { MemoryStorage, collect, makeLog, makeSpan, traceIdOf } from "@skein/storage/testing";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { PrometheusRetentionTelemetry } from "../self-metrics/retention-metrics.js";
import { RETENTION_FIRST_PASS_MS, RETENTION_INTERVAL_MS, RetentionScheduler } from "./retention-scheduler.js";
import { ManualClock } from "./testdata/manual-clock.js";

const DAY_MS = 86_400_000;
const NOW_MS = Date.UTC(2026, 10, 24, 12, 0, 0);
const ns = (ms: number) => BigInt(ms) * 1_000_000n;

/** Log lines the scheduler writes, as [level, object, message]. */
function recordingLogger() {
  const lines: [string, Record<string, unknown>, string][] = [];
  return {
    lines,
    logger: {
      info: (obj: Record<string, unknown>, msg: string) => void lines.push(["info", obj, msg]),
      warn: (obj: Record<string, unknown>, msg: string) => void lines.push(["warn", obj, msg]),
    } as never,
  };
}

/** Resolves once pending promise callbacks (a pass against the memory adapter) have run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("RetentionScheduler", () => {
  let storage = new MemoryStorage();
  afterEach(async () => {
    await storage.shutdown();
    storage = new MemoryStorage();
  });

  it("removes data older than the window shortly after start and then every interval", async () => {
    await storage.start();
    const clock = new ManualClock(NOW_MS);
    const { logger, lines } = recordingLogger();
    const scheduler = new RetentionScheduler({ storage, windowMs: 7 * DAY_MS, logger, clock });
    const old = makeSpan({ traceId: traceIdOf(1), startTimeUnixNano: ns(NOW_MS - 8 * DAY_MS) });
    const young = makeSpan({ traceId: traceIdOf(2), startTimeUnixNano: ns(NOW_MS - 6 * DAY_MS) });
    await storage.traces.writer.writeSpans({ spans: [old, young] });
    await storage.logs.writer.writeLogs({ logs: [makeLog({ body: "old", timeUnixNano: ns(NOW_MS - 8 * DAY_MS) }), makeLog({ body: "young", timeUnixNano: ns(NOW_MS - DAY_MS) })] });

    await scheduler.start();
    expect(clock.pending).toEqual([RETENTION_FIRST_PASS_MS]);
    // The window is announced before anything is removed; lines name no component (the logger does).
    expect(lines).toEqual([["info", { windowMs: 7 * DAY_MS }, "retention: keeping 7d, first pass in 1 s"]]);
    lines.length = 0;
    clock.advance(RETENTION_FIRST_PASS_MS - 1);
    await settle();
    expect(await collect(storage.traces.reader.getTrace(traceIdOf(1)))).toHaveLength(1);
    clock.advance(1);
    await settle();
    expect(await collect(storage.traces.reader.getTrace(traceIdOf(1)))).toHaveLength(0);
    expect(await collect(storage.traces.reader.getTrace(traceIdOf(2)))).toHaveLength(1);
    expect((await collect(storage.logs.reader.findLogs({ limit: 10 }))).map((l) => l.body)).toEqual(["young"]);
    const boundary = new Date(NOW_MS + RETENTION_FIRST_PASS_MS - 7 * DAY_MS).toISOString();
    expect(lines).toEqual([["info", expect.objectContaining({ removedBefore: boundary, durationMs: 0 }), `retention: removed spans and logs older than ${boundary}`]]);
    expect(lines[0]![1]).not.toHaveProperty("component");
    expect(clock.pending).toEqual([RETENTION_INTERVAL_MS]);

    // A day later the young span (6 days old at start) has aged out.
    for (let hour = 0; hour < 24; hour++) {
      clock.advance(RETENTION_INTERVAL_MS);
      await settle();
    }
    expect(await collect(storage.traces.reader.getTrace(traceIdOf(2)))).toHaveLength(0);
    expect(lines).toHaveLength(25);
    await scheduler.shutdown();
    expect(clock.pending).toEqual([]);
  });

  it("never runs two passes at once and waits for the running one at shutdown", async () => {
    const calls: bigint[] = [];
    let finish!: (result: RetentionResult) => void;
    const slow: Pick<Storage, "deleteBefore"> = {
      deleteBefore: (cutoff) => {
        calls.push(cutoff);
        return new Promise((resolve) => (finish = resolve));
      },
    };
    const clock = new ManualClock(NOW_MS);
    const scheduler = new RetentionScheduler({ storage: slow, windowMs: DAY_MS, logger: recordingLogger().logger, clock, firstPassMs: 10, intervalMs: 100 });
    await scheduler.start();
    clock.advance(10);
    clock.advance(1000);
    void scheduler.runNow();
    expect(calls).toEqual([ns(NOW_MS + 10 - DAY_MS)]);
    expect(clock.pending).toEqual([]); // the next pass is scheduled only when this one ends

    let stopped = false;
    const stopping = scheduler.shutdown().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    finish({ removedBeforeUnixNano: calls[0]! });
    await stopping;
    expect(clock.pending).toEqual([]);
    await scheduler.runNow();
    expect(calls).toHaveLength(1);
  });

  it("logs a failed pass at warn, counts it, and keeps the schedule", async () => {
    let fail = true;
    const flaky: Pick<Storage, "deleteBefore"> = {
      deleteBefore: async (cutoff) => {
        if (fail) throw Object.assign(new Error("ClickHouse is down"), { code: "SKEIN_ERR_STORAGE_UNAVAILABLE" });
        return { removedBeforeUnixNano: cutoff - 1_000_000_000n }; // one second coarser
      },
    };
    const clock = new ManualClock(NOW_MS);
    const registry = new Registry();
    const { logger, lines } = recordingLogger();
    const scheduler = new RetentionScheduler({ storage: flaky, windowMs: DAY_MS, logger, clock, telemetry: new PrometheusRetentionTelemetry(registry) });
    await scheduler.start();
    lines.length = 0; // the start line
    clock.advance(RETENTION_FIRST_PASS_MS);
    await settle();
    expect(lines.map(([level, , msg]) => [level, msg])).toEqual([["warn", "retention pass failed; the next pass retries"]]);
    expect(lines[0]![1]).toMatchObject({ err: { message: "ClickHouse is down" } });
    expect(lines[0]![1]).not.toHaveProperty("component");
    expect(clock.pending).toEqual([RETENTION_INTERVAL_MS]);
    fail = false;
    clock.advance(RETENTION_INTERVAL_MS);
    await settle();
    expect(lines.map(([level]) => level)).toEqual(["warn", "info"]);
    const text = await registry.metrics();
    expect(text).toContain('skein_retention_runs_total{outcome="error"} 1');
    expect(text).toContain('skein_retention_runs_total{outcome="ok"} 1');
    const cutoffMs = NOW_MS + RETENTION_FIRST_PASS_MS + RETENTION_INTERVAL_MS - DAY_MS;
    expect(text).toContain(`skein_retention_boundary_seconds ${cutoffMs / 1000 - 1}\n`);
    await scheduler.shutdown();
  });

  it("aborts the pass in progress at shutdown without a warning; shutdown is idempotent and safe before start", async () => {
    let seen: AbortSignal | undefined;
    const waiting: Pick<Storage, "deleteBefore"> = {
      deleteBefore: (_cutoff, signal) => {
        seen = signal;
        return new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
      },
    };
    const { logger, lines } = recordingLogger();
    const never = new RetentionScheduler({ storage: waiting, windowMs: DAY_MS, logger, clock: new ManualClock(NOW_MS) });
    await never.shutdown();
    await never.shutdown();

    const clock = new ManualClock(NOW_MS);
    const scheduler = new RetentionScheduler({ storage: waiting, windowMs: DAY_MS, logger, clock });
    await scheduler.start();
    clock.advance(RETENTION_FIRST_PASS_MS);
    expect(seen?.aborted).toBe(false);
    await scheduler.shutdown();
    await scheduler.shutdown();
    expect(seen?.aborted).toBe(true);
    expect(lines.map(([level, , msg]) => [level, msg])).toEqual([["info", "retention: keeping 1d, first pass in 1 s"]]); // no warning
    expect(() => new RetentionScheduler({ storage: waiting, windowMs: 0, logger })).toThrow(RangeError);
  });
});
