import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { withConsumerSpan } from "./consumer-span.js";
import { withProducerSpan } from "./producer-span.js";
import { installInMemoryOtel, type InMemoryOtel } from "./testdata/in-memory-otel.js";
import { NatsLikeHeaders } from "./testdata/nats-like-headers.js";

let otel: InMemoryOtel;
beforeAll(() => {
  otel = installInMemoryOtel();
});
afterEach(() => otel.reset());

describe("withProducerSpan", () => {
  it("starts a PRODUCER span under the active span and injects it into the headers before fn runs", async () => {
    const request = trace.getTracer("t").startSpan("POST /orders");
    const headers: Record<string, unknown> = {};
    let seenInFn: unknown;
    const result = await context.with(trace.setSpan(context.active(), request), () =>
      withProducerSpan({ destination: "orders", headers, system: "nats", messageId: "m-9", bodySize: 7 }, (span) => {
        seenInFn = { traceparent: headers.traceparent, active: trace.getActiveSpan() === span };
        return "published";
      }),
    );
    request.end();
    const span = otel.span("send orders");
    const { traceId, spanId } = span.spanContext();
    expect(result).toBe("published");
    expect(seenInFn).toEqual({ traceparent: `00-${traceId}-${spanId}-01`, active: true });
    expect(span.kind).toBe(SpanKind.PRODUCER);
    expect(span.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(span.attributes).toEqual({
      "messaging.system": "nats",
      "messaging.destination.name": "orders",
      "messaging.operation.type": "send",
      "messaging.operation.name": "send",
      "messaging.message.id": "m-9",
      "messaging.message.body.size": 7,
    });
  });

  it("hands the consumer a link to the producer span through NATS-like headers", async () => {
    const headers = new NatsLikeHeaders();
    await withProducerSpan({ destination: "orders", headers }, async () => {
      await new Promise((r) => setTimeout(r, 1));
    });
    await withConsumerSpan({ headers, destination: "orders" }, () => undefined, { parent: true });
    const producer = otel.span("send orders").spanContext();
    const consumer = otel.span("process orders");
    expect(consumer.links[0]?.context.spanId).toBe(producer.spanId);
    expect(consumer.parentSpanContext?.spanId).toBe(producer.spanId);
  });

  it("marks the span ERROR, records the exception and rethrows when publishing fails", async () => {
    const failure = new Error("no responders");
    await expect(withProducerSpan({ destination: "orders", headers: new Map() }, async () => Promise.reject(failure))).rejects.toBe(failure);
    const span = otel.span("send orders");
    expect(span.ended).toBe(true);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "no responders" });
    expect(span.events.map((e) => e.name)).toEqual(["exception"]);
  });

  it("name, attributes and tracer options override the defaults", async () => {
    await withProducerSpan({ destination: "orders", headers: {} }, () => undefined, {
      name: "publish order",
      attributes: { "messaging.operation.type": "create" },
      tracer: trace.getTracer("custom-scope"),
    });
    const span = otel.span("publish order");
    expect(span.attributes["messaging.operation.type"]).toBe("create");
    expect(span.instrumentationScope.name).toBe("custom-scope");
  });
});
