import type { Span } from "@skein/model";
import type { Storage } from "@skein/storage";
import { StorageUnavailableError } from "@skein/storage";
import { MemoryStorage } from "@skein/storage/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ENDPOINT_SPAN_BUDGET, endpointCriticalPath, type EndpointCriticalPathOptions } from "./endpoint-critical-path.js";
import type { SpanSpec } from "./testdata/tree-fixtures.js";
import { T0, specSpans } from "./testdata/tree-fixtures.js";

const MS = 1_000_000;
const NOW = T0 + 3_600_000_000_000n; // the default window (last hour) starts exactly at T0

let storage: MemoryStorage | undefined;
afterEach(async () => {
  await storage?.shutdown();
  storage = undefined;
});

async function run(traces: Span[][], params: { start?: string; end?: string } = {}, options: EndpointCriticalPathOptions = {}) {
  storage = new MemoryStorage();
  await storage.start();
  await storage.traces.writer.writeSpans({ spans: traces.flat() });
  return endpointCriticalPath(storage, () => NOW, { service: "api", operation: "GET /checkout", ...params }, undefined, options);
}

/** Shifts a trace's specs by `offset` ns so traces do not share start times. */
const at = (offset: number, specs: SpanSpec[]): SpanSpec[] => specs.map(([id, parent, s, e, svc, op]) => [id, parent, s + offset, e + offset, svc, op]);

// 10 typical requests (20 ms): api self 10 ms, cart 10 ms.
const typical = (n: number) =>
  specSpans(at(n * 1000 * MS, [[1, null, 0, 20 * MS, "api", "GET /checkout"], [2, 1, 2 * MS, 12 * MS, "cart", "get"]]), 1000 + n);
// 8 middle requests (40 ms), in neither group: inventory is on their path only.
const middle = (n: number) =>
  specSpans(at(n * 1000 * MS, [[1, null, 0, 40 * MS, "api", "GET /checkout"], [2, 1, 5 * MS, 35 * MS, "inventory", "check"]]), 2000 + n);
// 2 slow requests (100 ms) called by a gateway (outside the endpoint's subtree), with a later retry
// of the endpoint in the same trace: api self 15 ms, cart 10 ms, payment 75 ms.
const slow = (n: number) =>
  specSpans(
    at(n * 1000 * MS, [
      [1, null, -5 * MS, 120 * MS, "gateway", "route"],
      [2, 1, 0, 100 * MS, "api", "GET /checkout"],
      [3, 2, 2 * MS, 12 * MS, "cart", "get"],
      [4, 2, 20 * MS, 95 * MS, "payment", "charge"],
      [5, 1, 105 * MS, 108 * MS, "api", "GET /checkout"],
    ]),
    3000 + n,
  );

// Requests that last 0 ns (a zero-length endpoint span, with a zero-length child).
const instant = (n: number) =>
  specSpans(at(n * 1000 * MS, [[1, null, 0, 0, "api", "GET /checkout"], [2, 1, 0, 0, "cart", "get"]]), 4000 + n);

describe("endpointCriticalPath", () => {
  it("breaks typical (≤ p50) and slow (≥ p95) requests down by operation, ranked by p95 share", async () => {
    const traces = [...[...Array(10).keys()].map((i) => typical(i + 1)), ...[...Array(8).keys()].map((i) => middle(i + 20)), slow(40), slow(41)];
    const answer = await run(traces);
    expect(answer).toEqual({
      sampledRequests: 20,
      p50DurationNano: 20 * MS,
      p95DurationNano: 100 * MS,
      operations: [
        { service: "payment", operation: "charge", p50Share: 0, p95Share: 0.75, p50TimeNano: 0, p95TimeNano: 75 * MS },
        { service: "api", operation: "GET /checkout", p50Share: 0.5, p95Share: 0.15, p50TimeNano: 10 * MS, p95TimeNano: 15 * MS },
        { service: "cart", operation: "get", p50Share: 0.5, p95Share: 0.1, p50TimeNano: 10 * MS, p95TimeNano: 10 * MS },
      ],
    });
  });

  it("one request is both typical and slow", async () => {
    const answer = await run([slow(1)]);
    expect(answer.sampledRequests).toBe(1);
    expect(answer.p50DurationNano).toBe(100 * MS);
    expect(answer.p95DurationNano).toBe(100 * MS);
    expect(answer.operations.map((o) => [o.operation, o.p50Share, o.p95Share])).toEqual([
      ["charge", 0.75, 0.75],
      ["GET /checkout", 0.15, 0.15],
      ["get", 0.1, 0.1],
    ]);
  });

  it("no matching request → zeros, nulls and no operations", async () => {
    expect(await run([middle(1).map((s) => ({ ...s, name: "other" }))])).toEqual({ sampledRequests: 0, p50DurationNano: null, p95DurationNano: null, operations: [] });
  });

  it("only endpoint spans starting in the window count", async () => {
    const answer = await run([typical(1), slow(10)], { start: String((T0 + 5000n * BigInt(MS)) / 1_000_000n) });
    expect(answer.sampledRequests).toBe(1);
    expect(answer.p50DurationNano).toBe(100 * MS);
  });

  it("samples the 200 most recent traces", async () => {
    const traces = [...Array(205).keys()].map((i) => (i < 5 ? slow(i) : typical(i)));
    const answer = await run(traces);
    expect(answer.sampledRequests).toBe(200);
    // The five oldest (slow) traces fell out of the sample.
    expect(answer.p95DurationNano).toBe(20 * MS);
    expect(answer.operations.map((o) => o.service)).toEqual(["api", "cart"]);
  });
});

describe("endpointCriticalPath edge cases", () => {
  it("requests that all last 0 ns spent their time in the endpoint itself: share 1, not 0", async () => {
    const answer = await run([instant(1), instant(2), instant(3)]);
    expect(answer).toEqual({
      sampledRequests: 3,
      p50DurationNano: 0,
      p95DurationNano: 0,
      operations: [{ service: "api", operation: "GET /checkout", p50Share: 1, p95Share: 1, p50TimeNano: 0, p95TimeNano: 0 }],
    });
  });

  it("a group of zero-duration requests beside slow ones: the endpoint gets the zero group's share", async () => {
    const answer = await run([...[...Array(10).keys()].map((i) => instant(i + 1)), slow(40), slow(41)]);
    expect(answer.p50DurationNano).toBe(0);
    expect(answer.p95DurationNano).toBe(100 * MS);
    expect(answer.operations.map((o) => [o.service, o.p50Share, o.p95Share, o.p50TimeNano])).toEqual([
      ["payment", 0, 0.75, 0],
      ["api", 1, 0.15, 0],
      ["cart", 0, 0.1, 0],
    ]);
  });

  it("stops sampling at the span budget, leaving out the trace that crosses it", async () => {
    expect(ENDPOINT_SPAN_BUDGET).toBe(500_000);
    const traces = [...Array(10).keys()].map((i) => typical(i + 1)); // 2 spans each
    expect((await run(traces, {}, { spanBudget: 8 })).sampledRequests).toBe(4);
    expect((await run(traces, {}, { spanBudget: 7 })).sampledRequests).toBe(3);
    expect((await run(traces, {}, { spanBudget: 1 })).sampledRequests).toBe(0);
    expect((await run(traces)).sampledRequests).toBe(10);
  });

  it("passes the capability check searchTraces uses (its filter is intrinsic: none needed)", async () => {
    storage = new MemoryStorage();
    await storage.start();
    await storage.traces.writer.writeSpans({ spans: typical(1) });
    const bare: Storage = Object.assign(Object.create(storage) as Storage, { capabilities: {} });
    expect((await endpointCriticalPath(bare, () => NOW, { service: "api", operation: "GET /checkout" })).sampledRequests).toBe(1);
  });
});

describe("endpointCriticalPath loading", () => {
  /** The memory storage with getTrace delayed and counted; `failAt` makes the n-th load fail. */
  async function instrumented(traces: Span[][], failAt?: number) {
    storage = new MemoryStorage();
    await storage.start();
    await storage.traces.writer.writeSpans({ spans: traces.flat() });
    const inner = storage;
    const stats = { inFlight: 0, maxInFlight: 0, calls: 0, aborted: 0 };
    const reader: Storage["traces"]["reader"] = {
      findTraces: (q, signal) => inner.traces.reader.findTraces(q, signal),
      getOperations: (s, signal) => inner.traces.reader.getOperations(s, signal),
      getServices: (signal) => inner.traces.reader.getServices(signal),
      spanLatencyHistogram: (q, signal) => inner.traces.reader.spanLatencyHistogram(q, signal),
      async *getTrace(id, signal) {
        const call = ++stats.calls;
        stats.inFlight++;
        stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
        try {
          await new Promise((r) => setTimeout(r, 5));
          if (signal?.aborted) stats.aborted++;
          if (call === failAt) throw new StorageUnavailableError("boom");
          yield* inner.traces.reader.getTrace(id, signal);
        } finally {
          stats.inFlight--;
        }
      },
    };
    const wrapped: Storage = {
      kind: inner.kind,
      capabilities: inner.capabilities,
      traces: { reader, writer: inner.traces.writer },
      logs: inner.logs,
      metrics: inner.metrics,
      alerts: inner.alerts,
      start: () => inner.start(),
      shutdown: () => inner.shutdown(),
      sizeBytes: () => inner.sizeBytes(),
      deleteBefore: (cutoff, signal) => inner.deleteBefore(cutoff, signal),
    };
    return { wrapped, stats };
  }

  it("loads at most four traces at once", async () => {
    const { wrapped, stats } = await instrumented([...Array(12).keys()].map((i) => typical(i + 1)));
    const answer = await endpointCriticalPath(wrapped, () => NOW, { service: "api", operation: "GET /checkout" });
    expect(answer.sampledRequests).toBe(12);
    expect(stats.calls).toBe(12);
    expect(stats.maxInFlight).toBe(4);
  });

  it("stops loading once the span budget is crossed", async () => {
    const { wrapped, stats } = await instrumented([...Array(40).keys()].map((i) => typical(i + 1)));
    const answer = await endpointCriticalPath(wrapped, () => NOW, { service: "api", operation: "GET /checkout" }, undefined, { spanBudget: 10 });
    expect(answer.sampledRequests).toBeLessThanOrEqual(5);
    expect(stats.calls).toBeLessThanOrEqual(5 + 4); // the five that fit, the one crossing, three in flight
  });

  it("a failing load fails the call and stops the other loaders", async () => {
    const { wrapped, stats } = await instrumented([...Array(12).keys()].map((i) => typical(i + 1)), 2);
    await expect(endpointCriticalPath(wrapped, () => NOW, { service: "api", operation: "GET /checkout" })).rejects.toThrow(StorageUnavailableError);
    await new Promise((r) => setTimeout(r, 50));
    expect(stats.calls).toBeLessThan(12);
  });
});
