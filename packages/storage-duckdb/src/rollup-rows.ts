import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import type { Rollups, ServiceGraphRow, SpanMetricsRow } from "@skein/storage";
import { appendRows } from "./appender-commit.js";


/**
 * One rollup row as the writer queues it. A row expands to one table row per latency bucket
 * (long form, see sql/span-metrics.sql and sql/service-graph.sql).
 */
export type RollupItem = { table: "span_metrics"; row: SpanMetricsRow } | { table: "service_graph"; row: ServiceGraphRow };

/** The rows of `rollups` as queue items, span metrics first (rows checked by checkRollups). */
export function rollupItems(rollups: Rollups): RollupItem[] {
  const items: RollupItem[] = [];
  for (const row of rollups.spanMetrics) items.push({ table: "span_metrics", row });
  for (const row of rollups.serviceGraph) items.push({ table: "service_graph", row });
  return items;
}

/** Appends every bucket of every item to its table (inside the caller's transaction). */
export async function appendRollups(connection: DuckDBConnection, items: RollupItem[]): Promise<void> {
  const spanMetrics: SpanMetricsRow[] = [];
  const serviceGraph: ServiceGraphRow[] = [];
  for (const item of items) {
    if (item.table === "span_metrics") spanMetrics.push(item.row);
    else serviceGraph.push(item.row);
  }
  if (spanMetrics.length > 0) await appendRows(connection, "span_metrics", spanMetrics, appendSpanMetricsRow);
  if (serviceGraph.length > 0) await appendRows(connection, "service_graph", serviceGraph, appendServiceGraphRow);
}

/** Column order of sql/span-metrics.sql. */
function appendSpanMetricsRow(appender: DuckDBAppender, row: SpanMetricsRow): void {
  const minute = BigInt(row.minuteUnixMs);
  for (const { bucket, count } of row.buckets) {
    appender.appendBigInt(minute);
    appender.appendVarchar(row.service);
    appender.appendVarchar(row.operation);
    appender.appendUTinyInt(row.kind);
    appender.appendUTinyInt(row.status);
    appender.appendUSmallInt(bucket);
    appender.appendDouble(count);
    appender.endRow();
  }
}

/** Column order of sql/service-graph.sql. */
function appendServiceGraphRow(appender: DuckDBAppender, row: ServiceGraphRow): void {
  const minute = BigInt(row.minuteUnixMs);
  for (const { bucket, count } of row.buckets) {
    appender.appendBigInt(minute);
    appender.appendVarchar(row.source);
    appender.appendVarchar(row.sourceType);
    appender.appendVarchar(row.target);
    appender.appendVarchar(row.targetType);
    appender.appendBoolean(row.failed);
    appender.appendUSmallInt(bucket);
    appender.appendDouble(count);
    appender.endRow();
  }
}
