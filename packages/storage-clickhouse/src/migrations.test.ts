import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { MIGRATIONS, MIGRATIONS_TABLE } from "./migration-list.js";
import { appliedVersions, migrate } from "./migrations.js";
import { ClickHouseServerProcess, startClickHouseCluster } from "./testing/index.js";
import type { ClickHouseTestCluster } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

const SINGLE_SERVER_TABLES = [
  "alert_events:ReplacingMergeTree",
  "alert_rules:ReplacingMergeTree",
  "logs:MergeTree",
  "operations:ReplacingMergeTree",
  "service_graph:MergeTree",
  "skein_schema_migrations:ReplacingMergeTree",
  "span_metrics:MergeTree",
  "spans:MergeTree",
  "trace_index:MergeTree",
];
const CLUSTER_TABLES = SINGLE_SERVER_TABLES.flatMap((t) => {
  const [name, engine] = t.split(":");
  return name === MIGRATIONS_TABLE ? [t] : [`${name}:Distributed`, `${name}_local:${engine}`];
});
let server: ClickHouseServerProcess;
let cluster: ClickHouseTestCluster;
const connections: ClickHouseConnection[] = [];
const connect = (url: string) => {
  const c = new ClickHouseConnection({ url, user: "default", password: "", requestTimeoutMs: 10_000 });
  connections.push(c);
  return c;
};

beforeAll(async () => {
  [server, cluster] = await Promise.all([ClickHouseServerProcess.start(), startClickHouseCluster({ shards: 2, name: "skein" })]);
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await killAndDispose([server, ...(cluster?.servers ?? [])]);
});

/** Turns a database at the latest version into one as version 1 left it: version 2's tables dropped, only version 1 recorded. */
async function downgradeToVersion1(servers: ClickHouseConnection[], db: string, clustered: boolean): Promise<void> {
  for (const c of servers) {
    for (const { table } of MIGRATIONS[1]!.tables) {
      await c.command(`DROP TABLE IF EXISTS ${db}.${table}`);
      if (clustered) await c.command(`DROP TABLE IF EXISTS ${db}.${table}_local`);
    }
    await c.command(`DROP TABLE ${db}.${MIGRATIONS_TABLE}`);
    await c.command(`CREATE TABLE ${db}.${MIGRATIONS_TABLE} (version UInt32, name String, applied_at DateTime) ENGINE = ReplacingMergeTree ORDER BY version`);
    await c.insertJsonLines(`${db}.${MIGRATIONS_TABLE}`, JSON.stringify({ version: 1, name: MIGRATIONS[0]!.name, applied_at: 0 }) + "\n");
  }
}

const tablesOf = async (c: ClickHouseConnection, database: string) =>
  (await c.queryAll<{ name: string; engine: string }>(`SELECT name, engine FROM system.tables WHERE database = '${database}' ORDER BY name`)).map((t) => `${t.name}:${t.engine}`);

describe("schema migrations on one server", () => {
  it("create the database, the tables and the record of applied versions", async () => {
    const db = freshDatabase();
    const c = connect(server.url);
    expect(await migrate([c], { database: db })).toEqual(new Map([[server.url, [1, 2]]]));
    expect(await tablesOf(c, db)).toEqual(SINGLE_SERVER_TABLES);
    const recorded = await c.queryAll<{ version: number; name: string; age: string }>(`SELECT version, name, toString(now() - applied_at) AS age FROM ${db}.${MIGRATIONS_TABLE} ORDER BY version`);
    expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, age: expect.stringMatching(/^[0-9]$|^[1-5][0-9]$/) })));
    expect(await appliedVersions(c, db)).toEqual(new Set(MIGRATIONS.map((m) => m.version)));
  });

  it("applying again is a no-op", async () => {
    const db = freshDatabase();
    const c = connect(server.url);
    await migrate([c], { database: db });
    await c.insertJsonLines(`${db}.logs`, '{"service":"kept"}\n');
    expect(await migrate([c], { database: db })).toEqual(new Map([[server.url, []]]));
    expect(await c.queryAll(`SELECT service FROM ${db}.logs`)).toEqual([{ service: "kept" }]);
    expect(await c.queryAll(`SELECT count() AS n FROM ${db}.${MIGRATIONS_TABLE}`)).toEqual([{ n: "2" }]);
  });

  it("a database recorded at every version is left alone, even if its tables differ", async () => {
    const db = freshDatabase();
    const c = connect(server.url);
    await c.command(`CREATE DATABASE ${db}`);
    await c.command(`CREATE TABLE ${db}.${MIGRATIONS_TABLE} (version UInt32, name String, applied_at DateTime) ENGINE = ReplacingMergeTree ORDER BY version`);
    await c.insertJsonLines(`${db}.${MIGRATIONS_TABLE}`, '{"version":1,"name":"by hand","applied_at":0}\n{"version":2,"name":"by hand","applied_at":0}\n');
    await c.command(`CREATE TABLE ${db}.spans (x UInt8) ENGINE = Memory`);
    expect(await migrate([c], { database: db })).toEqual(new Map([[server.url, []]]));
    expect(await tablesOf(c, db)).toEqual(["skein_schema_migrations:ReplacingMergeTree", "spans:Memory"]);
  });

  it("upgrades a database created by version 1: adds the insights tables, keeps the data", async () => {
    const db = freshDatabase();
    const c = connect(server.url);
    await migrate([c], { database: db });
    await downgradeToVersion1([c], db, false);
    expect(await tablesOf(c, db)).toHaveLength(5);
    await c.insertJsonLines(`${db}.spans`, '{"day":"2024-01-01","service":"kept"}\n');
    expect(await migrate([c], { database: db })).toEqual(new Map([[server.url, [2]]]));
    expect(await tablesOf(c, db)).toEqual(SINGLE_SERVER_TABLES);
    expect(await c.queryAll(`SELECT service FROM ${db}.spans`)).toEqual([{ service: "kept" }]);
    expect(await appliedVersions(c, db)).toEqual(new Set([1, 2]));
  });

  it("completes a run interrupted half-way (tables exist, version not recorded)", async () => {
    const db = freshDatabase();
    const c = connect(server.url);
    await c.command(`CREATE DATABASE ${db}`);
    await c.command(`CREATE TABLE ${db}.spans (day Date, x UInt8) ENGINE = MergeTree PARTITION BY day ORDER BY x`);
    expect(await migrate([c], { database: db })).toEqual(new Map([[server.url, [1, 2]]]));
    expect(await tablesOf(c, db)).toHaveLength(SINGLE_SERVER_TABLES.length);
  });

  it("nodes starting at once all succeed", async () => {
    const db = freshDatabase();
    const results = await Promise.all(Array.from({ length: 4 }, () => migrate([connect(server.url)], { database: db })));
    expect(results).toHaveLength(4);
    expect(await appliedVersions(connect(server.url), db)).toEqual(new Set(MIGRATIONS.map((m) => m.version)));
    expect(await tablesOf(connect(server.url), db)).toHaveLength(SINGLE_SERVER_TABLES.length);
  });
});

describe("schema migrations on a cluster", () => {
  it("local MergeTree tables and Distributed tables on every shard, versions recorded on each", async () => {
    const db = freshDatabase();
    const shards = cluster.servers.map((s) => connect(s.url));
    const applied = await migrate(shards, { database: db, cluster: "skein" });
    expect([...applied.values()]).toEqual([[1, 2], [1, 2]]);
    for (const shard of shards) {
      expect(await tablesOf(shard, db)).toEqual(CLUSTER_TABLES);
      expect(await appliedVersions(shard, db)).toEqual(new Set([1, 2]));
    }
    // Rows inserted through one shard's Distributed table spread by trace_id_lo and read back whole from the other.
    const rows = Array.from({ length: 20 }, (_, i) => JSON.stringify({ day: "2024-01-01", trace_id_lo: String(i + 1), service: "s" })).join("\n") + "\n";
    await shards[0]!.insertJsonLines(`${db}.spans`, rows);
    expect(await shards[1]!.queryAll(`SELECT count() AS n FROM ${db}.spans`)).toEqual([{ n: "20" }]);
    for (const shard of shards) expect(Number((await shard.queryAll<{ n: string }>(`SELECT count() AS n FROM ${db}.spans_local`))[0]!.n)).toBeGreaterThan(0);
    expect([...(await migrate(shards, { database: db, cluster: "skein" })).values()]).toEqual([[], []]);
  });

  it("a shard added later gets the schema; two nodes migrating at once both succeed", async () => {
    const db = freshDatabase();
    const [a, b] = cluster.servers.map((s) => s.url);
    // Shard a alone: its schema is made and recorded, then the probe finds shard 2 without one.
    await expect(migrate([connect(a!)], { database: db, cluster: "skein" })).rejects.toMatchObject({ code: "SKEIN_ERR_CLICKHOUSE_SCHEMA", message: expect.stringMatching(/^shard 2 of cluster skein/) });
    expect(await appliedVersions(connect(a!), db)).toEqual(new Set([1, 2]));
    const both = await Promise.all([migrate([connect(a!), connect(b!)], { database: db, cluster: "skein" }), migrate([connect(b!), connect(a!)], { database: db, cluster: "skein" })]);
    expect(both.map((m) => m.get(a!))).toEqual([[], []]);
    expect(await tablesOf(connect(b!), db)).toHaveLength(CLUSTER_TABLES.length);
  });

  it("a shard that lost a _local table fails the migration, naming the shard (from any server)", async () => {
    const db = freshDatabase();
    const shards = cluster.servers.map((s) => connect(s.url));
    await migrate(shards, { database: db, cluster: "skein", shards: 2 });
    await shards[1]!.command(`DROP TABLE ${db}.logs_local`);
    // From shard 1 the server reports the remote shard by its TCP address; shard 2 itself answers UNKNOWN_TABLE.
    await expect(migrate([shards[0]!], { database: db, cluster: "skein", shards: 2 })).rejects.toMatchObject({
      code: "SKEIN_ERR_CLICKHOUSE_SCHEMA",
      message: expect.stringContaining(`shard 2 of cluster skein (the server at 127.0.0.1:${cluster.servers[1]!.tcpPort}, its TCP port) has no table ${db}.logs_local: --clickhouse-shard-urls`),
    });
    await expect(migrate([shards[1]!], { database: db, cluster: "skein" })).rejects.toMatchObject({
      code: "SKEIN_ERR_CLICKHOUSE_SCHEMA",
      message: expect.stringContaining(`shard 2 of cluster skein (ClickHouse at ${cluster.servers[1]!.url}) has no table ${db}.logs_local`),
    });
    // The advice in the message: drop the migrations record there, and the next run re-creates the table.
    await shards[1]!.command(`DROP TABLE ${db}.${MIGRATIONS_TABLE}`);
    expect([...(await migrate(shards, { database: db, cluster: "skein", shards: 2 })).values()]).toEqual([[], [1, 2]]);
    expect(await tablesOf(shards[1]!, db)).toContain("logs_local:MergeTree");
  });

  it("upgrades a cluster created by version 1 on every shard, and refuses a shard that misses a new table", async () => {
    const db = freshDatabase();
    const shards = cluster.servers.map((s) => connect(s.url));
    await migrate(shards, { database: db, cluster: "skein", shards: 2 });
    await downgradeToVersion1(shards, db, true);
    expect(await tablesOf(shards[1]!, db)).toHaveLength(9);
    expect([...(await migrate(shards, { database: db, cluster: "skein", shards: 2 })).values()]).toEqual([[2], [2]]);
    for (const shard of shards) expect(await tablesOf(shard, db)).toEqual(CLUSTER_TABLES);
    await shards[1]!.command(`DROP TABLE ${db}.span_metrics_local`);
    await expect(migrate([shards[0]!], { database: db, cluster: "skein", shards: 2 })).rejects.toMatchObject({
      code: "SKEIN_ERR_CLICKHOUSE_SCHEMA",
      message: expect.stringContaining(`has no table ${db}.span_metrics_local`),
    });
  });

  it("checks the cluster before creating anything: unknown name, or another shard count", async () => {
    const db = freshDatabase();
    const shards = cluster.servers.map((s) => connect(s.url));
    await expect(migrate(shards, { database: db, cluster: "other" })).rejects.toMatchObject({ code: "SKEIN_ERR_CLICKHOUSE_OPTIONS", message: expect.stringMatching(/knows no cluster other \(it has skein\)/) });
    await expect(migrate(shards, { database: db, cluster: "skein", shards: 3 })).rejects.toMatchObject({ message: expect.stringMatching(/cluster skein has 2 shards .* lists 3/) });
    for (const shard of shards) expect(await shard.queryAll(`SELECT name FROM system.databases WHERE name = '${db}'`)).toEqual([]);
  });

  it("refuses a single-server database under a cluster, saying what to do", async () => {
    const db = freshDatabase();
    const shards = cluster.servers.map((s) => connect(s.url));
    await migrate([shards[0]!], { database: db });
    await expect(migrate(shards, { database: db, cluster: "skein" })).rejects.toMatchObject({
      code: "SKEIN_ERR_CLICKHOUSE_SCHEMA",
      message: expect.stringMatching(/created for a single server.*--clickhouse-database/),
    });
  });
});
