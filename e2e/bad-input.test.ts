import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, post, randomHex, type ApiError, type JsonResponse } from "./support/api-client.js";
import {
  decodeExportResponse,
  decodeRpcStatus,
  logsRequestJson,
  makeRawTrace,
  nowNs,
  traceRequestJson,
  traceRequestProto,
  type RawSpan,
} from "./support/otlp-payloads.js";
import { callExport, createRawGrpcClient, GRPC_METHODS, grpc } from "./support/raw-grpc.js";
import { SkeinProcess } from "./support/skein-process.js";

// Hostile and broken input against one real server started with a 1 MiB request limit and one
// CORS origin. A trace stored before all of it must read back byte-identical afterwards.

const LIMIT = 1024 * 1024;
const JSON_TYPE = { "content-type": "application/json" };
const PROTO_TYPE = { "content-type": "application/x-protobuf" };

let skein: SkeinProcess;
let tracesUrl: string;
let logsUrl: string;
let api: string;
const baseline = makeRawTrace(5, nowNs(-60_000), "baseline");
let baselineOtlp: string;
let baselineNative: string;
const logMarker = `pct-${randomHex(3)}`;

beforeAll(async () => {
  skein = await SkeinProcess.start({ args: ["--max-request-bytes", String(LIMIT), "--cors-origins", "http://example.test"] });
  tracesUrl = `${skein.endpoints.otlpHttpUrl}/v1/traces`;
  logsUrl = `${skein.endpoints.otlpHttpUrl}/v1/logs`;
  api = skein.endpoints.apiUrl;
  const res = await post(tracesUrl, JSON.stringify(traceRequestJson("baseline-svc", baseline.spans)), JSON_TYPE);
  expect(res.status, res.text).toBe(200);
  const logs = await post(
    logsUrl,
    JSON.stringify(
      logsRequestJson("baseline-svc", [
        { timeUnixNano: nowNs(-30_000), severityNumber: 9, body: `100% done ${logMarker}` },
        { timeUnixNano: nowNs(-29_000), severityNumber: 9, body: `plain ${logMarker}` },
      ]),
    ),
    JSON_TYPE,
  );
  expect(logs.status, logs.text).toBe(200);
  const otlp = await getJson(`${api}/api/v1/traces/${baseline.traceId}?format=otlp`);
  expect(otlp.status, otlp.text).toBe(200);
  baselineOtlp = otlp.text;
  baselineNative = (await getJson(`${api}/api/v1/traces/${baseline.traceId}`)).text;
});
afterAll(async () => {
  await skein?.cleanup();
});

/** The message of an OTLP error body: google.rpc.Status as protobuf or JSON. */
function otlpErrorMessage(res: JsonResponse): string {
  if ((res.headers.get("content-type") ?? "").includes("protobuf")) return decodeRpcStatus(res.bytes).message;
  const body = res.body as { message?: string; error?: { message?: string } } | undefined;
  return body?.message ?? body?.error?.message ?? res.text;
}

function expectOtlpError(res: JsonResponse, status: number, mentions: RegExp): void {
  expect(res.status, res.text).toBe(status);
  expect(otlpErrorMessage(res)).toMatch(mentions);
}

function goodSpans(count: number): { traceId: string; spans: RawSpan[] } {
  return makeRawTrace(count, nowNs(-10_000), "good");
}

describe("OTLP/HTTP refuses broken requests with the status the spec names", () => {
  it("malformed protobuf → 400 saying what was wrong", async () => {
    const truncated = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]);
    expectOtlpError(await post(tracesUrl, truncated, PROTO_TYPE), 400, /\w{4,}/);
    expectOtlpError(await post(logsUrl, truncated, PROTO_TYPE), 400, /\w{4,}/);
    const wrongWireType = new Uint8Array([0x0d, 0x01, 0x02, 0x03, 0x04]); // field 1 as fixed32
    expectOtlpError(await post(tracesUrl, wrongWireType, PROTO_TYPE), 400, /\w{4,}/);
  });

  it("malformed JSON → 400 mentioning JSON", async () => {
    expectOtlpError(await post(tracesUrl, '{"resourceSpans": [', JSON_TYPE), 400, /json/i);
    expectOtlpError(await post(logsUrl, "not json at all", JSON_TYPE), 400, /json/i);
  });

  it("JSON of the wrong shape → 400 naming the field", async () => {
    expectOtlpError(await post(tracesUrl, '{"resourceSpans": {"not": "a list"}}', JSON_TYPE), 400, /resourceSpans/);
    expectOtlpError(await post(logsUrl, '{"resourceLogs": "nope"}', JSON_TYPE), 400, /resourceLogs/);
    const badTime = traceRequestJson("shape-svc", goodSpans(1).spans) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
    badTime.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.startTimeUnixNano = "yesterday";
    expectOtlpError(await post(tracesUrl, JSON.stringify(badTime), JSON_TYPE), 400, /startTimeUnixNano/);
  });

  it("a body over --max-request-bytes → 413", async () => {
    const big = goodSpans(1);
    big.spans[0]!.attributes = { filler: "x".repeat(LIMIT + 100_000) };
    const res = await post(tracesUrl, JSON.stringify(traceRequestJson("big-svc", big.spans)), JSON_TYPE);
    expect(res.status, res.text.slice(0, 300)).toBe(413);
    expect((await getJson(`${api}/api/v1/traces/${big.traceId}`)).status).toBe(404);
  });

  it("a gzip bomb (small body inflating past the limit) → 413, while honest gzip is accepted", async () => {
    const bomb = goodSpans(1);
    bomb.spans[0]!.attributes = { filler: " ".repeat(16 * LIMIT) };
    const compressed = gzipSync(JSON.stringify(traceRequestJson("bomb-svc", bomb.spans)));
    expect(compressed.length).toBeLessThan(LIMIT / 8);
    const res = await post(tracesUrl, compressed, { ...JSON_TYPE, "content-encoding": "gzip" });
    expect(res.status, res.text.slice(0, 300)).toBe(413);

    const honest = goodSpans(2);
    const ok = await post(tracesUrl, gzipSync(JSON.stringify(traceRequestJson("gzip-svc", honest.spans))), { ...JSON_TYPE, "content-encoding": "gzip" });
    expect(ok.status, ok.text).toBe(200);
    const stored = await getJson<{ spans: unknown[] }>(`${api}/api/v1/traces/${honest.traceId}`);
    expect(stored.body.spans).toHaveLength(2);
  });

  it("a corrupt gzip body → 400", async () => {
    const res = await post(tracesUrl, new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef]), { ...JSON_TYPE, "content-encoding": "gzip" });
    expect(res.status, res.text).toBe(400);
  });

  it("an unknown content type → 415", async () => {
    const body = JSON.stringify(traceRequestJson("ct-svc", goodSpans(1).spans));
    expect((await post(tracesUrl, body, { "content-type": "text/plain" })).status).toBe(415);
    expect((await post(logsUrl, body, { "content-type": "application/xml" })).status).toBe(415);
  });

  it("spans with all-zero or wrong-length ids are rejected one by one (JSON): 200 partial success", async () => {
    const good = goodSpans(2);
    const bad: RawSpan[] = [
      { ...good.spans[0]!, traceId: "0".repeat(32), spanId: randomHex(8), parentSpanId: undefined },
      { ...good.spans[0]!, spanId: "abcd1234", parentSpanId: undefined },
      { ...good.spans[0]!, spanId: "0".repeat(16), parentSpanId: undefined },
    ];
    const res = await post(tracesUrl, JSON.stringify(traceRequestJson("ids-svc", [good.spans[0]!, ...bad, good.spans[1]!])), JSON_TYPE);
    expect(res.status, res.text).toBe(200);
    const partial = (res.body as { partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string } }).partialSuccess;
    expect(Number(partial?.rejectedSpans), res.text).toBe(3);
    expect(partial?.errorMessage ?? "", res.text).toMatch(/id/i);
    const stored = await getJson<{ spans: { spanId: string }[] }>(`${api}/api/v1/traces/${good.traceId}`);
    expect(stored.status, stored.text).toBe(200);
    expect(stored.body.spans.map((s) => s.spanId).sort()).toEqual(good.spans.map((s) => s.spanId).sort());
  });

  it("spans with bad ids are rejected one by one (protobuf): 200 partial success", async () => {
    const good = goodSpans(2);
    const bad: RawSpan = { ...good.spans[1]!, traceId: "ab".repeat(15), spanId: randomHex(8) };
    const res = await post(tracesUrl, traceRequestProto("ids-proto-svc", [good.spans[0]!, bad, good.spans[1]!]), PROTO_TYPE);
    expect(res.status, res.text).toBe(200);
    const partial = decodeExportResponse(res.bytes);
    expect(partial.rejected).toBe(1n);
    expect(partial.errorMessage).toMatch(/id/i);
    const stored = await getJson<{ spans: unknown[] }>(`${api}/api/v1/traces/${good.traceId}`);
    expect(stored.body.spans).toHaveLength(2);
  });

  it("bad requests running alongside good ones do not disturb them", async () => {
    const goods = Array.from({ length: 8 }, () => goodSpans(3));
    const results = await Promise.all([
      ...goods.map((g) => post(tracesUrl, JSON.stringify(traceRequestJson("mixed-svc", g.spans)), JSON_TYPE)),
      ...Array.from({ length: 8 }, (_, i) => post(tracesUrl, i % 2 ? "{{{{" : new Uint8Array([0x0a, 0xff, 0xff]), i % 2 ? JSON_TYPE : PROTO_TYPE)),
    ]);
    expect(results.map((r) => r.status)).toEqual([...Array(8).fill(200), ...Array(8).fill(400)]);
    for (const g of goods) {
      const stored = await getJson<{ spans: unknown[] }>(`${api}/api/v1/traces/${g.traceId}`);
      expect(stored.body.spans).toHaveLength(3);
    }
  });
});

describe("OTLP/gRPC refuses broken requests", () => {
  let client: grpc.Client;
  beforeAll(() => {
    client = createRawGrpcClient(skein.endpoints.otlpGrpcAddress);
  });
  afterAll(() => client?.close());

  it("malformed protobuf → INVALID_ARGUMENT with a message, for traces and logs", async () => {
    const truncated = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]);
    for (const method of [GRPC_METHODS.traces, GRPC_METHODS.logs]) {
      const outcome = await callExport(client, method, truncated);
      expect(outcome.code, `${method}: ${outcome.details}`).toBe(grpc.status.INVALID_ARGUMENT);
      expect(outcome.details).toMatch(/\w{4,}/);
    }
  });

  it("bad ids → OK with partial_success counting the rejected spans; good spans stored", async () => {
    const good = goodSpans(2);
    const bad: RawSpan = { ...good.spans[1]!, spanId: "00".repeat(8) };
    const outcome = await callExport(client, GRPC_METHODS.traces, traceRequestProto("grpc-ids-svc", [good.spans[0]!, bad, good.spans[1]!]));
    expect(outcome.code, outcome.details).toBe(grpc.status.OK);
    const partial = decodeExportResponse(outcome.response!);
    expect(partial.rejected).toBe(1n);
    expect(partial.errorMessage).toMatch(/id/i);
    const stored = await getJson<{ spans: unknown[] }>(`${api}/api/v1/traces/${good.traceId}`);
    expect(stored.body.spans).toHaveLength(2);
  });

  it("a message over --max-request-bytes → RESOURCE_EXHAUSTED", async () => {
    const big = goodSpans(1);
    big.spans[0]!.attributes = { filler: "x".repeat(LIMIT + 100_000) };
    const outcome = await callExport(client, GRPC_METHODS.traces, traceRequestProto("grpc-big-svc", big.spans));
    expect(outcome.code, outcome.details).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });
});

describe("the query API treats hostile query strings as data or refuses them with a coded 400", () => {
  const validTrace = () => baseline.traceId;
  const refused: [string, () => string][] = [
    ["trace id not hex", () => "/api/v1/traces/not-hex"],
    ["trace id 32 non-hex chars", () => `/api/v1/traces/${"z".repeat(32)}`],
    // Shorter hex ids are left-padded (Jaeger/Zipkin 64-bit ids, model ids.ts); longer are refused.
    ["trace id of 33 hex chars", () => `/api/v1/traces/${"a".repeat(33)}`],
    ["trace id of 64 hex chars", () => `/api/v1/traces/${"ab".repeat(32)}`],
    ["trace id all zero", () => `/api/v1/traces/${"0".repeat(32)}`],
    ["trace id SQL", () => `/api/v1/traces/${encodeURIComponent("' OR 1=1 --")}`],
    ["trace id huge", () => `/api/v1/traces/${"a".repeat(5000)}`],
    ["unknown format", () => `/api/v1/traces/${validTrace()}?format=xml`],
    ["unknown parameter on trace", () => `/api/v1/traces/${validTrace()}?foo=bar`],
    ["limit huge", () => "/api/v1/traces?limit=99999999999999999999999"],
    ["limit negative", () => "/api/v1/traces?limit=-1"],
    ["limit not a number", () => "/api/v1/traces?limit=ten"],
    ["duration SQL", () => `/api/v1/traces?minDuration=${encodeURIComponent("1; DROP TABLE spans")}`],
    ["duration huge", () => "/api/v1/traces?minDuration=99999999999999999999999h"],
    ["duration unit unknown", () => "/api/v1/traces?maxDuration=5parsecs"],
    ["start not a time", () => "/api/v1/traces?start=yesterday"],
    ["start huge number", () => "/api/v1/traces?start=99999999999999999999999"],
    ["end impossible date", () => "/api/v1/traces?end=2026-13-45T00:00:00Z"],
    ["status unknown", () => "/api/v1/traces?status=broken"],
    ["attributes invalid JSON", () => `/api/v1/traces?attributes=${encodeURIComponent("{not json")}`],
    ["attributes a list", () => `/api/v1/traces?attributes=${encodeURIComponent("[1,2]")}`],
    ["attributes a string", () => `/api/v1/traces?attributes=${encodeURIComponent('"x"')}`],
    ["unknown parameter on search", () => "/api/v1/traces?foo=bar"],
    ["unknown parameter on services", () => "/api/v1/services?x=1"],
    ["unknown parameter on operations", () => "/api/v1/services/baseline-svc/operations?x=1"],
    ["log traceId not hex", () => "/api/v1/logs?traceId=xyz"],
    ["log traceId SQL", () => `/api/v1/logs?traceId=${encodeURIComponent("' OR 1=1 --")}`],
    ["log spanId too short", () => "/api/v1/logs?spanId=0011"],
    ["minSeverity too high", () => "/api/v1/logs?minSeverity=99"],
    ["minSeverity zero", () => "/api/v1/logs?minSeverity=0"],
    ["minSeverity unknown name", () => "/api/v1/logs?minSeverity=LOUD"],
    ["log limit not a number", () => "/api/v1/logs?limit=abc"],
    ["log limit huge", () => "/api/v1/logs?limit=100000000000000000000"],
    ["log start not a time", () => "/api/v1/logs?start=not-a-time"],
    ["unknown parameter on logs", () => "/api/v1/logs?bogus=1"],
  ];

  it.each(refused)("%s → 400 with a SKEIN_ERR code and a message", async (_name, path) => {
    const res = await getJson<ApiError>(`${api}${path()}`);
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.body.error.code).toMatch(/^SKEIN_ERR_[A-Z_]+$/);
    expect(res.body.error.message.length).toBeGreaterThan(5);
  });

  const asData: [string, () => string, string, unknown][] = [
    ["service SQL", () => `/api/v1/traces?service=${encodeURIComponent("' OR '1'='1")}`, "traces", []],
    ["service with quotes and DROP", () => `/api/v1/traces?service=${encodeURIComponent('x"; DROP TABLE spans; --')}`, "traces", []],
    ["operation with LIKE wildcards", () => `/api/v1/traces?operation=${encodeURIComponent("%' OR 1=1 --")}`, "traces", []],
    ["attribute key and value SQL", () => `/api/v1/traces?attributes=${encodeURIComponent(JSON.stringify({ "' OR 1=1 --": "x') OR ('1'='1" }))}`, "traces", []],
    ["operations of an SQL service", () => `/api/v1/services/${encodeURIComponent("' OR 1=1 --")}/operations`, "operations", []],
    ["log q SQL", () => `/api/v1/logs?q=${encodeURIComponent("%' OR '1'='1")}`, "logs", []],
    ["log service SQL", () => `/api/v1/logs?service=${encodeURIComponent("baseline-svc' OR '1'='1")}`, "logs", []],
    ["log q underscore is literal", () => `/api/v1/logs?q=${encodeURIComponent(`_${logMarker}`)}`, "logs", []],
  ];

  it.each(asData)("%s → 200 with no match (the string is data)", async (_name, path, field, expected) => {
    const res = await getJson<Record<string, unknown>>(`${api}${path()}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body[field]).toEqual(expected);
  });

  it("q with % matches a literal percent sign only", async () => {
    const res = await getJson<{ logs: { body: string }[] }>(`${api}/api/v1/logs?q=${encodeURIComponent(`% done ${logMarker}`)}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.logs.map((l) => l.body)).toEqual([`100% done ${logMarker}`]);
    const percent = await getJson<{ logs: { body: string }[] }>(`${api}/api/v1/logs?q=%25&service=baseline-svc`);
    expect(percent.body.logs.map((l) => l.body)).toEqual([`100% done ${logMarker}`]);
  });
});

describe("CORS on OTLP/HTTP follows --cors-origins", () => {
  const preflight = (origin: string) =>
    fetch(tracesUrl, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });

  it("the allowed origin gets Access-Control-Allow-Origin on preflight and on POST", async () => {
    const res = await preflight("http://example.test");
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://example.test");
    const postRes = await fetch(tracesUrl, {
      method: "POST",
      headers: { ...JSON_TYPE, origin: "http://example.test" },
      body: JSON.stringify(traceRequestJson("cors-svc", goodSpans(1).spans)),
    });
    expect(postRes.status).toBe(200);
    expect(postRes.headers.get("access-control-allow-origin")).toBe("http://example.test");
  });

  it("another origin gets no Access-Control-Allow-Origin", async () => {
    const res = await preflight("http://evil.test");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("after all of the above", () => {
  it("the server is alive and the trace stored first reads back byte-identical", async () => {
    expect(skein.hasExited, skein.describe()).toBe(false);
    const health = await getJson(`${api}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok" });
    expect((await getJson(`${api}/api/v1/traces/${baseline.traceId}?format=otlp`)).text).toBe(baselineOtlp);
    expect((await getJson(`${api}/api/v1/traces/${baseline.traceId}`)).text).toBe(baselineNative);
    const fresh = goodSpans(2);
    expect((await post(tracesUrl, JSON.stringify(traceRequestJson("after-svc", fresh.spans)), JSON_TYPE)).status).toBe(200);
  });
});
