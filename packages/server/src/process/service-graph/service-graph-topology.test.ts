import { LATENCY_BUCKET_RELATIVE_ERROR, SpanKind } from "@skein/model";
import { BASE_TIME_NANO } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { processorHarness } from "../testdata/processor-harness.js";
import { edgeCalls, edgeTotals } from "../testdata/rollup-totals.js";
import { MS, shopTrace, spanOf } from "../testdata/shop-topology.js";

const MINUTE_MS = Number(BASE_TIME_NANO / 60_000_000_000n) * 60_000;

describe("service graph over the shop topology", () => {
  it("derives exactly the expected edges, counts and error counts", async () => {
    const { processor, writer, clock, telemetry, send } = processorHarness();
    await processor.start();
    for (let i = 0; i < 10; i++) await send(shopTrace(i + 1, { paymentFails: i < 3 }));
    clock.advance(10_000); // stripe's clients wait out their TTL: resolved to the external node
    await processor.shutdown();
    expect(edgeCalls(writer.serviceGraph)).toEqual({
      "frontend(service)->checkout(service)": 10,
      "checkout(service)->payment(service)": 10,
      "checkout(service)->orders-db(database)": 10,
      "checkout(service)->orders(queue)": 10,
      "orders(queue)->worker(service)": 10,
      "checkout(service)->stripe(external)": 10,
    });
    const totals = edgeTotals(writer.serviceGraph);
    expect(totals.get("checkout(service)->payment(service)")!.failed).toBe(3);
    expect(totals.get("frontend(service)->checkout(service)")!.failed).toBe(0);
    for (const total of totals.values()) expect([...total.minutes]).toEqual([MINUTE_MS]);
    // The frontend root server span has no parent: no half at all, nothing dropped.
    expect(telemetry.drops).toEqual({});
  });

  it("takes latency and weight from the caller span", async () => {
    const { processor, writer, clock, send } = processorHarness();
    // checkoutMs 1…100: p50 = 50 ms, p90 = 90 ms, p99 = 99 ms by nearest rank; weight 4 counts 4.
    const spans = Array.from({ length: 100 }, (_, i) => shopTrace(1000 + i, { checkoutMs: i + 1, weight: 4 })).flat();
    await send(spans);
    clock.advance(10_000);
    await processor.shutdown();
    const edge = edgeTotals(writer.serviceGraph).get("frontend(service)->checkout(service)")!;
    expect(edge.calls).toBe(400);
    for (const [q, expected] of [[0.5, 50e6], [0.9, 90e6], [0.99, 99e6]] as const) {
      expect(Math.abs(edge.histogram.quantile(q)! - expected) / expected).toBeLessThanOrEqual(LATENCY_BUCKET_RELATIVE_ERROR);
    }
    // The checkout server span lasts 90 ms, but the edge reports what the caller saw.
    expect(edgeTotals(writer.serviceGraph).get("checkout(service)->stripe(external)")!.histogram.quantile(0.5)! / 300e6).toBeCloseTo(1, 1);
  });

  it("pairs a client and its server across batches in both orders", async () => {
    const { processor, writer, send } = processorHarness();
    const a = spanOf({ service: "a", kind: SpanKind.CLIENT, trace: 1 });
    const b = spanOf({ service: "b", kind: SpanKind.SERVER, parent: a, error: true });
    const c = spanOf({ service: "c", kind: SpanKind.CLIENT, trace: 2 });
    const d = spanOf({ service: "d", kind: SpanKind.SERVER, parent: c });
    await send([a]);
    await send([b]);
    await send([d]); // server first
    await send([c]);
    await processor.flush();
    expect(edgeCalls(writer.serviceGraph)).toEqual({ "a(service)->b(service)": 1, "c(service)->d(service)": 1 });
    expect(edgeTotals(writer.serviceGraph).get("a(service)->b(service)")!.failed).toBe(1);
    expect(processor.pendingEdgeKeys).toBe(0);
  });

  it("turns a client unpaired after the TTL into an external edge, or drops it without a peer", async () => {
    const { processor, writer, clock, telemetry, send } = processorHarness({ edgeTtlMs: 10_000 });
    const late = spanOf({ service: "a", kind: SpanKind.CLIENT, trace: 1, attributes: { "server.address": "api.example.com" } });
    await send([
      late,
      spanOf({ service: "a", kind: SpanKind.CLIENT, trace: 2, attributes: { "net.peer.name": "legacy-host" } }),
      spanOf({ service: "a", kind: SpanKind.CLIENT, trace: 3 }),
    ]);
    clock.advance(9_999);
    await processor.flush();
    expect(writer.serviceGraph).toEqual([]);
    expect(processor.pendingEdgeKeys).toBe(3);
    clock.advance(1);
    await processor.flush();
    expect(edgeCalls(writer.serviceGraph)).toEqual({ "a(service)->api.example.com(external)": 1, "a(service)->legacy-host(external)": 1 });
    expect(telemetry.drops).toEqual({ edge_unpaired_caller: 1 });
    expect(processor.pendingEdgeKeys).toBe(0);
    // A server arriving after its client expired makes no edge of its own.
    await send([spanOf({ service: "api", kind: SpanKind.SERVER, parent: late })]);
    clock.advance(10_000);
    await processor.shutdown();
    expect(edgeCalls(writer.serviceGraph)).toEqual({ "a(service)->api.example.com(external)": 1, "a(service)->legacy-host(external)": 1 });
    expect(telemetry.drops).toEqual({ edge_unpaired_caller: 1, edge_unpaired_callee: 1 });
  });

  it("makes no edge for a server whose client never arrives", async () => {
    const { processor, writer, clock, telemetry, send } = processorHarness();
    const ghostParent = spanOf({ service: "gateway", kind: SpanKind.CLIENT, trace: 7 });
    await send([spanOf({ service: "b", kind: SpanKind.SERVER, parent: ghostParent })]);
    clock.advance(10_000);
    await processor.shutdown();
    expect(writer.serviceGraph).toEqual([]);
    expect(telemetry.drops).toEqual({ edge_unpaired_callee: 1 });
  });

  it("uses peer.service over server.address and the system for database nodes", async () => {
    const { processor, writer, send } = processorHarness();
    await send([
      spanOf({ service: "a", kind: SpanKind.CLIENT, trace: 1, attributes: { "db.system": "redis", "peer.service": "sessions", "server.address": "10.0.0.1" } }),
      spanOf({ service: "a", kind: SpanKind.CLIENT, trace: 1, attributes: { "db.system.name": "mysql" } }),
      spanOf({ service: "a", kind: SpanKind.PRODUCER, trace: 1, attributes: { "messaging.destination": "legacy-topic" } }),
    ]);
    await processor.flush();
    expect(edgeCalls(writer.serviceGraph)).toEqual({
      "a(service)->sessions(database)": 1,
      "a(service)->mysql(database)": 1,
      "a(service)->legacy-topic(queue)": 1,
    });
    // Only the producer waits: to place a consumer of its message that names no destination.
    expect(processor.pendingEdgeKeys).toBe(1);
  });
});
