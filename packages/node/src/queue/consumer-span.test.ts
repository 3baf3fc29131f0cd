import { context, propagation, SpanKind, SpanStatusCode, trace, type SpanContext } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { withConsumerSpan } from "./consumer-span.js";
import { inject } from "./propagation.js";
import { configureQueueSpans, resetQueueSpans } from "./queue-settings.js";
import { installInMemoryOtel, type InMemoryOtel } from "./testdata/in-memory-otel.js";
import { NatsLikeHeaders } from "./testdata/nats-like-headers.js";

let otel: InMemoryOtel;
beforeAll(() => {
  otel = installInMemoryOtel();
});
afterEach(() => {
  otel.reset();
  resetQueueSpans();
  delete process.env.SKEIN_PARENT_CONSUMER_SPANS;
});

/** Ends a real producer-side span and returns its context with headers carrying it (+ baggage). */
function published(): { producer: SpanContext; headers: Record<string, unknown> } {
  const span = trace.getTracer("producer-test").startSpan("publish");
  const ctx = propagation.setBaggage(trace.setSpan(context.active(), span), propagation.createBaggage({ tenant: { value: "acme" } }));
  const headers = inject({}, ctx);
  span.end();
  return { producer: span.spanContext(), headers };
}

function expectLinkedTo(span: ReadableSpan, producer: SpanContext): void {
  expect(span.links.map((l) => [l.context.traceId, l.context.spanId])).toEqual([[producer.traceId, producer.spanId]]);
}

describe("withConsumerSpan", () => {
  it("by default starts a new trace linked to the producer span, with messaging attributes", async () => {
    const { producer, headers } = published();
    const message = { headers, destination: "orders", system: "nats", messageId: "m-1", bodySize: 42 };
    await withConsumerSpan(message, () => undefined);
    const span = otel.span("process orders");
    expect(span.kind).toBe(SpanKind.CONSUMER);
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.spanContext().traceId).not.toBe(producer.traceId);
    expectLinkedTo(span, producer);
    expect(span.attributes).toEqual({
      "messaging.system": "nats",
      "messaging.destination.name": "orders",
      "messaging.operation.type": "process",
      "messaging.operation.name": "process",
      "messaging.message.id": "m-1",
      "messaging.message.body.size": 42,
    });
    expect(span.instrumentationScope.name).toBe("@skein/node");
  });

  it("stays a new root even when the caller has an active span, unless parenting is asked for", async () => {
    const { producer, headers } = published();
    const poll = trace.getTracer("t").startSpan("poll");
    await context.with(trace.setSpan(context.active(), poll), () => withConsumerSpan({ headers, destination: "orders" }, () => 1));
    poll.end();
    const span = otel.span("process orders");
    expect(span.parentSpanContext).toBeUndefined();
    expectLinkedTo(span, producer);
  });

  it("with parent: true is the producer span's child and still links to it", async () => {
    const { producer, headers } = published();
    await withConsumerSpan({ headers, destination: "orders" }, () => undefined, { parent: true });
    const span = otel.span("process orders");
    expect(span.spanContext().traceId).toBe(producer.traceId);
    expect(span.parentSpanContext?.spanId).toBe(producer.spanId);
    expectLinkedTo(span, producer);
  });

  it("parents by default after configureQueueSpans({ parentConsumerSpans: true }); the option overrides it", async () => {
    const { producer, headers } = published();
    configureQueueSpans({ parentConsumerSpans: true });
    await withConsumerSpan({ headers, destination: "a" }, () => undefined);
    await withConsumerSpan({ headers, destination: "b" }, () => undefined, { parent: false });
    expect(otel.span("process a").parentSpanContext?.spanId).toBe(producer.spanId);
    expect(otel.span("process b").parentSpanContext).toBeUndefined();
  });

  it("parents by default when SKEIN_PARENT_CONSUMER_SPANS=1", async () => {
    const { producer, headers } = published();
    process.env.SKEIN_PARENT_CONSUMER_SPANS = "1";
    await withConsumerSpan({ headers, destination: "orders" }, () => undefined);
    expect(otel.span("process orders").parentSpanContext?.spanId).toBe(producer.spanId);
  });

  it("links from Buffer-valued (Kafka) and NATS headers", async () => {
    const { producer, headers } = published();
    const kafka = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(String(v))]));
    const nats = inject(new NatsLikeHeaders(), trace.setSpanContext(context.active(), producer));
    await withConsumerSpan({ headers: kafka, destination: "kafka" }, () => undefined);
    await withConsumerSpan({ headers: nats, destination: "nats" }, () => undefined);
    expectLinkedTo(otel.span("process kafka"), producer);
    expectLinkedTo(otel.span("process nats"), producer);
  });

  it("without trace headers: no link, a root span named after the operation alone", async () => {
    await withConsumerSpan({}, () => undefined, { parent: true });
    const span = otel.span("process");
    expect(span.links).toEqual([]);
    expect(span.parentSpanContext).toBeUndefined();
  });

  it("without trace headers, never links to the active span; parents by it only with parent: true", async () => {
    const poll = trace.getTracer("t").startSpan("GET /poll");
    await context.with(trace.setSpan(context.active(), poll), async () => {
      await withConsumerSpan({ headers: {}, destination: "linked" }, () => undefined);
      await withConsumerSpan({ headers: {}, destination: "parented" }, () => undefined, { parent: true });
    });
    poll.end();
    const root = otel.span("process linked");
    expect(root.links).toEqual([]);
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.spanContext().traceId).not.toBe(poll.spanContext().traceId);
    const child = otel.span("process parented");
    expect(child.links).toEqual([]);
    expect(child.parentSpanContext?.spanId).toBe(poll.spanContext().spanId);
  });

  it("with trace headers and an active span, links and parents by the producer, not the active span", async () => {
    const { producer, headers } = published();
    const poll = trace.getTracer("t").startSpan("GET /poll");
    await context.with(trace.setSpan(context.active(), poll), () => withConsumerSpan({ headers, destination: "orders" }, () => undefined, { parent: true }));
    poll.end();
    const span = otel.span("process orders");
    expectLinkedTo(span, producer);
    expect(span.parentSpanContext?.spanId).toBe(producer.spanId);
  });

  it("runs fn with the span active across awaits, with the message's baggage, and resolves its value", async () => {
    const { headers } = published();
    const seen = await withConsumerSpan({ headers, destination: "orders" }, async (span) => {
      await new Promise((r) => setTimeout(r, 5));
      return {
        activeIsSpan: trace.getActiveSpan() === span,
        tenant: propagation.getBaggage(context.active())?.getEntry("tenant")?.value,
        recording: span.isRecording(),
      };
    });
    expect(seen).toEqual({ activeIsSpan: true, tenant: "acme", recording: true });
    expect(otel.span("process orders").ended).toBe(true);
  });

  it("name, attributes and tracer options override the defaults", async () => {
    await withConsumerSpan({ destination: "orders" }, () => undefined, {
      name: "handle order",
      attributes: { "messaging.operation.name": "ack", "app.kind": "x" },
      tracer: trace.getTracer("custom-scope"),
    });
    const span = otel.span("handle order");
    expect(span.attributes).toMatchObject({ "messaging.operation.name": "ack", "app.kind": "x" });
    expect(span.instrumentationScope.name).toBe("custom-scope");
  });

  it("marks the span ERROR, records the exception and rethrows when fn throws", async () => {
    const failure = new TypeError("bad payload");
    await expect(withConsumerSpan({ destination: "sync" }, () => { throw failure; })).rejects.toBe(failure);
    const span = otel.span("process sync");
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "bad payload" });
    expect(span.attributes["error.type"]).toBe("TypeError");
    expect(span.events.map((e) => [e.name, e.attributes?.["exception.message"]])).toEqual([["exception", "bad payload"]]);
  });

  it("marks the span ERROR when fn rejects, and ends it after the rejection", async () => {
    let endedBeforeSettle = true;
    const run = withConsumerSpan({ destination: "async" }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      endedBeforeSettle = otel.spans().length > 0;
      throw "timeout";
    });
    await expect(run).rejects.toBe("timeout");
    expect(endedBeforeSettle).toBe(false);
    const span = otel.span("process async");
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "timeout" });
    expect(span.attributes["error.type"]).toBe("_OTHER");
  });
});
