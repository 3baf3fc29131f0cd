/** Databases (and the cluster name) must be plain identifiers: they are validated, never escaped. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The tables Skein reads and writes, as qualified names; see sql/*.sql. */
export interface TableNames {
  readonly spans: string;
  readonly traceIndex: string;
  readonly operations: string;
  readonly logs: string;
  readonly spanMetrics: string;
  readonly serviceGraph: string;
  readonly alertRules: string;
  readonly alertEvents: string;
}

/** The table names of the migrations, unqualified. On a cluster each is a Distributed table over `<name>_local`. */
export const TABLES = ["spans", "trace_index", "operations", "logs", "span_metrics", "service_graph", "alert_rules", "alert_events"] as const;
export type TableName = (typeof TABLES)[number];

/** The tables partitioned by UTC day (`PARTITION BY day`), whose days retention drops; the alert tables are kept. */
export const DAY_PARTITIONED_TABLES: readonly TableName[] = ["spans", "trace_index", "operations", "logs", "span_metrics", "service_graph"];

/**
 * Qualified names of the tables that queries and inserts use: the MergeTree tables on one
 * server, the Distributed tables on a cluster (same names, so the SQL is the same either way).
 */
export function tableNames(database: string): TableNames {
  if (!IDENTIFIER.test(database)) throw new Error(`invalid ClickHouse database name ${JSON.stringify(database)}: use letters, digits and _`);
  return {
    spans: `${database}.spans`,
    traceIndex: `${database}.trace_index`,
    operations: `${database}.operations`,
    logs: `${database}.logs`,
    spanMetrics: `${database}.span_metrics`,
    serviceGraph: `${database}.service_graph`,
    alertRules: `${database}.alert_rules`,
    alertEvents: `${database}.alert_events`,
  };
}
