import { ROOT_CONTEXT, SpanKind, trace, type HrTime, type Span, type Tracer } from "@opentelemetry/api";
import { apiCriticalPathResponseSchema, apiEndpointCriticalPathResponseSchema, apiTraceCompareResponseSchema } from "@skein/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "../support/api-client.js";
import { createTracingPipeline, type TracingPipeline } from "../support/otel-clients.js";
import { SkeinProcess } from "../support/skein-process.js";

// Two known trace trees sent by the real OpenTelemetry SDK (OTLP/HTTP protobuf, three services)
// to a real `skein start`; the critical path, the comparison and the endpoint breakdown are exact.

const MS = 1_000_000n;
/** Trace start: two minutes ago, with a sub-millisecond part so ns precision is exercised. */
const T0 = (BigInt(Date.now()) - 120_000n) * MS + 123_457n;
const hr = (ns: bigint): HrTime => [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
const ns = (ms: number) => (T0 + BigInt(ms) * MS).toString();

let skein: SkeinProcess;
let pipelines: Record<"frontend" | "payment" | "mailer", TracingPipeline>;
/** Span ids by name, per trace. */
const ids: { a: Record<string, string>; b: Record<string, string>; traceA: string; traceB: string } = { a: {}, b: {}, traceA: "", traceB: "" };

/**
 * frontend GET /checkout [0, 100] → cart.get [10, 30], payment charge [40, charge end] (→ fraud
 * [50, 60] in a; → audit [45, 55] in b), order.publish [92, 95] → mailer order.process [96, 300]
 * (an async consumer that starts after its producer ended and outlives the root). Times in ms.
 */
function sendCheckout(variant: "a" | "b"): void {
  const names = ids[variant];
  const tracers = { frontend: pipelines.frontend.tracer("e2e"), payment: pipelines.payment.tracer("e2e"), mailer: pipelines.mailer.tracer("e2e") };
  const span = (tracer: Tracer, name: string, kind: SpanKind, parent: Span | null, startMs: number, endMs: number): Span => {
    const ctx = parent === null ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, parent);
    const s = tracer.startSpan(name, { kind, startTime: hr(T0 + BigInt(startMs) * MS), root: parent === null }, ctx);
    s.end(hr(T0 + BigInt(endMs) * MS));
    names[name] = s.spanContext().spanId;
    return s;
  };
  const root = span(tracers.frontend, "GET /checkout", SpanKind.SERVER, null, 0, 100);
  span(tracers.frontend, "cart.get", SpanKind.CLIENT, root, 10, 30);
  const charge = span(tracers.payment, "charge", SpanKind.SERVER, root, 40, variant === "a" ? 90 : 70);
  if (variant === "a") span(tracers.payment, "fraud", SpanKind.INTERNAL, charge, 50, 60);
  else span(tracers.payment, "audit", SpanKind.INTERNAL, charge, 45, 55);
  const publish = span(tracers.frontend, "order.publish", SpanKind.PRODUCER, root, 92, 95);
  span(tracers.mailer, "order.process", SpanKind.CONSUMER, publish, 96, 300);
  if (variant === "a") ids.traceA = root.spanContext().traceId;
  else ids.traceB = root.spanContext().traceId;
}

beforeAll(async () => {
  skein = await SkeinProcess.start();
  pipelines = {
    frontend: createTracingPipeline("http/protobuf", skein.endpoints, { "service.name": "frontend" }),
    payment: createTracingPipeline("http/protobuf", skein.endpoints, { "service.name": "payment" }),
    mailer: createTracingPipeline("http/protobuf", skein.endpoints, { "service.name": "mailer" }),
  };
  sendCheckout("a");
  sendCheckout("b");
  // Acknowledged exports are committed (ack after commit): queryable from here on.
  for (const pipeline of Object.values(pipelines)) await pipeline.flush();
});
afterAll(async () => {
  for (const pipeline of Object.values(pipelines ?? {})) await pipeline.shutdown();
  await skein?.cleanup();
});

const api = (path: string) => getJson(`${skein.endpoints.apiUrl}/api/v1${path}`);

describe("critical path and comparison over a real server", () => {
  it("GET /traces/{id}/critical-path answers the exact segments", async () => {
    const res = await api(`/traces/${ids.traceA}/critical-path`);
    expect(res.status, res.text).toBe(200);
    const a = ids.a;
    const seg = (name: string, from: number, to: number) => ({ spanId: a[name], startTimeUnixNano: ns(from), endTimeUnixNano: ns(to) });
    expect(apiCriticalPathResponseSchema.parse(res.body)).toEqual({
      traceId: ids.traceA,
      segments: [
        seg("GET /checkout", 0, 10),
        seg("cart.get", 10, 30),
        seg("GET /checkout", 30, 40),
        seg("charge", 40, 50),
        seg("fraud", 50, 60),
        seg("charge", 60, 90),
        seg("GET /checkout", 90, 92),
        seg("order.publish", 92, 95),
        seg("GET /checkout", 95, 100),
      ],
    });
  });

  it("GET /traces/compare aligns the two trees", async () => {
    const res = await api(`/traces/compare?a=${ids.traceA}&b=${ids.traceB}`);
    expect(res.status, res.text).toBe(200);
    const answer = apiTraceCompareResponseSchema.parse(res.body);
    expect(answer.a).toEqual({ traceId: ids.traceA, durationNano: String(300n * MS), spanCount: 6 });
    expect(answer.b).toEqual({ traceId: ids.traceB, durationNano: String(300n * MS), spanCount: 6 });
    const R = "frontend/GET /checkout#0";
    const { a, b } = ids;
    expect(answer.entries.map((e) => [e.path, e.depth, e.status, e.aSpanId, e.bSpanId, e.deltaNano])).toEqual([
      [R, 0, "unchanged", a["GET /checkout"], b["GET /checkout"], "0"],
      [`${R} > frontend/cart.get#0`, 1, "unchanged", a["cart.get"], b["cart.get"], "0"],
      [`${R} > payment/charge#0`, 1, "faster", a["charge"], b["charge"], String(-20n * MS)],
      [`${R} > payment/charge#0 > payment/fraud#0`, 2, "missing", a["fraud"], null, null],
      [`${R} > payment/charge#0 > payment/audit#0`, 2, "added", null, b["audit"], null],
      [`${R} > frontend/order.publish#0`, 1, "unchanged", a["order.publish"], b["order.publish"], "0"],
      [`${R} > frontend/order.publish#0 > mailer/order.process#0`, 2, "unchanged", a["order.process"], b["order.process"], "0"],
    ]);
  });

  it("GET /endpoints/critical-path breaks the endpoint down by operation", async () => {
    const res = await api(`/endpoints/critical-path?service=frontend&operation=${encodeURIComponent("GET /checkout")}`);
    expect(res.status, res.text).toBe(200);
    // Both requests last 100 ms (typical and slow at once); over 200 ms: frontend self 27 + 47,
    // charge 40 + 20, cart 20 + 20, fraud 10, audit 10, publish 3 + 3.
    const op = (service: string, operation: string, share: number) => ({ service, operation, p50Share: share, p95Share: share, p50TimeNano: share * 200 * 1e6 / 2, p95TimeNano: share * 200 * 1e6 / 2 });
    const answer = apiEndpointCriticalPathResponseSchema.parse(res.body);
    expect(answer).toMatchObject({ sampledRequests: 2, p50DurationNano: 100_000_000, p95DurationNano: 100_000_000 });
    expect(answer.operations.map((o) => [o.service, o.operation, o.p50Share, o.p95Share, o.p95TimeNano])).toEqual(
      [
        op("frontend", "GET /checkout", 0.37),
        op("payment", "charge", 0.3),
        op("frontend", "cart.get", 0.2),
        op("payment", "audit", 0.05),
        op("payment", "fraud", 0.05),
        op("frontend", "order.publish", 0.03),
      ].map((o) => [o.service, o.operation, o.p50Share, o.p95Share, expect.closeTo(o.p95TimeNano, 3)]),
    );
  });

  it("answers coded errors for bad and unknown ids", async () => {
    expect((await api("/traces/xyz/critical-path")).status).toBe(400);
    expect((await api(`/traces/${"1".repeat(32)}/critical-path`)).status).toBe(404);
    const missing = await api(`/traces/compare?a=${ids.traceA}&b=${"2".repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("b: ");
  });
});
