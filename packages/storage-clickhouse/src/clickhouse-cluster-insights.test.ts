import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { latencyBucketOf, SpanKind, StatusCode } from "@skein/model";
import { BASE_TIME_NANO, collect, makeSpan, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ClickHouseStorage } from "./clickhouse-storage.js";
import { startClickHouseCluster } from "./testing/index.js";
import type { ClickHouseTestCluster } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

// The insights tables on a 2-shard cluster, used by two Skein nodes (one per shard): rows spread
// over both shards' _local tables and every read sums or dedupes across them.

const T0 = Date.UTC(2024, 5, 1);
let cluster: ClickHouseTestCluster;
const nodes: ClickHouseStorage[] = [];
const database = freshDatabase();
const dirs: string[] = [];
beforeAll(async () => {
  cluster = await startClickHouseCluster({ shards: 2, name: "skein" });
  for (const server of cluster.servers) {
    const dataDir = await mkdtemp(join(tmpdir(), "skein-ch-cluster-insights-"));
    dirs.push(dataDir);
    const node = new ClickHouseStorage({ dataDir, options: { url: server.url, cluster: cluster.name, shardUrls: cluster.servers.map((s) => s.url), database, insertTimeoutMs: 30_000 } });
    await node.start();
    nodes.push(node);
  }
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.shutdown()));
  await killAndDispose(cluster?.servers ?? []);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

it("sums rollups two nodes wrote, spread over both shards", async () => {
  const services = Array.from({ length: 20 }, (_, i) => `svc-${i}`);
  for (const node of nodes) {
    await node.metrics.writer.writeRollups({
      spanMetrics: services.map((service) => ({ minuteUnixMs: T0, service, operation: "op", kind: SpanKind.SERVER, status: StatusCode.ERROR, buckets: [{ bucket: 7, count: 2 }] })),
      serviceGraph: services.map((source) => ({ minuteUnixMs: T0, source, sourceType: "service" as const, target: "db", targetType: "database" as const, failed: true, buckets: [{ bucket: 9, count: 3 }] })),
    });
  }
  const [a, b] = nodes;
  const metrics = (await collect(b!.metrics.reader.querySpanMetrics({ startUnixMs: T0, endUnixMs: T0 + 60_000, stepMs: 60_000, groupBy: {} }))).flat();
  expect(metrics).toEqual([{ windowStartUnixMs: T0, service: null, operation: null, kind: null, error: true, bucket: 7, count: 80 }]);
  const graph = (await collect(a!.metrics.reader.queryServiceGraph({ startUnixMs: T0, endUnixMs: T0 + 60_000 }))).flat();
  expect(graph).toHaveLength(20);
  expect(graph.every((c) => c.count === 6 && c.failed && c.targetType === "database")).toBe(true);
  // Both shards hold some of the rows.
  for (const server of cluster.servers) {
    const rows = await server.sql(`SELECT sum(rows) FROM system.parts WHERE active AND database = '${database}' AND table = 'span_metrics_local'`);
    expect(Number(rows.trim())).toBeGreaterThan(0);
  }
});

it("counts a heatmap over spans of both shards, with exemplars", async () => {
  const spans = Array.from({ length: 40 }, (_, i) => makeSpan({ traceId: traceIdOf(9_000 + i), service: "heat", startTimeUnixNano: BASE_TIME_NANO, endTimeUnixNano: BASE_TIME_NANO + 2_000_000n }));
  await nodes[0]!.traces.writer.writeSpans({ spans });
  const cells = await nodes[1]!.traces.reader.spanLatencyHistogram({ spanFilter: { op: "compare", field: { type: "intrinsic", name: "service" }, cmp: "=", value: "heat" }, exemplars: 10 });
  expect(cells.map((c) => ({ ...c, exemplars: c.exemplars.length }))).toEqual([{ windowStartUnixNano: 0n, bucket: latencyBucketOf(2_000_000), count: 40, exemplars: 10 }]);
});

it("sees alert documents one node wrote from the other, latest version first", async () => {
  const [a, b] = nodes;
  for (let i = 0; i < 10; i++) await a!.alerts.putRule({ id: `rule-${i}`, updatedAtUnixMs: i, body: "v1" });
  await b!.alerts.putRule({ id: "rule-3", updatedAtUnixMs: 100, body: "v2" });
  expect(await b!.alerts.deleteRule("rule-4")).toBe(true);
  const rules = await a!.alerts.listRules();
  expect(rules.map((r) => `${r.id}:${r.body}`)).toEqual(["rule-0:v1", "rule-1:v1", "rule-2:v1", "rule-3:v2", "rule-5:v1", "rule-6:v1", "rule-7:v1", "rule-8:v1", "rule-9:v1"]);
  for (let i = 0; i < 10; i++) await (i % 2 === 0 ? a! : b!).alerts.appendEvent({ id: `ev-${i}`, ruleId: "rule-0", timeUnixMs: 1_000 + i, body: `{"i":${i}}` });
  await a!.alerts.appendEvent({ id: "ev-3", ruleId: "rule-0", timeUnixMs: 2_000, body: "again" });
  const events = (await collect(b!.alerts.findEvents({ ruleId: "rule-0", limit: 4 }))).flat();
  expect(events.map((e) => `${e.id}:${e.body}`)).toEqual(["ev-3:again", 'ev-9:{"i":9}', 'ev-8:{"i":8}', 'ev-7:{"i":7}']);
});
