import { startClickHouseCluster, type ClickHouseTestCluster } from "@skein/storage-clickhouse/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "../support/api-client.js";
import { clickHouseSkeinArgs } from "../support/clickhouse-skein.js";
import { SkeinProcess } from "../support/skein-process.js";
import { sendSplitTraces, type SplitTrace } from "../support/split-traces.js";

// Issue 5, item 5: two stateless `skein start` nodes (both ingesting, both querying) over a
// two-shard ClickHouse cluster with Distributed tables. Each trace's spans and logs are split
// between the nodes by real OTel SDK exporters; either node must answer with the whole trace.

const DATABASE = "skein_multi";
const TRACES = 16;
const SPANS_PER_TRACE = 6;
const FRONT = "mn-front";
const BACK = "mn-back";

let cluster: ClickHouseTestCluster;
let nodes: SkeinProcess[] = [];
let sent: SplitTrace[];

beforeAll(async () => {
  cluster = await startClickHouseCluster({ shards: 2, name: "skein" });
  const shardUrls = cluster.servers.map((s) => s.url);
  // Both nodes start at once: their migrations run concurrently against the same shards.
  const started = await Promise.allSettled(
    cluster.servers.map((server) =>
      SkeinProcess.start({ args: clickHouseSkeinArgs({ url: server.url, database: DATABASE, cluster: cluster.name, shardUrls }) }),
    ),
  );
  nodes = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  sent = await sendSplitTraces(
    [
      { endpoints: nodes[0]!.endpoints, service: FRONT, protocol: "http/protobuf" },
      { endpoints: nodes[1]!.endpoints, service: BACK, protocol: "grpc" },
    ],
    TRACES,
    SPANS_PER_TRACE,
    "multi",
  );
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.cleanup()));
  await cluster?.dispose();
});

interface ApiSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  service: string;
}
interface ApiLog {
  spanId: string | null;
  traceId: string | null;
  body: unknown;
  service: string;
}
interface Summary {
  traceId: string;
  spanCount: number;
  rootService: string;
  services: { name: string; spanCount: number; errorCount: number }[];
}

const byId = <T extends { spanId: string | null }>(a: T, b: T) => ((a.spanId ?? "") < (b.spanId ?? "") ? -1 : 1);

describe.each([0, 1])("reading from node %i", (index) => {
  it("returns every trace complete, with parent links intact, though each node received half of its spans", async () => {
    const api = nodes[index]!.endpoints.apiUrl;
    for (const t of sent) {
      const res = await getJson<{ traceId: string; spans: ApiSpan[] }>(`${api}/api/v1/traces/${t.traceId}`);
      expect(res.status, `trace ${t.traceId}: ${res.text.slice(0, 300)}`).toBe(200);
      const got = res.body.spans.map(({ spanId, parentSpanId, name, service }) => ({ spanId, parentSpanId: parentSpanId ?? null, name, service })).sort(byId);
      const expected = t.spans.map(({ spanId, parentSpanId, name, service }) => ({ spanId, parentSpanId, name, service })).sort(byId);
      expect(got, `trace ${t.traceId}`).toEqual(expected);
    }
  });

  it("returns every log of a trace, whichever node received it", async () => {
    const api = nodes[index]!.endpoints.apiUrl;
    for (const t of sent) {
      const res = await getJson<{ logs: ApiLog[] }>(`${api}/api/v1/logs?traceId=${t.traceId}&limit=100`);
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      const got = res.body.logs.map(({ spanId, traceId, body, service }) => ({ spanId, traceId, body, service })).sort(byId);
      const expected = t.logs.map(({ spanId, body, service }) => ({ spanId, traceId: t.traceId, body, service })).sort(byId);
      expect(got, `logs of trace ${t.traceId}`).toEqual(expected);
    }
  });
});

describe("both nodes answer alike", () => {
  const fromBoth = <T>(path: string) =>
    Promise.all(
      nodes.map(async (n) => {
        const res = await getJson<T>(`${n.endpoints.apiUrl}${path}`);
        expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(200);
        return res.body;
      }),
    );

  it("search by either service finds every trace, with whole-trace summaries, identically on both nodes", async () => {
    for (const service of [FRONT, BACK]) {
      const [a, b] = await fromBoth<{ traces: Summary[] }>(`/api/v1/traces?service=${service}&limit=100`);
      expect(a, `search service=${service}: node 0 vs node 1`).toEqual(b);
      expect(a!.traces.map((s) => s.traceId).sort()).toEqual(sent.map((t) => t.traceId).sort());
      for (const summary of a!.traces) {
        expect(summary.spanCount).toBe(SPANS_PER_TRACE);
        expect(summary.rootService).toBe(FRONT);
        expect([...summary.services].sort((x, y) => (x.name < y.name ? -1 : 1))).toEqual([
          { name: BACK, spanCount: SPANS_PER_TRACE / 2, errorCount: 0 },
          { name: FRONT, spanCount: SPANS_PER_TRACE / 2, errorCount: 0 },
        ]);
      }
    }
  });

  it("lists the same services and operations", async () => {
    const [a, b] = await fromBoth<{ services: string[] }>("/api/v1/services");
    expect(a).toEqual(b);
    expect(a!.services).toEqual(expect.arrayContaining([FRONT, BACK]));
    const [opsA, opsB] = await fromBoth<{ operations: { name: string }[] }>(`/api/v1/services/${BACK}/operations`);
    expect(opsA).toEqual(opsB);
    expect(opsA!.operations.map((o) => o.name).sort()).toEqual(["multi step 1", "multi step 3", "multi step 5"]);
  });
});

describe("the data is spread over both shards", () => {
  const countOn = async (index: number, sql: string) => Number((await cluster.servers[index]!.sql(sql)).trim());

  it("each shard holds some traces, each trace on one shard only, spans and logs adding up to what was sent", async () => {
    const spans = await Promise.all([0, 1].map((i) => countOn(i, `SELECT count() FROM ${DATABASE}.spans_local`)));
    const traces = await Promise.all([0, 1].map((i) => countOn(i, `SELECT uniqExact(trace_id_hi, trace_id_lo) FROM ${DATABASE}.spans_local`)));
    const logs = await Promise.all([0, 1].map((i) => countOn(i, `SELECT count() FROM ${DATABASE}.logs_local`)));
    expect(spans[0], `spans per shard ${spans}`).toBeGreaterThan(0);
    expect(spans[1], `spans per shard ${spans}`).toBeGreaterThan(0);
    expect(spans[0]! + spans[1]!).toBe(TRACES * SPANS_PER_TRACE);
    // Sharded by trace id: distinct traces per shard add up only when no trace is on both.
    expect(traces[0]! + traces[1]!).toBe(TRACES);
    expect(logs[0]! + logs[1]!).toBe(TRACES * SPANS_PER_TRACE);
  });
});
