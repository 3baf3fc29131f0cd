import {
  apiLatencyHistogramResponseSchema,
  apiOperationsMetricsResponseSchema,
  apiRedResponseSchema,
  apiServiceMapResponseSchema,
  apiServicesMetricsResponseSchema,
  type ApiServiceMapResponse,
} from "@skein/model/api";
import { LATENCY_BUCKET_RELATIVE_ERROR, latencyBucketLowerNano, latencyBucketOf } from "@skein/model/insights";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, getJson } from "../support/api-client.js";
import { SkeinProcess } from "../support/skein-process.js";
import { DURATIONS_MS, FAILED_CHECKOUTS, TRACES, sendInsightsTopology, type SentTopology } from "./insights-topology.js";

// Real OTel SDK exporters → a real `skein start` on DuckDB with the span-metrics and service-graph
// processors flushing every 200 ms → the insights API. Counts and edges are exact; latencies are
// within the histogram's error.

const MS = 1e6;
let skein: SkeinProcess;
let sent: SentTopology;
let range: string;

beforeAll(async () => {
  skein = await SkeinProcess.start({ args: ["--storage", "duckdb", "--span-metrics", "on", "--span-metrics-flush-interval", "200ms"] });
  sent = await sendInsightsTopology(skein.endpoints);
  range = `start=${sent.minuteUnixMs - 60_000}&end=${sent.minuteUnixMs + 120_000}`;
  // The stripe edge appears once its client span waited out the pairing TTL (10 s) unanswered.
  await eventually(async () => ((await serviceMap()).edges.length === 5 ? true : undefined), 45_000, "all five service-map edges");
}, 90_000);
afterAll(async () => {
  await skein?.cleanup();
});

async function api<T>(path: string, schema: { parse(body: unknown): T }): Promise<T> {
  const res = await getJson(`${skein.endpoints.apiUrl}/api/v1${path}`);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text.slice(0, 500)}\n${skein.describe()}`);
  return schema.parse(res.body);
}
const serviceMap = (): Promise<ApiServiceMapResponse> => api(`/service-map?${range}`, apiServiceMapResponseSchema);

function expectNear(actual: number | null, exactNano: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - exactNano) / exactNano, `${actual} vs ${exactNano}`).toBeLessThanOrEqual(LATENCY_BUCKET_RELATIVE_ERROR);
}

describe("insights API over real ingest", () => {
  it("GET /metrics/red: the frontend's requests per minute, exact counts, percentiles within histogram error", async () => {
    const red = await api(`/metrics/red?service=frontend&${range}&step=1m`, apiRedResponseSchema);
    expect(red.stepMs).toBe(60_000);
    // [start, end): the range ends exactly at minute +2, which is not read.
    expect(red.series.map((p) => p.time)).toEqual([-1, 0, 1].map((m) => sent.minuteUnixMs + m * 60_000));
    expect(red.series.map((p) => [p.count, p.errorCount])).toEqual([[0, 0], [TRACES, FAILED_CHECKOUTS], [0, 0]]);
    const point = red.series[1]!;
    expect(point.rate).toBeCloseTo(TRACES / 60, 9);
    expectNear(point.p50, DURATIONS_MS.checkoutOk * MS);
    expectNear(point.p99, DURATIONS_MS.checkoutFailed * MS);
    expect(red.series[0]!.p50).toBeNull();
  });

  it("GET /metrics/red without a service: every service's requests summed per window", async () => {
    const red = await api(`/metrics/red?${range}&step=1m`, apiRedResponseSchema);
    // frontend and payment SERVER spans, worker CONSUMER spans; 1 payment error.
    expect(red.series.map((p) => [p.count, p.errorCount])).toEqual([[0, 0], [3 * TRACES, FAILED_CHECKOUTS + 1], [0, 0]]);
    expect(red.series[1]!.rate).toBeCloseTo((3 * TRACES) / 60, 9);
  });

  it("GET /metrics/services: each service's requests (SERVER or CONSUMER spans)", async () => {
    const { services } = await api(`/metrics/services?${range}`, apiServicesMetricsResponseSchema);
    expect(services.map((s) => [s.name, s.count, s.errorCount])).toEqual([
      ["frontend", TRACES, FAILED_CHECKOUTS],
      ["payment", TRACES, 1],
      ["worker", TRACES, 0],
    ]);
    expectNear(services[1]!.p95, DURATIONS_MS.payServer * MS);
    expectNear(services[2]!.p50, DURATIONS_MS.process * MS);
    expect(services[0]!.series.reduce((sum, p) => sum + p.count, 0)).toBe(TRACES);
  });

  it("GET /metrics/operations: every (operation, kind) of a service", async () => {
    const { operations } = await api(`/metrics/operations?service=payment&${range}`, apiOperationsMetricsResponseSchema);
    expect(operations.map((o) => [o.name, o.kind, o.count, o.errorCount])).toEqual([
      ["POST /charges", "client", TRACES, 0],
      ["SELECT orders", "client", TRACES, 0],
      ["pay", "server", TRACES, 1],
    ]);
    expectNear(operations[0]!.p50, DURATIONS_MS.charge * MS);
  });

  it("GET /service-map: service, database, queue and external nodes with exact edges", async () => {
    const map = await serviceMap();
    expect(map.nodes.map((n) => [n.name, n.type])).toEqual([
      ["frontend", "service"],
      ["orders", "queue"],
      ["payment", "service"],
      ["postgresql", "database"],
      ["stripe", "external"],
      ["worker", "service"],
    ]);
    expect(map.edges.map((e) => [e.source, e.target, e.callCount, e.errorCount])).toEqual([
      ["frontend", "orders", TRACES, 0],
      ["frontend", "payment", TRACES, 1],
      ["orders", "worker", TRACES, 0],
      ["payment", "postgresql", TRACES, 0],
      ["payment", "stripe", TRACES, 0],
    ]);
    const edge = (target: string) => map.edges.find((e) => e.target === target)!;
    expectNear(edge("payment").p95, DURATIONS_MS.pay * MS); // the caller's view
    expectNear(edge("postgresql").p95, DURATIONS_MS.select * MS);
    expectNear(edge("stripe").p95, DURATIONS_MS.charge * MS);
    const node = (name: string) => map.nodes.find((n) => n.name === name)!;
    expect(node("frontend").errorRate).toBeCloseTo(FAILED_CHECKOUTS / TRACES, 9);
    expect(node("postgresql").rate).toBeCloseTo(TRACES / 180, 9); // incoming calls over the 3-minute range
  });

  it("GET /metrics/latency-histogram: stored spans by latency bucket with exemplar traces", async () => {
    const h = await api(`/metrics/latency-histogram?service=frontend&operation=${encodeURIComponent("GET /checkout")}&${range}`, apiLatencyHistogramResponseSchema);
    expect(h.stepMs).toBeNull();
    expect(h.buckets.map((b) => [b.lowerNano, b.count])).toEqual([
      [latencyBucketLowerNano(latencyBucketOf(DURATIONS_MS.checkoutOk * MS)), TRACES - FAILED_CHECKOUTS],
      [latencyBucketLowerNano(latencyBucketOf(DURATIONS_MS.checkoutFailed * MS)), FAILED_CHECKOUTS],
    ]);
    expect(h.buckets[0]!.exemplars).toHaveLength(3);
    for (const e of h.buckets[0]!.exemplars) expect(sent.traceIds).toContain(e.traceId);
    expect(h.buckets[1]!.exemplars.map((e) => e.traceId).sort()).toEqual([...sent.failedTraceIds].sort());
    expect(h.buckets[1]!.exemplars.every((e) => e.durationNano === String(DURATIONS_MS.checkoutFailed * MS))).toBe(true);

    const heat = await api(`/metrics/latency-histogram?service=frontend&status=error&${range}&step=1m`, apiLatencyHistogramResponseSchema);
    expect(heat.buckets.map((b) => [b.time, b.count])).toEqual([[sent.minuteUnixMs, FAILED_CHECKOUTS]]);
  });

  it("refuses bad input with coded 400s", async () => {
    for (const path of [
      "/metrics/red?step=30s",
      `/metrics/red?start=0&step=1m`,
      "/service-map?bogus=1",
      "/metrics/latency-histogram?limit=3",
      "/metrics/latency-histogram?start=0", // more than 31 days of stored spans
      "/metrics/operations", // service is required
    ]) {
      const res = await getJson<{ error: { code: string } }>(`${skein.endpoints.apiUrl}/api/v1${path}`);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toMatch(/^SKEIN_ERR_(INVALID|UNKNOWN)_PARAMETER$/);
    }
  });
});
