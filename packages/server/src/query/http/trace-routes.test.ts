import { SpanKind, StatusCode, apiTraceResponseSchema, bytesToHex, decodeOtlpTracesJson } from "@skein/model";
import { BASE_TIME_NANO, attrs, makeResource, makeScope, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryTestApp } from "./testdata/query-test-app.js";
import { MS, errorCodeOf, startQueryTestApp } from "./testdata/query-test-app.js";

const TRACE = traceIdOf(7);
const TRACE_HEX = bytesToHex(TRACE);
const frontend = makeResource(attrs({ "service.name": "frontend", "host.name": "web-1" }));

const root = makeSpan({
  traceId: TRACE,
  spanId: spanIdOf(100),
  name: "GET /checkout",
  resource: frontend,
  scope: makeScope({ name: "@opentelemetry/instrumentation-http", version: "0.50.0" }),
  traceState: "vendor=1",
  startTimeUnixNano: BASE_TIME_NANO,
  endTimeUnixNano: BASE_TIME_NANO + 5n * MS,
  status: { code: StatusCode.OK, message: "fine" },
  attributes: attrs({
    "http.request.method": "GET",
    big: 1_152_921_504_606_846_977n, // 2^60 + 1: not exact as a JSON number
    small: 200n,
    ratio: 0.5,
    flag: true,
    raw: new Uint8Array([1, 2, 3]),
    list: ["a", 1n],
    map: attrs({ inner: "x" }),
    nothing: null,
  }),
  events: [{ timeUnixNano: BASE_TIME_NANO + 1n, name: "exception", attributes: attrs({ "exception.type": "Boom" }), droppedAttributesCount: 0 }],
  links: [{ traceId: traceIdOf(8), spanId: spanIdOf(9), traceState: "", attributes: attrs({ why: "retry" }), droppedAttributesCount: 0, flags: 0 }],
});
// Two children with the same start: ordered by span id.
const childB = makeSpan({
  traceId: TRACE,
  spanId: spanIdOf(300),
  parentSpanId: spanIdOf(100),
  name: "charge",
  kind: SpanKind.CLIENT,
  service: "payment",
  scope: makeScope({ name: "pay", version: "" }),
  startTimeUnixNano: BASE_TIME_NANO + MS,
  endTimeUnixNano: BASE_TIME_NANO + MS - 5n, // ends before it starts: duration 0
  status: { code: StatusCode.ERROR, message: "card declined" },
});
const childA = makeSpan({ traceId: TRACE, spanId: spanIdOf(200), parentSpanId: spanIdOf(100), name: "db", kind: SpanKind.INTERNAL, startTimeUnixNano: BASE_TIME_NANO + MS });

let t: QueryTestApp;
beforeAll(async () => {
  t = await startQueryTestApp({ spans: [childB, root, childA] });
});
afterAll(() => t.close());

describe("GET /api/v1/traces/{traceId}", () => {
  it("returns every span in the exact DESIGN §7 shape", async () => {
    const { status, body } = await t.get(`/api/v1/traces/${TRACE_HEX}`);
    expect(status).toBe(200);
    apiTraceResponseSchema.parse(body);
    const trace = body as { traceId: string; spans: unknown[] };
    expect(trace.traceId).toBe(TRACE_HEX);
    expect(trace.spans[0]).toEqual({
      traceId: TRACE_HEX,
      spanId: bytesToHex(spanIdOf(100)),
      parentSpanId: null,
      traceState: "vendor=1",
      name: "GET /checkout",
      kind: "server",
      service: "frontend",
      startTimeUnixNano: "1700000000123456789",
      endTimeUnixNano: "1700000000128456789",
      durationNano: "5000000",
      status: { code: "ok", message: "fine" },
      attributes: {
        "http.request.method": "GET",
        big: "1152921504606846977",
        small: 200,
        ratio: 0.5,
        flag: true,
        raw: "AQID",
        list: ["a", 1],
        map: { inner: "x" },
        nothing: null,
      },
      resource: { "service.name": "frontend", "host.name": "web-1" },
      scope: { name: "@opentelemetry/instrumentation-http", version: "0.50.0" },
      events: [{ timeUnixNano: "1700000000123456790", name: "exception", attributes: { "exception.type": "Boom" } }],
      links: [{ traceId: bytesToHex(traceIdOf(8)), spanId: bytesToHex(spanIdOf(9)), attributes: { why: "retry" } }],
    });
  });

  it("orders spans by start time, then span id, and omits empty optional fields", async () => {
    const { body } = await t.get(`/api/v1/traces/${TRACE_HEX}`);
    const spans = (body as { spans: Record<string, unknown>[] }).spans;
    expect(spans.map((s) => s.name)).toEqual(["GET /checkout", "db", "charge"]);
    expect(spans[2]).toMatchObject({
      parentSpanId: bytesToHex(spanIdOf(100)),
      kind: "client",
      service: "payment",
      durationNano: "0",
      status: { code: "error", message: "card declined" },
      scope: { name: "pay" },
    });
    expect(spans[2]).not.toHaveProperty("traceState");
    expect(spans[2]!.scope).not.toHaveProperty("version");
    expect(spans[1]!.status).toEqual({ code: "unset" });
  });

  it("accepts upper-case hex and left-pads a short (64-bit) id", async () => {
    expect((await t.get(`/api/v1/traces/${TRACE_HEX.toUpperCase()}`)).status).toBe(200);
    const short = makeSpan({ traceId: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]) });
    await t.storage.traces.writer.writeSpans({ spans: [short] });
    const { status, body } = await t.get("/api/v1/traces/102030405060708");
    expect(status).toBe(200);
    expect((body as { traceId: string }).traceId).toBe("00000000000000000102030405060708");
  });

  it("answers 404 with a coded error for an unknown trace", async () => {
    const { status, body } = await t.get(`/api/v1/traces/${bytesToHex(traceIdOf(999))}`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: "SKEIN_ERR_TRACE_NOT_FOUND", message: expect.stringContaining(bytesToHex(traceIdOf(999))) } });
  });

  it.each([
    ["not hex", "zz" + TRACE_HEX.slice(2)],
    ["33 characters", "1" + TRACE_HEX],
    ["far too long for the router", "a".repeat(200)],
    ["all zero", "0".repeat(32)],
    ["SQL", "'%20OR%201=1--"],
  ])("answers 400 for an id that is %s", async (_what, id) => {
    const { status, body } = await t.get(`/api/v1/traces/${id}`);
    expect(status).toBe(400);
    expect(errorCodeOf(body)).toBe("SKEIN_ERR_INVALID_ID");
  });

  it("returns lossless OTLP/JSON with ?format=otlp", async () => {
    const { status, body, headers } = await t.get(`/api/v1/traces/${TRACE_HEX}?format=otlp`);
    expect(status).toBe(200);
    expect(headers["content-type"]).toMatch(/^application\/json/);
    expect(body).toHaveProperty("resourceSpans");
    const decoded = decodeOtlpTracesJson(JSON.stringify(body));
    expect(decoded.rejected).toEqual([]);
    const back = decoded.batch.spans.find((s) => s.name === "GET /checkout")!;
    expect(decoded.batch.spans).toHaveLength(3);
    expect(back.attributes.big).toBe(1_152_921_504_606_846_977n);
    expect(back.attributes.raw).toEqual(new Uint8Array([1, 2, 3]));
    expect(back.startTimeUnixNano).toBe(BASE_TIME_NANO);
  });

  it("refuses an unknown format and unknown parameters", async () => {
    const bad = await t.get(`/api/v1/traces/${TRACE_HEX}?format=xml`);
    expect(bad.status).toBe(400);
    expect(errorCodeOf(bad.body)).toBe("SKEIN_ERR_INVALID_PARAMETER");
    const unknown = await t.get(`/api/v1/traces/${TRACE_HEX}?fromat=otlp`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: { code: "SKEIN_ERR_UNKNOWN_PARAMETER", message: expect.stringContaining('"fromat"') } });
  });
});
