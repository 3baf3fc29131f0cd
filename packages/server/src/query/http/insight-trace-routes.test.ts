import {
  apiCriticalPathResponseSchema,
  apiEndpointCriticalPathResponseSchema,
  apiErrorResponseSchema,
  apiTraceCompareResponseSchema,
  apiTraceResponseSchema,
  bytesToHex,
} from "@skein/model";
import { BASE_TIME_NANO, HOSTILE_STRINGS, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryTestApp } from "./testdata/query-test-app.js";
import { MS, startQueryTestApp } from "./testdata/query-test-app.js";

const A = bytesToHex(traceIdOf(1));
const B = bytesToHex(traceIdOf(2));
const UNKNOWN = bytesToHex(traceIdOf(99));
const sid = (n: number) => bytesToHex(spanIdOf(n));
const at = (ms: bigint) => (BASE_TIME_NANO + ms * MS).toString();

/** checkout (0–100 ms) → cart (10–30 ms), payment (40–90 ms) → fraud (50–60 ms). */
function checkout(trace: number, base: number, paymentEndMs: bigint, fraud: boolean) {
  const t = traceIdOf(trace);
  const span = (n: number, parent: number | null, service: string, name: string, s: bigint, e: bigint) =>
    makeSpan({ traceId: t, spanId: spanIdOf(base + n), parentSpanId: parent === null ? null : spanIdOf(base + parent), service, name, startTimeUnixNano: BASE_TIME_NANO + s * MS, endTimeUnixNano: BASE_TIME_NANO + e * MS });
  return [
    span(1, null, "frontend", "GET /checkout", 0n, 100n),
    span(2, 1, "cart", "get", 10n, 30n),
    span(3, 1, "payment", "charge", 40n, paymentEndMs),
    ...(fraud ? [span(4, 3, "fraud", "check", 50n, 60n)] : []),
  ];
}

let t: QueryTestApp;
beforeAll(async () => {
  t = await startQueryTestApp({ spans: [...checkout(1, 0, 90n, true), ...checkout(2, 10, 70n, false)] });
});
afterAll(() => t.close());

async function expectError(url: string, status: number, code: string): Promise<string> {
  const response = await t.get(url);
  expect(response.status).toBe(status);
  const { error } = apiErrorResponseSchema.parse(response.body);
  expect(error.code).toBe(code);
  return error.message;
}

describe("GET /api/v1/traces/{traceId}/critical-path", () => {
  it("answers the exact segments", async () => {
    const { status, body } = await t.get(`/api/v1/traces/${A}/critical-path`);
    expect(status).toBe(200);
    expect(apiCriticalPathResponseSchema.parse(body)).toEqual({
      traceId: A,
      segments: [
        { spanId: sid(1), startTimeUnixNano: at(0n), endTimeUnixNano: at(10n) },
        { spanId: sid(2), startTimeUnixNano: at(10n), endTimeUnixNano: at(30n) },
        { spanId: sid(1), startTimeUnixNano: at(30n), endTimeUnixNano: at(40n) },
        { spanId: sid(3), startTimeUnixNano: at(40n), endTimeUnixNano: at(50n) },
        { spanId: sid(4), startTimeUnixNano: at(50n), endTimeUnixNano: at(60n) },
        { spanId: sid(3), startTimeUnixNano: at(60n), endTimeUnixNano: at(90n) },
        { spanId: sid(1), startTimeUnixNano: at(90n), endTimeUnixNano: at(100n) },
      ],
    });
  });

  it("accepts upper-case and short ids as the trace route does", async () => {
    const { status, body } = await t.get(`/api/v1/traces/${A.toUpperCase()}/critical-path`);
    expect(status).toBe(200);
    expect(apiCriticalPathResponseSchema.parse(body).traceId).toBe(A);
  });

  it("404 for an unknown trace, 400 for bad ids and parameters", async () => {
    expect(await expectError(`/api/v1/traces/${UNKNOWN}/critical-path`, 404, "SKEIN_ERR_TRACE_NOT_FOUND")).toContain(UNKNOWN);
    await expectError("/api/v1/traces/not-hex/critical-path", 400, "SKEIN_ERR_INVALID_ID");
    await expectError(`/api/v1/traces/${"0".repeat(32)}/critical-path`, 400, "SKEIN_ERR_INVALID_ID");
    await expectError(`/api/v1/traces/${"a".repeat(200)}/critical-path`, 400, "SKEIN_ERR_INVALID_ID");
    await expectError(`/api/v1/traces/${"a".repeat(2000)}/critical-path`, 400, "SKEIN_ERR_INVALID_ID"); // longer than the router's parameters
    await expectError("/api/v1/traces//critical-path", 400, "SKEIN_ERR_INVALID_ID");
    await expectError(`/api/v1/traces/${encodeURIComponent("'; DROP TABLE spans; --")}/critical-path`, 400, "SKEIN_ERR_INVALID_ID");
    await expectError(`/api/v1/traces/${A}/critical-path?verbose=1`, 400, "SKEIN_ERR_UNKNOWN_PARAMETER");
    await expectError(`/api/v1/traces/${A}/critical-path/more`, 404, "SKEIN_ERR_ROUTE_NOT_FOUND");
  });

  it("leaves the trace route alone", async () => {
    const { status, body } = await t.get(`/api/v1/traces/${A}`);
    expect(status).toBe(200);
    expect(apiTraceResponseSchema.parse(body).spans).toHaveLength(4);
    await expectError(`/api/v1/traces/${A}/other`, 404, "SKEIN_ERR_ROUTE_NOT_FOUND");
  });
});

describe("GET /api/v1/traces/compare", () => {
  it("aligns the two traces", async () => {
    const { status, body } = await t.get(`/api/v1/traces/compare?a=${A}&b=${B}`);
    expect(status).toBe(200);
    const answer = apiTraceCompareResponseSchema.parse(body);
    expect(answer.a).toEqual({ traceId: A, durationNano: String(100n * MS), spanCount: 4 });
    expect(answer.b).toEqual({ traceId: B, durationNano: String(100n * MS), spanCount: 3 });
    expect(answer.entries.map((e) => [e.path, e.status, e.aSpanId, e.bSpanId, e.deltaNano])).toEqual([
      ["frontend/GET /checkout#0", "unchanged", sid(1), sid(11), "0"],
      ["frontend/GET /checkout#0 > cart/get#0", "unchanged", sid(2), sid(12), "0"],
      ["frontend/GET /checkout#0 > payment/charge#0", "faster", sid(3), sid(13), String(-20n * MS)],
      ["frontend/GET /checkout#0 > payment/charge#0 > fraud/check#0", "missing", sid(4), null, null],
    ]);
  });

  it("names the missing trace", async () => {
    expect(await expectError(`/api/v1/traces/compare?a=${A}&b=${UNKNOWN}`, 404, "SKEIN_ERR_TRACE_NOT_FOUND")).toMatch(new RegExp(`^b: .*${UNKNOWN}`));
    expect(await expectError(`/api/v1/traces/compare?a=${UNKNOWN}&b=${A}`, 404, "SKEIN_ERR_TRACE_NOT_FOUND")).toMatch(/^a: /);
    expect(await expectError(`/api/v1/traces/compare?a=${UNKNOWN}&b=${UNKNOWN}`, 404, "SKEIN_ERR_TRACE_NOT_FOUND")).toMatch(/^a: /);
  });

  it("validates both ids and refuses other parameters", async () => {
    expect(await expectError(`/api/v1/traces/compare?a=${A}&b=xyz`, 400, "SKEIN_ERR_INVALID_ID")).toMatch(/^b: /);
    expect(await expectError(`/api/v1/traces/compare?a=${encodeURIComponent("' OR 1=1")}&b=${A}`, 400, "SKEIN_ERR_INVALID_ID")).toMatch(/^a: /);
    expect(await expectError(`/api/v1/traces/compare?a=${A}`, 400, "SKEIN_ERR_INVALID_PARAMETER")).toMatch(/^b/);
    await expectError(`/api/v1/traces/compare?a=${A}&b=${B}&c=1`, 400, "SKEIN_ERR_UNKNOWN_PARAMETER");
    await expectError(`/api/v1/traces/compare?a=${A}&a=${B}&b=${B}`, 400, "SKEIN_ERR_INVALID_PARAMETER");
    await expectError(`/api/v1/traces/compare?a=${"f".repeat(65)}&b=${B}`, 400, "SKEIN_ERR_INVALID_PARAMETER");
  });
});

describe("GET /api/v1/endpoints/critical-path", () => {
  const url = (service: string, operation: string, extra = "") =>
    `/api/v1/endpoints/critical-path?service=${encodeURIComponent(service)}&operation=${encodeURIComponent(operation)}${extra}`;

  it("breaks the endpoint's time down by operation", async () => {
    const { status, body } = await t.get(url("frontend", "GET /checkout"));
    expect(status).toBe(200);
    // Both requests last 100 ms, so both are typical and slow. Over 200 ms: frontend self 30 + 50,
    // payment 40 + 30, cart 20 + 20, fraud 10 + 0.
    expect(apiEndpointCriticalPathResponseSchema.parse(body)).toEqual({
      sampledRequests: 2,
      p50DurationNano: 100_000_000,
      p95DurationNano: 100_000_000,
      operations: [
        { service: "frontend", operation: "GET /checkout", p50Share: 0.4, p95Share: 0.4, p50TimeNano: 40_000_000, p95TimeNano: 40_000_000 },
        { service: "payment", operation: "charge", p50Share: 0.35, p95Share: 0.35, p50TimeNano: 35_000_000, p95TimeNano: 35_000_000 },
        { service: "cart", operation: "get", p50Share: 0.2, p95Share: 0.2, p50TimeNano: 20_000_000, p95TimeNano: 20_000_000 },
        { service: "fraud", operation: "check", p50Share: 0.05, p95Share: 0.05, p50TimeNano: 5_000_000, p95TimeNano: 5_000_000 },
      ],
    });
  });

  it("an endpoint deeper in the tree: only its subtree; typical (b, 30 ms) and slow (a, 50 ms) differ", async () => {
    const { body } = await t.get(url("payment", "charge"));
    expect(apiEndpointCriticalPathResponseSchema.parse(body)).toEqual({
      sampledRequests: 2,
      p50DurationNano: 30_000_000,
      p95DurationNano: 50_000_000,
      operations: [
        { service: "payment", operation: "charge", p50Share: 1, p95Share: 0.8, p50TimeNano: 30_000_000, p95TimeNano: 40_000_000 },
        { service: "fraud", operation: "check", p50Share: 0, p95Share: 0.2, p50TimeNano: 0, p95TimeNano: 10_000_000 },
      ],
    });
  });

  it("treats hostile names as data: an empty answer", async () => {
    for (const hostile of HOSTILE_STRINGS) {
      const { status, body } = await t.get(url(hostile, hostile));
      expect(status).toBe(200);
      expect(apiEndpointCriticalPathResponseSchema.parse(body)).toEqual({ sampledRequests: 0, p50DurationNano: null, p95DurationNano: null, operations: [] });
    }
  });

  it("validates the parameters", async () => {
    await expectError("/api/v1/endpoints/critical-path?service=frontend", 400, "SKEIN_ERR_INVALID_PARAMETER");
    await expectError(url("frontend", "GET /checkout", "&limit=5"), 400, "SKEIN_ERR_UNKNOWN_PARAMETER");
    await expectError(url("frontend", "GET /checkout", "&start=yesterday"), 400, "SKEIN_ERR_INVALID_PARAMETER");
    await expectError(url("frontend", "GET /checkout", "&start=2000&end=1000"), 400, "SKEIN_ERR_INVALID_PARAMETER");
    await expectError(url("x".repeat(1025), "GET /checkout"), 400, "SKEIN_ERR_INVALID_PARAMETER");
  });
});
