import {
  LATENCY_BUCKET_RELATIVE_ERROR,
  SpanKind,
  StatusCode,
  apiErrorResponseSchema,
  apiLatencyHistogramResponseSchema,
  apiOperationsMetricsResponseSchema,
  apiRedResponseSchema,
  apiServiceMapResponseSchema,
  apiServicesMetricsResponseSchema,
  bytesToHex,
  latencyBucketLowerNano,
  latencyBucketOf,
} from "@skein/model";
import type { Storage } from "@skein/storage";
import { BASE_TIME_NANO, HOSTILE_STRINGS, attrs, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_MINUTE_MS, metricsRow } from "../insights/testdata/rollup-fixtures.js";
import { shopMinute, shopRollups } from "../insights/testdata/shop-rollups.js";
import type { QueryTestApp } from "./testdata/query-test-app.js";
import { MS, TEST_NOW_NANO, errorCodeOf, startQueryTestApp } from "./testdata/query-test-app.js";

/** Written as the service of a rollup row: every hostile string, and 1 KiB of astral characters. */
const HOSTILE_SERVICE = `'"\\%_;--${"💥".repeat(250)}`;
const tenMinutes = `start=${BASE_MINUTE_MS}&end=${BASE_MINUTE_MS + 600_000}`;

/** Heatmap spans of "api": 3 × 10 ms (one error) in minute 0 and 2 × 100 ms in minute 1, after BASE_TIME_NANO. */
const apiSpans = [10n, 10n, 10n, 100n, 100n].map((ms, i) =>
  makeSpan({
    traceId: traceIdOf(i + 1),
    spanId: spanIdOf(i + 1),
    service: "api",
    name: "GET /items",
    startTimeUnixNano: BASE_TIME_NANO + (i < 3 ? BigInt(i) : 60_000n + BigInt(i)) * MS,
    endTimeUnixNano: BASE_TIME_NANO + (i < 3 ? BigInt(i) : 60_000n + BigInt(i)) * MS + ms * MS,
    status: { code: i === 2 ? StatusCode.ERROR : StatusCode.UNSET, message: "" },
    attributes: attrs({ "http.route": "/items" }),
  }),
);

/** Heatmap spans of "edge": one 20 ms server span and, inside it, one 5 ms client span. */
const edgeSpans = [
  makeSpan({ traceId: traceIdOf(20), spanId: spanIdOf(20), service: "edge", name: "GET /", kind: SpanKind.SERVER, startTimeUnixNano: BASE_TIME_NANO, endTimeUnixNano: BASE_TIME_NANO + 20n * MS }),
  makeSpan({ traceId: traceIdOf(20), spanId: spanIdOf(21), parentSpanId: spanIdOf(20), service: "edge", name: "GET /", kind: SpanKind.CLIENT, startTimeUnixNano: BASE_TIME_NANO + MS, endTimeUnixNano: BASE_TIME_NANO + 6n * MS }),
];

let t: QueryTestApp;
beforeAll(async () => {
  t = await startQueryTestApp({ spans: [...apiSpans, ...edgeSpans] });
  const rollups = shopRollups();
  rollups.spanMetrics.push(
    ...HOSTILE_STRINGS.map((s) => metricsRow(BASE_MINUTE_MS, s, s, SpanKind.SERVER, StatusCode.OK, [{ durationNano: 1e6, count: 1 }])),
    metricsRow(BASE_MINUTE_MS, HOSTILE_SERVICE, HOSTILE_SERVICE, SpanKind.SERVER, StatusCode.ERROR, [{ durationNano: 1e6, count: 7 }]),
  );
  await t.storage.metrics.writer.writeRollups(rollups);
});
afterAll(() => t.close());

async function ok<T>(url: string, schema: { parse(body: unknown): T }): Promise<T> {
  const { status, body } = await t.get(url);
  expect(status, JSON.stringify(body)).toBe(200);
  return schema.parse(body);
}

async function refused(url: string, code: string, message: RegExp): Promise<void> {
  const { status, body } = await t.get(url);
  expect(status, JSON.stringify(body)).toBe(400);
  expect(errorCodeOf(body)).toBe(code);
  expect(apiErrorResponseSchema.parse(body).error.message).toMatch(message);
}

const q = encodeURIComponent;

describe("GET /api/v1/metrics/red", () => {
  it("answers the series of a service, every window present", async () => {
    const red = await ok(`/api/v1/metrics/red?service=frontend&${tenMinutes}&step=1m`, apiRedResponseSchema);
    expect(red.stepMs).toBe(60_000);
    expect(red.series).toHaveLength(10); // [start, end): the minute at end is not read
    expect(red.series.map((p) => p.count)).toEqual([12, 5, 0, 0, 0, 0, 0, 3, 0, 0]);
    expect(red.series[7]).toMatchObject({ time: shopMinute(7), errorCount: 3, errorRate: 1, rate: 3 / 60 });
    expect(Math.abs(red.series[7]!.p50! - 200e6) / 200e6).toBeLessThanOrEqual(LATENCY_BUCKET_RELATIVE_ERROR);
  });

  it("defaults to the last hour in 1m windows, and to every service", async () => {
    const red = await ok("/api/v1/metrics/red", apiRedResponseSchema);
    expect(red.stepMs).toBe(60_000);
    expect(red.series).toHaveLength(61);
    expect(red.series.at(-1)!.time).toBe(Math.floor(Number(TEST_NOW_NANO / MS) / 60_000) * 60_000);
    // 38.5 shop requests, the 22 hostile-named services' 1 each, and 7 more
    expect(red.series.reduce((s, p) => s + p.count, 0)).toBeCloseTo(38.5 + HOSTILE_STRINGS.length + 7, 9);
  });

  it("filters by operation and kind", async () => {
    const red = await ok(`/api/v1/metrics/red?service=frontend&kind=client&operation=${q("POST /charge")}&${tenMinutes}&step=10m`, apiRedResponseSchema);
    expect(red.series.map((p) => p.count)).toEqual([12]);
  });

  it("treats hostile service names as data", async () => {
    for (const s of [...HOSTILE_STRINGS, HOSTILE_SERVICE]) {
      const red = await ok(`/api/v1/metrics/red?service=${q(s)}&${tenMinutes}&step=10m`, apiRedResponseSchema);
      expect(red.series[0]!.count, JSON.stringify(s)).toBe(s === HOSTILE_SERVICE ? 7 : 1);
    }
    const none = await ok(`/api/v1/metrics/red?service=${q("frontend' OR '1'='1")}&${tenMinutes}&step=10m`, apiRedResponseSchema);
    expect(none.series.map((p) => p.count)).toEqual([0]);
  });

  it("refuses bad steps, too many windows, start after end, unknown parameters and over-long values", async () => {
    await refused("/api/v1/metrics/red?step=90s", "SKEIN_ERR_INVALID_PARAMETER", /step must be a whole number of minutes/);
    await refused("/api/v1/metrics/red?step=5", "SKEIN_ERR_INVALID_PARAMETER", /step must be a duration with a unit/);
    await refused("/api/v1/metrics/red?start=0&step=1m", "SKEIN_ERR_INVALID_PARAMETER", /at most 1442 .*larger step or a shorter range/);
    await refused(`/api/v1/metrics/red?start=${BASE_MINUTE_MS}&end=${BASE_MINUTE_MS - 1}`, "SKEIN_ERR_INVALID_PARAMETER", /start .* is after end/);
    await refused("/api/v1/metrics/red?servce=frontend", "SKEIN_ERR_UNKNOWN_PARAMETER", /"servce"/);
    await refused("/api/v1/metrics/red?kind=rpc", "SKEIN_ERR_INVALID_PARAMETER", /kind must be one of/);
    await refused(`/api/v1/metrics/red?service=${"a".repeat(1025)}`, "SKEIN_ERR_INVALID_PARAMETER", /service must be at most 1024/);
    await refused("/api/v1/metrics/red?service=a&service=b", "SKEIN_ERR_INVALID_PARAMETER", /service must be given once/);
  });

  it("says how to send a + offset when it arrived as a space", async () => {
    await refused("/api/v1/metrics/red?start=2026-11-24T10:00:00+02:00", "SKEIN_ERR_INVALID_PARAMETER", /start must be an RFC 3339 timestamp .*write a \+ offset as %2B/);
    const { status } = await t.get(`/api/v1/metrics/red?start=${q("2023-11-14T23:00:00+01:00")}&end=${BASE_MINUTE_MS + 600_000}`);
    expect(status).toBe(200);
  });

  it("divides rates by the minutes read: 10:00:00–10:00:01 reads the whole minute", async () => {
    const red = await ok(`/api/v1/metrics/red?service=frontend&start=${BASE_MINUTE_MS}&end=${BASE_MINUTE_MS + 1000}`, apiRedResponseSchema);
    expect(red.series.map((p) => [p.count, p.rate])).toEqual([[12, 12 / 60]]);
    const { services } = await ok(`/api/v1/metrics/services?start=${BASE_MINUTE_MS}&end=${BASE_MINUTE_MS + 1000}`, apiServicesMetricsResponseSchema);
    expect(services.find((s) => s.name === "frontend")).toMatchObject({ count: 12, rate: 12 / 60 });
  });
});

describe("GET /api/v1/metrics/services and /metrics/operations", () => {
  it("lists services with totals and sparkline series", async () => {
    const { stepMs, services } = await ok(`/api/v1/metrics/services?${tenMinutes}&step=5m`, apiServicesMetricsResponseSchema);
    expect(stepMs).toBe(300_000);
    const shop = services.filter((s) => ["batch", "frontend", "payment", "worker"].includes(s.name));
    expect(shop.map((s) => [s.name, s.count, s.errorCount, s.series.map((p) => p.count)])).toEqual([
      ["batch", 2.5, 0.5, [2.5, 0]],
      ["frontend", 20, 5, [17, 3]],
      ["payment", 12, 1, [12, 0]],
      ["worker", 4, 0, [4, 0]],
    ]);
    expect(services.find((s) => s.name === HOSTILE_SERVICE)).toMatchObject({ count: 7, errorRate: 1 });
    expect(services).toHaveLength(4 + HOSTILE_STRINGS.length + 1);
  });

  it("lists a service's operations busiest first and requires the service", async () => {
    const { operations } = await ok(`/api/v1/metrics/operations?service=frontend&${tenMinutes}`, apiOperationsMetricsResponseSchema);
    expect(operations.map((o) => [o.name, o.kind, o.count, o.errorCount])).toEqual([
      ["GET /checkout", "server", 20, 5],
      ["POST /charge", "client", 12, 0],
    ]);
    const hostile = await ok(`/api/v1/metrics/operations?service=${q(HOSTILE_SERVICE)}&${tenMinutes}`, apiOperationsMetricsResponseSchema);
    expect(hostile.operations.map((o) => o.name)).toEqual([HOSTILE_SERVICE]);
    await refused("/api/v1/metrics/operations", "SKEIN_ERR_INVALID_PARAMETER", /service is required/);
    await refused("/api/v1/metrics/operations?service=a&service=b", "SKEIN_ERR_INVALID_PARAMETER", /service must be given once/);
    await refused("/api/v1/metrics/operations?service=a&step=1m", "SKEIN_ERR_UNKNOWN_PARAMETER", /"step"/);
    await refused("/api/v1/metrics/services?service=a", "SKEIN_ERR_UNKNOWN_PARAMETER", /"service"/);
  });

  it("bounds services × windows: refuses a step that makes too many points", async () => {
    const many = await startQueryTestApp();
    try {
      // 40 services in a day of 1m windows would be 57,600 points.
      await many.storage.metrics.writer.writeRollups({
        spanMetrics: Array.from({ length: 40 }, (_, i) => metricsRow(BASE_MINUTE_MS, `svc${i}`, "op", SpanKind.SERVER, StatusCode.OK, [{ durationNano: 1e6, count: 1 }])),
        serviceGraph: [],
      });
      const day = `start=${BASE_MINUTE_MS}&end=${BASE_MINUTE_MS + 86_400_000}`;
      const { status, body } = await many.get(`/api/v1/metrics/services?${day}&step=1m`);
      expect(status).toBe(400);
      expect(errorCodeOf(body)).toBe("SKEIN_ERR_INVALID_PARAMETER");
      expect(apiErrorResponseSchema.parse(body).error.message).toMatch(/40 services × 1440 windows of 1m .* at most 50000 .*larger step or a shorter range/);
      const fine = apiServicesMetricsResponseSchema.parse((await many.get(`/api/v1/metrics/services?${day}&step=5m`)).body);
      expect(fine.services).toHaveLength(40);
    } finally {
      await many.close();
    }
  });
});

describe("GET /api/v1/service-map", () => {
  it("answers nodes and edges with stats", async () => {
    const map = await ok(`/api/v1/service-map?${tenMinutes}`, apiServiceMapResponseSchema);
    expect(map.edges.map((e) => [e.source, e.target, e.callCount, e.errorCount])).toEqual([
      ["frontend", "orders", 4, 0],
      ["frontend", "payment", 12, 1],
      ["orders", "worker", 4, 0],
      ["payment", "api.stripe.com", 3, 2],
      ["payment", "postgres", 12, 0],
    ]);
    expect(map.nodes.filter((n) => n.type !== "service").map((n) => [n.name, n.type])).toEqual([
      ["api.stripe.com", "external"],
      ["orders", "queue"],
      ["postgres", "database"],
    ]);
    expect(map.nodes.find((n) => n.name === "payment")).toMatchObject({ type: "service", rate: 12 / 600, errorRate: 1 / 12 });
    await refused("/api/v1/service-map?step=1m", "SKEIN_ERR_UNKNOWN_PARAMETER", /this route accepts start, end/);
    await refused("/api/v1/service-map?start=yesterday", "SKEIN_ERR_INVALID_PARAMETER", /start must be an RFC 3339 timestamp/);
  });
});

describe("GET /api/v1/metrics/latency-histogram", () => {
  const range = `start=${(BASE_TIME_NANO - 60_000n * MS) / MS}&end=${(BASE_TIME_NANO + 300_000n * MS) / MS}`;

  it("counts stored spans by window and latency bucket with exemplars", async () => {
    const h = await ok(`/api/v1/metrics/latency-histogram?service=api&${range}&step=1m`, apiLatencyHistogramResponseSchema);
    expect(h.stepMs).toBe(60_000);
    const minute0 = Number((BASE_TIME_NANO / MS / 60_000n) * 60_000n);
    expect(h.buckets.map((b) => [b.time, b.lowerNano, b.count, b.exemplars.length])).toEqual([
      [minute0, latencyBucketLowerNano(latencyBucketOf(10e6)), 3, 3],
      [minute0 + 60_000, latencyBucketLowerNano(latencyBucketOf(100e6)), 2, 2],
    ]);
    expect(h.buckets[1]!.exemplars.map((e) => e.traceId).sort()).toEqual([bytesToHex(traceIdOf(4)), bytesToHex(traceIdOf(5))]);
    expect(h.buckets[1]!.exemplars[0]!.durationNano).toBe("100000000");
  });

  it("applies the search filters on one span, one window without a step", async () => {
    const h = await ok(`/api/v1/metrics/latency-histogram?service=api&status=error&attributes=${q('{"http.route":"/items"}')}&${range}`, apiLatencyHistogramResponseSchema);
    expect(h.stepMs).toBeNull();
    expect(h.buckets).toEqual([
      {
        time: Number((BASE_TIME_NANO - 60_000n * MS) / MS),
        lowerNano: latencyBucketLowerNano(latencyBucketOf(10e6)),
        upperNano: expect.any(Number),
        count: 1,
        exemplars: [{ traceId: bytesToHex(traceIdOf(3)), spanId: bytesToHex(spanIdOf(3)), durationNano: "10000000" }],
      },
    ]);
    const none = await ok(`/api/v1/metrics/latency-histogram?service=${q(HOSTILE_SERVICE)}&${range}`, apiLatencyHistogramResponseSchema);
    expect(none.buckets).toEqual([]);
  });

  it("filters by span kind: kind=server counts the server span, not the client span of the same service", async () => {
    const all = await ok(`/api/v1/metrics/latency-histogram?service=edge&${range}`, apiLatencyHistogramResponseSchema);
    expect(all.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(2);
    const server = await ok(`/api/v1/metrics/latency-histogram?service=edge&kind=server&${range}`, apiLatencyHistogramResponseSchema);
    expect(server.buckets.map((b) => [b.lowerNano, b.count, b.exemplars.map((e) => e.spanId)])).toEqual([[latencyBucketLowerNano(latencyBucketOf(20e6)), 1, [bytesToHex(spanIdOf(20))]]]);
    const client = await ok(`/api/v1/metrics/latency-histogram?service=edge&operation=${q("GET /")}&kind=client&${range}`, apiLatencyHistogramResponseSchema);
    expect(client.buckets.map((b) => [b.lowerNano, b.count, b.exemplars.map((e) => e.spanId)])).toEqual([[latencyBucketLowerNano(latencyBucketOf(5e6)), 1, [bytesToHex(spanIdOf(21))]]]);
    const none = await ok(`/api/v1/metrics/latency-histogram?service=edge&kind=consumer&${range}`, apiLatencyHistogramResponseSchema);
    expect(none.buckets).toEqual([]);
  });

  it("refuses limit, a bad kind, bad steps and too many windows", async () => {
    await refused("/api/v1/metrics/latency-histogram?limit=5", "SKEIN_ERR_UNKNOWN_PARAMETER", /"limit"/);
    await refused("/api/v1/metrics/latency-histogram?kind=rpc", "SKEIN_ERR_INVALID_PARAMETER", /kind must be one of unspecified, internal, server, client, producer, consumer/);
    await refused("/api/v1/metrics/latency-histogram?kind=server&kind=client", "SKEIN_ERR_INVALID_PARAMETER", /kind must be one of/);
    await refused("/api/v1/metrics/latency-histogram?step=1s", "SKEIN_ERR_INVALID_PARAMETER", /at most 500 are allowed/);
    await refused("/api/v1/metrics/latency-histogram?step=5us", "SKEIN_ERR_INVALID_PARAMETER", /whole number of milliseconds/);
    await refused("/api/v1/metrics/latency-histogram?minDuration=fast", "SKEIN_ERR_INVALID_PARAMETER", /minDuration must be a duration/);
    await refused("/api/v1/metrics/latency-histogram?start=0", "SKEIN_ERR_INVALID_PARAMETER", /covers at most 31 days .*narrow it/);
  });

  it("refuses filters the storage cannot evaluate", async () => {
    const plain = await startQueryTestApp({ spans: apiSpans }, (s) => new Proxy(s, { get: (target, key) => (key === "capabilities" ? {} : Reflect.get(target, key)) }) as Storage);
    try {
      const { status, body } = await plain.get(`/api/v1/metrics/latency-histogram?attributes=${q('{"http.route":"/items"}')}`);
      expect(status).toBe(400);
      expect(errorCodeOf(body)).toBe("SKEIN_ERR_UNSUPPORTED_QUERY");
    } finally {
      await plain.close();
    }
  });
});
