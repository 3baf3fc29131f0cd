import { readFile } from "node:fs/promises";

/**
 * The DDL files, in the order they run. They live in src/sql/ and are shipped as such (package.json
 * `files`), so this resolves them next to this module (running from src/) or in ../src/sql
 * (running from dist/). Every statement is idempotent (`IF NOT EXISTS`) and runs at each start, so
 * a data dir created by an older version gains the tables added since (span_metrics,
 * service_graph, alert_*) when it is next opened.
 */
export const SCHEMA_FILES = ["spans.sql", "trace-index.sql", "logs.sql", "span-log-state.sql", "span-metrics.sql", "service-graph.sql", "alerts.sql"] as const;

export type SqlFileName = (typeof SCHEMA_FILES)[number] | "trace-id-index.sql";

export async function readSqlFile(name: SqlFileName): Promise<string> {
  const candidates = [new URL(`./sql/${name}`, import.meta.url), new URL(`../src/sql/${name}`, import.meta.url)];
  let lastError: unknown;
  for (const url of candidates) {
    try {
      return await readFile(url, "utf8");
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`schema file ${name} not found next to ${import.meta.url}`, { cause: lastError });
}
