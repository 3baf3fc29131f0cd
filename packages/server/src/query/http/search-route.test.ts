import { SpanKind, StatusCode, apiTraceSearchResponseSchema, bytesToHex } from "@skein/model";
import type { Span } from "@skein/model";
import { BASE_TIME_NANO, attrs, makeResource, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryTestApp } from "./testdata/query-test-app.js";
import { HOUR, MS, TEST_NOW_NANO, errorCodeOf, startQueryTestApp, wrapStorage } from "./testdata/query-test-app.js";

const prod = makeResource(attrs({ "service.name": "frontend", "deployment.environment": "prod" }));

/** Trace n: a frontend root (GET /, 200) and a payment child (charge, 500, error, 50 ms), starting n ms after BASE. */
function shopTrace(n: number, overrides: { childStatus?: number; childDurationMs?: bigint } = {}): Span[] {
  const start = BASE_TIME_NANO + BigInt(n) * MS;
  const root = makeSpan({
    traceId: traceIdOf(n),
    spanId: spanIdOf(n * 10),
    name: "GET /",
    resource: prod,
    startTimeUnixNano: start,
    endTimeUnixNano: start + 100n * MS,
    attributes: attrs({ "http.response.status_code": 200n, ratio: 0.25 }),
  });
  const child = makeSpan({
    traceId: traceIdOf(n),
    spanId: spanIdOf(n * 10 + 1),
    parentSpanId: spanIdOf(n * 10),
    name: "charge",
    kind: SpanKind.CLIENT,
    service: "payment",
    startTimeUnixNano: start + MS / 2n,
    endTimeUnixNano: start + MS / 2n + (overrides.childDurationMs ?? 50n) * MS,
    status: { code: StatusCode.ERROR, message: "declined" },
    attributes: attrs({ "http.response.status_code": BigInt(overrides.childStatus ?? 500), "card.last4": "4242" }),
  });
  return [root, child];
}

const old = makeSpan({ traceId: traceIdOf(50), name: "GET /", service: "frontend", startTimeUnixNano: TEST_NOW_NANO - 2n * HOUR });

let t: QueryTestApp;
beforeAll(async () => {
  t = await startQueryTestApp({ spans: [...shopTrace(1), ...shopTrace(2, { childStatus: 503, childDurationMs: 5n }), ...shopTrace(3), old] });
});
afterAll(() => t.close());

async function search(query: string): Promise<string[]> {
  const { status, body } = await t.get(`/api/v1/traces${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return apiTraceSearchResponseSchema.parse(body).traces.map((s) => s.traceId);
}
const hex = (n: number) => bytesToHex(traceIdOf(n));
const q = (json: unknown) => encodeURIComponent(JSON.stringify(json));

describe("GET /api/v1/traces (search)", () => {
  it("returns summaries newest first, in the API shape, over the last hour by default", async () => {
    const { body } = await t.get("/api/v1/traces");
    const { traces } = body as { traces: unknown[] };
    expect(traces.map((s) => (s as { traceId: string }).traceId)).toEqual([hex(3), hex(2), hex(1)]);
    expect(traces[2]).toEqual({
      traceId: hex(1),
      rootService: "frontend",
      rootName: "GET /",
      startTimeUnixNano: (BASE_TIME_NANO + MS).toString(),
      durationNano: (100n * MS).toString(),
      spanCount: 2,
      errorCount: 1,
      services: [
        { name: "frontend", spanCount: 1, errorCount: 0 },
        { name: "payment", spanCount: 1, errorCount: 1 },
      ],
    });
  });

  it("finds older traces with an explicit start, as RFC 3339 or unix ms", async () => {
    const start = (TEST_NOW_NANO - 3n * HOUR) / MS;
    expect(await search(`?start=${start}`)).toEqual([hex(3), hex(2), hex(1), hex(50)]);
    expect(await search(`?start=${new Date(Number(start)).toISOString()}&limit=10`)).toContain(hex(50));
    const end = (TEST_NOW_NANO - HOUR) / MS;
    expect(await search(`?start=${start}&end=${end}`)).toEqual([hex(50)]);
  });

  it("keeps the ns fraction of RFC 3339 bounds", async () => {
    // trace 2 starts at BASE + 2 ms = 2023-11-14T22:13:20.125456789Z
    expect(await search("?start=2023-11-14T22:13:20.125456789Z&end=2023-11-14T22:13:20.125456789Z")).toEqual([hex(2)]);
    expect(await search("?start=2023-11-14T22:13:20.125456790Z&end=2023-11-14T22:13:20.1259Z")).toEqual([]);
  });

  it("applies limit and refuses limits out of range", async () => {
    expect(await search("?limit=2")).toEqual([hex(3), hex(2)]);
    expect(await search("?limit=1000")).toHaveLength(3);
    for (const limit of ["0", "1001", "-1", "1e400", "99999999999999999999", "2.5", "0x10"]) {
      const { status, body } = await t.get(`/api/v1/traces?limit=${limit}`);
      expect(status, limit).toBe(400);
      expect(errorCodeOf(body)).toBe("SKEIN_ERR_INVALID_PARAMETER");
    }
  });

  it("requires every condition to hold on the same span", async () => {
    expect(await search(`?service=payment&attributes=${q({ "http.response.status_code": 500 })}`)).toEqual([hex(3), hex(1)]);
    // frontend has a span, and a span with status 500 exists, but not the same span:
    expect(await search(`?service=frontend&attributes=${q({ "http.response.status_code": 500 })}`)).toEqual([]);
    expect(await search("?service=frontend&status=error")).toEqual([]);
    expect(await search("?operation=charge&status=error")).toEqual([hex(3), hex(2), hex(1)]);
    expect(await search("?service=frontend&operation=charge")).toEqual([]);
  });

  it("matches attributes on span or resource, with JSON types", async () => {
    expect(await search(`?attributes=${q({ "deployment.environment": "prod", "http.response.status_code": 200 })}`)).toEqual([hex(3), hex(2), hex(1)]);
    expect(await search(`?attributes=${q({ "card.last4": "4242", "http.response.status_code": 503 })}`)).toEqual([hex(2)]);
    expect(await search(`?attributes=${q({ ratio: 0.25 })}`)).toHaveLength(3);
    expect(await search(`?attributes=${q({ "card.last4": 4242 })}`)).toEqual([]); // a number does not match a string
    expect(await search(`?attributes=${q({ "http.response.status_code": "500" })}`)).toEqual([]); // nor a string an int
  });

  it("filters by span duration and status", async () => {
    expect(await search("?minDuration=50ms&operation=charge")).toEqual([hex(3), hex(1)]);
    expect(await search("?maxDuration=5ms")).toEqual([hex(2)]);
    expect(await search("?minDuration=4ms&maxDuration=0.006s")).toEqual([hex(2)]);
    expect(await search("?minDuration=101ms")).toEqual([]);
    expect(await search("?status=unset&service=frontend")).toEqual([hex(3), hex(2), hex(1)]);
    expect(await search("?status=ok")).toEqual([]);
    const bad = await t.get("/api/v1/traces?minDuration=2s&maxDuration=1s");
    expect(errorCodeOf(bad.body)).toBe("SKEIN_ERR_INVALID_PARAMETER");
  });

  it("treats empty parameters as absent (the DESIGN URL template sends them)", async () => {
    expect(await search("?service=&operation=&attributes=&minDuration=&maxDuration=&status=&start=&end=&limit=")).toEqual([hex(3), hex(2), hex(1)]);
    expect((await t.get("/api/v1/traces?srvice=")).status).toBe(400);
  });

  it("treats hostile service names as data", async () => {
    expect(await search(`?service=${encodeURIComponent("frontend' OR '1'='1")}`)).toEqual([]);
    expect(await search(`?operation=${encodeURIComponent('"; DROP TABLE spans; --')}`)).toEqual([]);
  });
});

describe("GET /api/v1/traces?kind= (span kind, same span)", () => {
  let kinds: QueryTestApp;
  /** Trace 60: a 20 ms SERVER span of "edge"; trace 61: a 20 ms CLIENT span of "edge" under a 2 ms server root. */
  beforeAll(async () => {
    const at = BASE_TIME_NANO;
    kinds = await startQueryTestApp({
      spans: [
        makeSpan({ traceId: traceIdOf(60), spanId: spanIdOf(600), service: "edge", name: "GET /", kind: SpanKind.SERVER, startTimeUnixNano: at, endTimeUnixNano: at + 20n * MS }),
        makeSpan({ traceId: traceIdOf(61), spanId: spanIdOf(610), service: "edge", name: "GET /", kind: SpanKind.SERVER, startTimeUnixNano: at + MS, endTimeUnixNano: at + 3n * MS }),
        makeSpan({
          traceId: traceIdOf(61),
          spanId: spanIdOf(611),
          parentSpanId: spanIdOf(610),
          service: "edge",
          name: "GET /",
          kind: SpanKind.CLIENT,
          startTimeUnixNano: at + MS,
          endTimeUnixNano: at + 21n * MS,
        }),
      ],
    });
  });
  afterAll(() => kinds.close());
  const find = async (query: string) => {
    const { status, body } = await kinds.get(`/api/v1/traces${query}`);
    expect(status, JSON.stringify(body)).toBe(200);
    return apiTraceSearchResponseSchema.parse(body).traces.map((s) => s.traceId);
  };

  it("kind=server&minDuration=15ms finds only the trace whose SERVER span is that slow", async () => {
    expect(await find("?service=edge&minDuration=15ms")).toEqual([hex(61), hex(60)]);
    expect(await find("?service=edge&kind=server&minDuration=15ms")).toEqual([hex(60)]);
    expect(await find("?kind=client&minDuration=15ms")).toEqual([hex(61)]);
    expect(await find("?service=edge&kind=server")).toEqual([hex(61), hex(60)]);
    expect(await find("?kind=consumer")).toEqual([]);
    expect(await find("?kind=")).toEqual([hex(61), hex(60)]); // empty: absent
  });

  it("refuses an unknown kind with 400 naming the kinds", async () => {
    for (const kind of ["rpc", "SERVER", "2"]) {
      const { status, body } = await kinds.get(`/api/v1/traces?kind=${kind}`);
      expect(status, kind).toBe(400);
      expect(errorCodeOf(body)).toBe("SKEIN_ERR_INVALID_PARAMETER");
      expect(JSON.stringify(body)).toContain("kind must be one of unspecified, internal, server, client, producer, consumer");
    }
  });
});

describe("capabilities", () => {
  let limited: QueryTestApp;
  beforeAll(async () => {
    limited = await startQueryTestApp({ spans: shopTrace(1) }, (s) => wrapStorage(s, { kind: "limited", capabilities: {} }));
  });
  afterAll(() => limited.close());

  it("refuses a query the adapter cannot evaluate, and runs the ones it can", async () => {
    const { status, body } = await limited.get(`/api/v1/traces?attributes=${q({ a: "b" })}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "SKEIN_ERR_UNSUPPORTED_QUERY", message: expect.stringContaining("attribute conditions") } });
    expect((await limited.get("/api/v1/traces?service=payment&minDuration=1ms")).body).toMatchObject({ traces: [{ traceId: hex(1) }] });
  });
});
