import type { TableName } from "./table-names.js";

/**
 * One schema version: a DDL file per table, each `CREATE TABLE IF NOT EXISTS {db}.{table} …`
 * (src/sql/). Every statement must be idempotent — a migration interrupted half-way is run
 * again from its start, and two nodes may run it at once — so a later version that alters a
 * table must check system.columns first (18.16 has no `ADD COLUMN IF NOT EXISTS`).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly tables: readonly { readonly table: TableName; readonly file: string }[];
}

/** Every version, in the order they apply. Stored data: never edit a released one, add a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "spans, trace_index, operations and logs",
    tables: [
      { table: "spans", file: "001-spans.sql" },
      { table: "trace_index", file: "001-trace-index.sql" },
      { table: "operations", file: "001-operations.sql" },
      { table: "logs", file: "001-logs.sql" },
    ],
  },
  {
    version: 2,
    name: "span_metrics, service_graph, alert_rules and alert_events",
    tables: [
      { table: "span_metrics", file: "002-span-metrics.sql" },
      { table: "service_graph", file: "002-service-graph.sql" },
      { table: "alert_rules", file: "002-alert-rules.sql" },
      { table: "alert_events", file: "002-alert-events.sql" },
    ],
  },
];

/** Every table of every version, in the order they are created. */
export const MIGRATED_TABLES: readonly TableName[] = MIGRATIONS.flatMap((m) => m.tables.map((t) => t.table));

/**
 * Sharding keys of the Distributed tables on a cluster: a trace's spans and index rows on one
 * shard (by trace_id_lo), a trace's logs with them, uncorrelated logs anywhere, and a catalog
 * entry always on the same shard so ReplacingMergeTree merges collapse its duplicates. Rollup rows
 * are additive and may land anywhere (by their series, which spreads them); every version of an
 * alert document lands on one shard, so merges collapse the replaced ones.
 */
export const SHARDING_KEYS: Readonly<Record<TableName, string>> = {
  spans: "trace_id_lo",
  trace_index: "trace_id_lo",
  operations: "cityHash64(service, name)",
  logs: "if(trace_id_lo = 0, rand(), trace_id_lo)",
  span_metrics: "cityHash64(service, operation)",
  service_graph: "cityHash64(source, target)",
  alert_rules: "cityHash64(id)",
  alert_events: "cityHash64(id)",
};

/** The table in every database Skein migrates that records the applied versions (per server). */
export const MIGRATIONS_TABLE = "skein_schema_migrations";
