import { SpanKind } from "@skein/model";
import { describe, expect, it } from "vitest";
import { processorHarness } from "../testdata/processor-harness.js";
import { edgeCalls, edgeTotals } from "../testdata/rollup-totals.js";
import { MS, spanOf } from "../testdata/shop-topology.js";

const { CLIENT, SERVER, PRODUCER, CONSUMER } = SpanKind;
const TTL = 10_000;
const QUEUE = { "messaging.destination.name": "orders" };

describe("service graph pairing", () => {
  it("marks an edge failed when only the caller side has an error", async () => {
    const { processor, writer, send } = processorHarness();
    const client = spanOf({ service: "a", kind: CLIENT, trace: 1, error: true });
    await send([client, spanOf({ service: "b", kind: SERVER, parent: client })]);
    await processor.flush();
    const edge = edgeTotals(writer.serviceGraph).get("a(service)->b(service)")!;
    expect([edge.calls, edge.failed]).toEqual([1, 1]);
  });

  it("pairs producer and consumer without destination through the parent or through a link", async () => {
    const { processor, writer, telemetry, send } = processorHarness();
    const parented = spanOf({ service: "orders", kind: PRODUCER, trace: 1, durationNano: 2n * MS });
    const linked = spanOf({ service: "billing", kind: PRODUCER, trace: 2 });
    // The consumer of the linked message runs in a trace of its own and only links back.
    const linkedConsumer = spanOf({ service: "ledger", kind: CONSUMER, trace: 3, links: [linked] });
    await send([linkedConsumer]);
    await send([parented, linked]);
    await send([spanOf({ service: "shipping", kind: CONSUMER, parent: parented })]);
    await processor.shutdown();
    expect(edgeCalls(writer.serviceGraph)).toEqual({ "orders(service)->shipping(service)": 1, "billing(service)->ledger(service)": 1 });
    expect(telemetry.drops).toEqual({});
  });

  it("messaging semconv 1.26: a process span (CONSUMER, parent = a CLIENT receive span, link = producer) pairs with the producer only", async () => {
    const { processor, writer, clock, telemetry, send } = processorHarness({ edgeTtlMs: TTL });
    const producer = spanOf({ service: "orders", kind: PRODUCER, trace: 1 });
    const receive = spanOf({ service: "worker", kind: CLIENT, trace: 2, name: "receive", attributes: { "server.address": "kafka-1" } });
    const process = spanOf({ service: "worker", kind: CONSUMER, parent: receive, name: "process", links: [producer] });
    await send([receive, process]); // the consumer arrives first, and waits under its link and its parent
    await send([producer]);
    clock.advance(TTL); // the receive span's broker never answers: an external node, after the TTL
    await processor.shutdown();
    expect(edgeCalls(writer.serviceGraph)).toEqual({ "orders(service)->worker(service)": 1, "worker(service)->kafka-1(external)": 1 });
    expect(telemetry.drops).toEqual({});
  });

  it("places a side without destination on the queue the other side names", async () => {
    const { processor, writer, clock, telemetry, send } = processorHarness({ edgeTtlMs: TTL });
    // Producer names the queue, its consumer does not (and is an error): orders → worker.
    const named = spanOf({ service: "checkout", kind: PRODUCER, trace: 1, attributes: QUEUE });
    const unnamedConsumer = spanOf({ service: "worker", kind: CONSUMER, parent: named, error: true, durationNano: 20n * MS });
    // Producer names none, its consumer (in a trace of its own, by link) does: billing → orders.
    const unnamed = spanOf({ service: "billing", kind: PRODUCER, trace: 2, durationNano: 3n * MS });
    const namedConsumer = spanOf({ service: "ledger", kind: CONSUMER, trace: 3, links: [unnamed], attributes: QUEUE });
    // Both name it: only their direct edges.
    const both = spanOf({ service: "checkout", kind: PRODUCER, trace: 4, attributes: QUEUE });
    const bothConsumer = spanOf({ service: "worker", kind: CONSUMER, parent: both, attributes: QUEUE });
    await send([named, unnamed, both]);
    await send([unnamedConsumer, namedConsumer, bothConsumer]);
    expect(processor.pendingEdgeKeys).toBe(0);
    clock.advance(TTL);
    await processor.shutdown();
    expect(edgeCalls(writer.serviceGraph)).toEqual({
      "checkout(service)->orders(queue)": 2,
      "orders(queue)->worker(service)": 2,
      "billing(service)->orders(queue)": 1,
      "orders(queue)->ledger(service)": 1,
    });
    const totals = edgeTotals(writer.serviceGraph);
    // The consumer's side of the queue carries the consumer's error and latency, as a direct consumer edge would.
    expect(totals.get("orders(queue)->worker(service)")!.failed).toBe(1);
    expect(totals.get("checkout(service)->orders(queue)")!.failed).toBe(0);
    expect(totals.get("billing(service)->orders(queue)")!.histogram.quantile(1)! / 3e6).toBeCloseTo(1, 1);
    expect(telemetry.drops).toEqual({});
  });

  it("a message side with a destination left unpaired loses nothing and is not counted", async () => {
    const { processor, writer, clock, telemetry, send } = processorHarness({ edgeTtlMs: TTL });
    await send([spanOf({ service: "checkout", kind: PRODUCER, trace: 1, attributes: QUEUE })]);
    expect(processor.pendingEdgeKeys).toBe(1);
    clock.advance(TTL);
    await processor.flush();
    expect(processor.pendingEdgeKeys).toBe(0);
    expect(edgeCalls(writer.serviceGraph)).toEqual({ "checkout(service)->orders(queue)": 1 });
    expect(telemetry.drops).toEqual({});
  });

  it("drops a client still waiting at shutdown instead of inventing an external node", async () => {
    const { processor, writer, telemetry, send } = processorHarness();
    // The checkout SERVER span is still in flight in another SDK's batch.
    await send([spanOf({ service: "frontend", kind: CLIENT, trace: 5, attributes: { "server.address": "checkout.internal" } })]);
    await send([spanOf({ service: "b", kind: SERVER, parent: spanOf({ service: "a", kind: CLIENT, trace: 6 }) })]);
    await processor.shutdown();
    expect(writer.serviceGraph).toEqual([]);
    expect(telemetry.drops).toEqual({ shutdown: 2 });
  });

  it("drops and counts halves evicted from a full pending store; only those left wait out their TTL", async () => {
    const { processor, writer, clock, telemetry, send } = processorHarness({ maxPendingEdges: 2, edgeTtlMs: TTL });
    await send([1, 2, 3].map((trace) => spanOf({ service: "a", kind: CLIENT, trace, attributes: { "peer.service": "ext" } })));
    expect(telemetry.evicted).toBe(1);
    expect(telemetry.drops).toEqual({ evicted: 1 });
    expect(processor.pendingEdgeKeys).toBe(2);
    clock.advance(TTL);
    await processor.shutdown();
    expect(edgeCalls(writer.serviceGraph)).toEqual({ "a(service)->ext(external)": 2 });
  });
});
