import { context, createTraceState, propagation, ROOT_CONTEXT, trace, TraceFlags, type Context } from "@opentelemetry/api";
import { beforeAll, describe, expect, it } from "vitest";
import { extract, inject, type MessageHeaders } from "./propagation.js";
import { installInMemoryOtel } from "./testdata/in-memory-otel.js";
import { NatsLikeHeaders } from "./testdata/nats-like-headers.js";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN_ID = "00f067aa0ba902b7";
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

/** A context holding a remote sampled span with tracestate, and one baggage entry. */
function producerContext(): Context {
  const withSpan = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    traceFlags: TraceFlags.SAMPLED,
    traceState: createTraceState("vendor=v1"),
  });
  return propagation.setBaggage(withSpan, propagation.createBaggage({ "order.id": { value: "o-17" } }));
}

function expectProducer(ctx: Context): void {
  expect(trace.getSpanContext(ctx)).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, isRemote: true });
  expect(trace.getSpanContext(ctx)?.traceState?.get("vendor")).toBe("v1");
  expect(propagation.getBaggage(ctx)?.getEntry("order.id")?.value).toBe("o-17");
}

describe("inject / extract through the global W3C propagators", () => {
  beforeAll(() => installInMemoryOtel());

  it("writes traceparent, tracestate and baggage into a plain object and returns it", () => {
    const headers: Record<string, unknown> = { "content-type": "application/json" };
    expect(inject(headers, producerContext())).toBe(headers);
    expect(headers).toEqual({
      "content-type": "application/json",
      traceparent: TRACEPARENT,
      tracestate: "vendor=v1",
      baggage: "order.id=o-17",
    });
  });

  it("injects the active context by default and writes nothing without a span or baggage", () => {
    const empty = inject({});
    expect(empty).toEqual({});
    const headers = {};
    context.with(producerContext(), () => inject(headers));
    expect(headers).toMatchObject({ traceparent: TRACEPARENT });
  });

  it("replaces a differently-cased stale traceparent in a plain object", () => {
    const headers: Record<string, unknown> = { TraceParent: `00-${"1".repeat(32)}-${"2".repeat(16)}-01` };
    inject(headers, producerContext());
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === "traceparent")).toEqual(["traceparent"]);
    expectProducer(extract(headers));
  });

  it("reads plain-object keys case-insensitively", () => {
    expectProducer(extract({ TraceParent: TRACEPARENT, TRACESTATE: "vendor=v1", Baggage: "order.id=o-17" }));
  });

  it("decodes Buffer values and takes the first item of arrays (Kafka / AMQP headers)", () => {
    expectProducer(
      extract({
        traceparent: Buffer.from(TRACEPARENT),
        tracestate: [Buffer.from("vendor=v1"), Buffer.from("other=x")],
        baggage: ["order.id=o-17"],
      }),
    );
  });

  const mapLikeCarriers: Array<[string, () => MessageHeaders]> = [
    ["Map", () => new Map<string, unknown>()],
    ["fetch Headers", () => new Headers()],
    ["NATS MsgHdrs-like", () => new NatsLikeHeaders()],
  ];
  for (const [label, create] of mapLikeCarriers) {
    it(`round-trips through ${label}`, () => {
      const headers = inject(create(), producerContext());
      expect((headers as { get(k: string): unknown }).get("traceparent")).toBe(TRACEPARENT);
      expectProducer(extract(headers));
    });
  }

  it("reads Buffer values from a Map and finds differently-cased keys through keys()", () => {
    const headers = new Map<string, unknown>([
      ["Traceparent", Buffer.from(TRACEPARENT)],
      ["tracestate", "vendor=v1"],
      ["baggage", [Buffer.from("order.id=o-17")]],
    ]);
    expectProducer(extract(headers));
  });

  it("treats NATS's empty answer for a missing header as absent: the active context comes back", () => {
    const ctx = extract(new NatsLikeHeaders());
    expect(trace.getSpanContext(ctx)).toBeUndefined();
  });

  it("ignores malformed and non-text values instead of throwing", () => {
    expect(trace.getSpanContext(extract({ traceparent: "00-zz-yy-01" }))).toBeUndefined();
    expect(trace.getSpanContext(extract({ traceparent: 42, tracestate: { a: 1 } }))).toBeUndefined();
    expect(trace.getSpanContext(extract({ traceparent: [] }))).toBeUndefined();
  });
});
