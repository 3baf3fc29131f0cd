import type { ClickHouseConnection } from "./clickhouse-connection.js";
import { ClickHouseOptionsError, ClickHouseSchemaError, ClickHouseUnavailableError } from "./errors.js";
import { MIGRATED_TABLES, MIGRATIONS, MIGRATIONS_TABLE, SHARDING_KEYS } from "./migration-list.js";
import type { Migration } from "./migration-list.js";
import { sqlLiteral } from "./sql-literal.js";
import { readSqlFile } from "./sql-files.js";
import { IDENTIFIER } from "./table-names.js";
import type { TableName } from "./table-names.js";

/** Where the schema goes: a database, and on a cluster the cluster its Distributed tables span. */
export interface SchemaLayout {
  database: string;
  cluster?: string;
  /** On a cluster: how many shard servers the caller lists (--clickhouse-shard-urls); the cluster must have that many shards. */
  shards?: number;
}

/** Server exception codes of a concurrent `CREATE … IF NOT EXISTS` that lost the race: the object exists, as wanted. */
const ALREADY_EXISTS = new Set([57, 82]);

/**
 * Brings the schema to the latest version on every server of `servers` (one server; or every
 * shard of a cluster). Per server: the database, the migrations table, then each version that
 * server has not recorded. On a cluster a version first creates the MergeTree tables
 * `<name>_local` on every server that lacks it, then the Distributed tables `<name>` over them,
 * then records itself on each. Every step is idempotent, so two nodes migrating at once both
 * succeed and an interrupted run is completed by the next. Returns the versions applied per URL.
 * On a cluster, before anything is created, every server must know the cluster with `shards`
 * shards (ClickHouseOptionsError otherwise); afterwards each Distributed table is queried once
 * from every server, so a shard without its `_local` tables fails here (ClickHouseSchemaError
 * naming the shard) instead of failing every insert later.
 */
export async function migrate(servers: readonly ClickHouseConnection[], layout: SchemaLayout, signal?: AbortSignal): Promise<Map<string, number[]>> {
  const { database, cluster } = layout;
  for (const name of [database, cluster ?? "_"]) if (!IDENTIFIER.test(name)) throw new TypeError(`not an identifier: ${JSON.stringify(name)}`);
  const applied = new Map<string, number[]>(servers.map((s) => [s.url, []]));
  const each = (servers: readonly ClickHouseConnection[], run: (server: ClickHouseConnection) => Promise<void>) => Promise.all(servers.map(run));
  if (cluster !== undefined) await each(servers, (server) => checkCluster(server, cluster, layout.shards, signal));
  // Servers are independent, and so are the tables of one step: both run concurrently.
  const recorded = await Promise.all(
    servers.map(async (server) => {
      await idempotent(server, `CREATE DATABASE IF NOT EXISTS ${database}`, signal);
      await idempotent(
        server,
        `CREATE TABLE IF NOT EXISTS ${database}.${MIGRATIONS_TABLE} (version UInt32, name String, applied_at DateTime) ENGINE = ReplacingMergeTree ORDER BY version`,
        signal,
      );
      return appliedVersions(server, database, signal);
    }),
  );
  for (const migration of MIGRATIONS) {
    const pending = servers.filter((_, i) => !recorded[i]!.has(migration.version));
    if (pending.length === 0) continue;
    const ddl = await Promise.all(migration.tables.map(async ({ table, file }) => ({ table, text: await readSqlFile(file) })));
    const local = (table: TableName) => (cluster === undefined ? table : `${table}_local`);
    await each(pending, async (server) => void (await Promise.all(ddl.map(({ table, text }) => idempotent(server, fill(text, database, local(table)), signal)))));
    if (cluster !== undefined) {
      await each(pending, async (server) => void (await Promise.all(ddl.map(({ table }) => idempotent(server, distributedDdl(database, cluster, table), signal)))));
    }
    await each(pending, async (server) => {
      await record(server, database, migration, signal);
      applied.get(server.url)!.push(migration.version);
    });
  }
  if (cluster !== undefined) {
    await each(servers, (server) => checkDistributed(server, database, signal));
    await each(servers, (server) => probeDistributed(server, database, cluster, signal));
  }
  return applied;
}

/** The versions recorded in a server's migrations table. */
export async function appliedVersions(server: ClickHouseConnection, database: string, signal?: AbortSignal): Promise<Set<number>> {
  const rows = await server.queryAll<{ version: number }>(`SELECT DISTINCT version FROM ${database}.${MIGRATIONS_TABLE}`, signal);
  return new Set(rows.map((r) => Number(r.version)));
}

function fill(text: string, database: string, table: string): string {
  return text.replaceAll("{db}", database).replaceAll("{table}", table);
}

/** The Distributed table `<table>` over `<table>_local` of every shard, with the same columns. */
export function distributedDdl(database: string, cluster: string, table: TableName): string {
  return `CREATE TABLE IF NOT EXISTS ${database}.${table} AS ${database}.${table}_local ENGINE = Distributed(${cluster}, ${database}, ${table}_local, ${SHARDING_KEYS[table]})`;
}

async function idempotent(server: ClickHouseConnection, sql: string, signal: AbortSignal | undefined): Promise<void> {
  try {
    await server.command(sql, signal);
  } catch (error) {
    if (error instanceof ClickHouseUnavailableError && error.serverCode !== undefined && ALREADY_EXISTS.has(error.serverCode)) return;
    throw error;
  }
}

async function record(server: ClickHouseConnection, database: string, migration: Migration, signal: AbortSignal | undefined): Promise<void> {
  // JSON, not SQL: nothing to escape. Two nodes recording at once leave duplicate rows, which
  // ReplacingMergeTree collapses and appliedVersions reads with DISTINCT.
  const row = { version: migration.version, name: migration.name, applied_at: Math.floor(Date.now() / 1000) };
  await server.insertJsonLines(`${database}.${MIGRATIONS_TABLE}`, JSON.stringify(row) + "\n", signal);
}

/**
 * On a cluster the unsuffixed tables must be Distributed: a database created for one server
 * has MergeTree tables under those names, which would silently keep each node's data local.
 */
async function checkDistributed(server: ClickHouseConnection, database: string, signal: AbortSignal | undefined): Promise<void> {
  const rows = await server.queryAll<{ name: string; engine: string }>(
    `SELECT name, engine FROM system.tables WHERE database = ${sqlLiteral(database)} AND name IN (${MIGRATED_TABLES.map((t) => sqlLiteral(t)).join(", ")})`,
    signal,
  );
  const wrong = rows.filter((r) => r.engine !== "Distributed");
  if (wrong.length > 0) {
    throw new ClickHouseSchemaError(
      `database ${database} on ${server.url} holds ${wrong.map((r) => `${r.name} (${r.engine})`).join(", ")} where a cluster needs Distributed tables: ` +
        `it was created for a single server. Use another database for the cluster (--clickhouse-database), or drop those tables`,
    );
  }
}

/** The server knows `cluster` (remote_servers) with `shards` shards: checked before any table is made for it. */
async function checkCluster(server: ClickHouseConnection, cluster: string, shards: number | undefined, signal: AbortSignal | undefined): Promise<void> {
  const rows = await server.queryAll<{ cluster: string; shards: string }>("SELECT cluster, count(DISTINCT shard_num) AS shards FROM system.clusters GROUP BY cluster ORDER BY cluster", signal);
  const found = rows.find((r) => r.cluster === cluster);
  if (found === undefined) {
    const known = rows.length === 0 ? "it has none" : `it has ${rows.map((r) => r.cluster).join(", ")}`;
    throw new ClickHouseOptionsError(
      `ClickHouse at ${server.url} knows no cluster ${cluster} (${known}): --clickhouse-cluster must name a cluster of the remote_servers ` +
        `section in the configuration of every server Skein connects to`,
    );
  }
  if (shards !== undefined && Number(found.shards) !== shards) {
    throw new ClickHouseOptionsError(
      `cluster ${cluster} has ${found.shards} shards (remote_servers of ClickHouse at ${server.url}) but --clickhouse-shard-urls lists ${shards}: ` +
        `list the HTTP URL of one server of every shard`,
    );
  }
}

/** "There is no table db.t_local on server: host:port" (18.16; later releases may quote the name). */
const REMOTE_TABLE_MISSING = /There is no table [`"]?([\w.`"]+?)[`"]? on server: ([^\s,]+)/;

/** Queries each Distributed table of a cluster once from `server`: every shard must hold its `_local` table. */
async function probeDistributed(server: ClickHouseConnection, database: string, cluster: string, signal: AbortSignal | undefined): Promise<void> {
  for (const table of MIGRATED_TABLES) {
    try {
      await server.queryAll(`SELECT count() FROM ${database}.${table} WHERE 0`, signal);
    } catch (error) {
      throw await probeError(server, { database, cluster }, `${database}.${table}_local`, error, signal);
    }
  }
}

/** The failed probe as a message naming the shard (number and address in system.clusters) when the server's text says which one; other failures unchanged. */
async function probeError(server: ClickHouseConnection, layout: Required<Omit<SchemaLayout, "shards">>, localTable: string, error: unknown, signal: AbortSignal | undefined): Promise<unknown> {
  const { database, cluster } = layout;
  const text = error instanceof Error ? error.message : String(error);
  const remote = REMOTE_TABLE_MISSING.exec(text)?.[2];
  // The server's own shard answers "Table db.t_local doesn't exist" (UNKNOWN_TABLE).
  const local = remote === undefined && error instanceof ClickHouseUnavailableError && error.serverCode === 60 && text.includes(localTable);
  if (remote === undefined && !local) return error;
  const shards = await server
    .queryAll<{ shard_num: number; name: string; address: string; is_local: number }>(
      `SELECT shard_num, concat(host_name, ':', toString(port)) AS name, concat(host_address, ':', toString(port)) AS address, is_local
       FROM system.clusters WHERE cluster = ${sqlLiteral(cluster)}`,
      signal,
    )
    .catch(() => []);
  const shard = shards.find((s) => (remote === undefined ? Number(s.is_local) === 1 : s.name === remote || s.address === remote));
  const which = `${shard === undefined ? "a shard" : `shard ${shard.shard_num}`} of cluster ${cluster} (${remote === undefined ? `ClickHouse at ${server.url}` : `the server at ${remote}, its TCP port`})`;
  return new ClickHouseSchemaError(
    `${which} has no table ${localTable}: --clickhouse-shard-urls must list the HTTP URL of a server of every shard (Skein creates the ` +
      `schema on those). If that server is listed, it lost a table Skein had created: drop ${database}.${MIGRATIONS_TABLE} on it and start ` +
      `again, which re-creates what is missing and keeps the tables that exist`,
  );
}
