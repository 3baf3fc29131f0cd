import { SpanKind, StatusCode } from "@skein/model";
import { makeLog, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { dropPartitionsBefore } from "./clickhouse-retention.js";
import { alertEventLine, alertRuleLine } from "./alert-rows.js";
import { encodeLogWrite, encodeSpanWrite, newIngestId, qualifiedTable } from "./encoded-write.js";
import { encodeRollupWrites } from "./rollup-rows.js";
import type { EncodedWrite } from "./encoded-write.js";
import { migrate } from "./migrations.js";
import { tableNames } from "./table-names.js";
import { ClickHouseServerProcess, startClickHouseCluster } from "./testing/index.js";
import type { ClickHouseTestCluster } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

const DAY = 86_400_000_000_000n;
/** 2024-03-10T00:00:00Z */
const D = 1_710_028_800_000_000_000n;

let server: ClickHouseServerProcess;
let cluster: ClickHouseTestCluster;
const connections: ClickHouseConnection[] = [];
const connect = (url: string) => {
  const c = new ClickHouseConnection({ url, user: "default", password: "", requestTimeoutMs: 10_000 });
  connections.push(c);
  return c;
};

beforeAll(async () => {
  [server, cluster] = await Promise.all([ClickHouseServerProcess.start(), startClickHouseCluster({ shards: 2 })]);
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await killAndDispose([server, ...(cluster?.servers ?? [])]);
});

/** Spans and logs of 20 traces, span metrics and a service-graph edge, on each of the days (ns) given; and one alert rule and event (kept by retention). */
async function fill(via: ClickHouseConnection, database: string, days: bigint[]): Promise<void> {
  const tables = tableNames(database);
  const insert = async (write: EncodedWrite) => {
    for (const side of write.side) await via.insertEncoded(qualifiedTable(tables, side.table), side.body);
    await via.insertEncoded(qualifiedTable(tables, write.main.table), write.main.body);
  };
  for (const [d, day] of days.entries()) {
    const at = day + 3_600_000_000_000n;
    await insert(encodeSpanWrite(Array.from({ length: 20 }, (_, i) => makeSpan({ traceId: traceIdOf(d * 100 + i + 1), spanId: spanIdOf(d * 100 + i + 1), service: `svc-${d}`, startTimeUnixNano: at })), BigInt(d + 1)));
    await insert(encodeLogWrite(Array.from({ length: 20 }, (_, i) => makeLog({ traceId: traceIdOf(d * 100 + i + 1), timeUnixNano: at })), BigInt(d + 1)));
    const minuteUnixMs = Number(at / 1_000_000n);
    const buckets = [{ bucket: 3, count: 1 }];
    const rollups = encodeRollupWrites(
      {
        spanMetrics: Array.from({ length: 20 }, (_, i) => ({ minuteUnixMs, service: `svc-${d}-${i}`, operation: "op", kind: SpanKind.SERVER, status: StatusCode.OK, buckets })),
        serviceGraph: Array.from({ length: 20 }, (_, i) => ({ minuteUnixMs, source: `svc-${d}-${i}`, sourceType: "service" as const, target: "db", targetType: "database" as const, failed: false, buckets })),
      },
      newIngestId,
    );
    for (const write of rollups) await insert(write);
  }
  await via.insertEncoded(tables.alertRules, alertRuleLine({ id: "kept", updatedAtUnixMs: 0, body: "{}" }, 1n, false) + "\n");
  await via.insertEncoded(tables.alertEvents, alertEventLine({ id: "kept", ruleId: "kept", timeUnixMs: 0, body: "{}" }, 1n) + "\n");
}

/** `table:day` of every active part (days as partition ids), sorted and distinct. */
async function partitions(servers: ClickHouseConnection[], database: string): Promise<string[]> {
  const all = new Set<string>();
  for (const s of servers) {
    const rows = await s.queryAll<{ table: string; partition_id: string }>(`SELECT DISTINCT table, partition_id FROM system.parts WHERE active AND database = '${database}' AND table NOT IN ('skein_schema_migrations', 'alert_rules', 'alert_events', 'alert_rules_local', 'alert_events_local')`);
    for (const r of rows) all.add(`${r.table}:${r.partition_id}`);
  }
  return [...all].sort();
}

const every = (suffix: string, ...days: string[]) => ["logs", "operations", "service_graph", "span_metrics", "spans", "trace_index"].flatMap((t) => days.map((d) => `${t}${suffix}:${d}`)).sort();

describe("retention on ClickHouse drops whole UTC days", () => {
  it("drops the partitions of every table before the cutoff's day and reports that day's start", async () => {
    const db = freshDatabase();
    const c = connect(server.url);
    await migrate([c], { database: db });
    await fill(c, db, [D - 3n * DAY, D - DAY, D, D + DAY]);
    expect(await partitions([c], db)).toEqual(every("", "20240307", "20240309", "20240310", "20240311"));

    const result = await dropPartitionsBefore([c], db, D + 12n * 3_600_000_000_000n);
    expect(result).toEqual({ removedBeforeUnixNano: D });
    expect(await partitions([c], db)).toEqual(every("", "20240310", "20240311"));
    expect(await c.queryAll(`SELECT count() AS n FROM ${db}.spans`)).toEqual([{ n: "40" }]);
    expect(await c.queryAll(`SELECT DISTINCT service FROM ${db}.operations ORDER BY service`)).toEqual([{ service: "svc-2" }, { service: "svc-3" }]);
    expect(await c.queryAll(`SELECT count() AS n FROM ${db}.skein_schema_migrations`)).toEqual([{ n: "2" }]);
    expect(await c.queryAll(`SELECT count() AS n FROM ${db}.span_metrics`)).toEqual([{ n: "40" }]);
    expect(await c.queryAll(`SELECT (SELECT count() FROM ${db}.alert_rules) AS rules, (SELECT count() FROM ${db}.alert_events) AS events`)).toEqual([{ rules: "1", events: "1" }]);

    // A cutoff exactly at a day's start keeps that day; running again changes nothing.
    expect(await dropPartitionsBefore([c], db, D + DAY)).toEqual({ removedBeforeUnixNano: D + DAY });
    expect(await partitions([c], db)).toEqual(every("", "20240311"));
    expect(await dropPartitionsBefore([c], db, D + DAY)).toEqual({ removedBeforeUnixNano: D + DAY });
    expect(await partitions([c], db)).toEqual(every("", "20240311"));
  });

  it("handles the 1970-01-01 partition (time 0) and a cutoff of 0", async () => {
    const db = freshDatabase();
    const c = connect(server.url);
    await migrate([c], { database: db });
    await fill(c, db, [0n]);
    expect(await dropPartitionsBefore([c], db, 0n)).toEqual({ removedBeforeUnixNano: 0n });
    expect(await partitions([c], db)).toEqual(every("", "19700101"));
    expect(await dropPartitionsBefore([c], db, DAY)).toEqual({ removedBeforeUnixNano: DAY });
    expect(await partitions([c], db)).toEqual([]);
  });

  it("on a cluster: the local tables of every shard", async () => {
    const db = freshDatabase();
    const shards = cluster.servers.map((s) => connect(s.url));
    await migrate(shards, { database: db, cluster: "skein" });
    await fill(shards[0]!, db, [D - 2n * DAY, D]);
    expect(await partitions(shards, db)).toEqual(every("_local", "20240308", "20240310"));
    for (const shard of shards) expect(await partitions([shard], db)).toEqual(expect.arrayContaining(["spans_local:20240308", "spans_local:20240310"]));
    expect(await dropPartitionsBefore(shards, db, D)).toEqual({ removedBeforeUnixNano: D });
    expect(await partitions(shards, db)).toEqual(every("_local", "20240310"));
    for (const shard of shards) expect(await partitions([shard], db)).toContain("spans_local:20240310");
    expect(await shards[1]!.queryAll(`SELECT count() AS n FROM ${db}.alert_rules`)).toEqual([{ n: "1" }]);
    expect(await shards[1]!.queryAll(`SELECT count() AS n FROM ${db}.spans`)).toEqual([{ n: "20" }]);
  });
});
