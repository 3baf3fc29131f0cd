import { checkRollups } from "@skein/storage";
// Rollups (span metrics, service graph) as rows of their tables (sql/002-*.sql): one
// TabSeparated line per latency bucket, in the tables' column order.
import type { Rollups, ServiceGraphRow, ServiceNodeType, SpanMetricsRow } from "@skein/storage";
import type { EncodedWrite } from "./encoded-write.js";
import { float64Field } from "./span-rows.js";
import { tsvLine, tsvString } from "./tsv-text.js";
import { dayText } from "./utc-day.js";

export const SPAN_METRICS_TABLE_COLUMNS = ["day", "minute_ms", "service", "operation", "kind", "status", "bucket", "count", "ingest_id", "ingest_row"] as const;
export const SERVICE_GRAPH_TABLE_COLUMNS = ["day", "minute_ms", "source", "source_type", "target", "target_type", "failed", "bucket", "count", "ingest_id", "ingest_row"] as const;

/** The node types a service_graph row may name (ServiceNodeType), as stored. */
export const SERVICE_NODE_TYPES: readonly ServiceNodeType[] = ["service", "database", "external", "queue"];

const MS_PER_DAY = 86_400_000;

/** Rows of one table being encoded: lines and the bounds of their days. */
class RowLines {
  readonly lines: string[] = [];
  minDay = Infinity;
  maxDay = -Infinity;

  /** The day (UTC, as the partition) of a minute; counts it into the bounds. */
  day(minuteUnixMs: number): string {
    const day = Math.floor(minuteUnixMs / MS_PER_DAY);
    if (day < this.minDay) this.minDay = day;
    if (day > this.maxDay) this.maxDay = day;
    return dayText(day);
  }

  write(table: "span_metrics" | "service_graph", ingestId: bigint): EncodedWrite {
    return {
      signal: "rollups",
      ingestId,
      rows: this.lines.length,
      main: { table, body: this.lines.length === 0 ? "" : this.lines.join("\n") + "\n" },
      side: [],
      minDay: dayText(this.minDay),
      maxDay: dayText(this.maxDay),
    };
  }
}

function spanMetricsLines(rows: readonly SpanMetricsRow[], into: RowLines, ingestId: string): void {
  for (const row of rows) {
    const key = { day: into.day(row.minuteUnixMs), minute_ms: String(row.minuteUnixMs), service: tsvString(row.service), operation: tsvString(row.operation), kind: String(row.kind), status: String(row.status) };
    for (const { bucket, count } of row.buckets) {
      const fields = { ...key, bucket: String(bucket), count: float64Field(count), ingest_id: ingestId, ingest_row: String(into.lines.length) };
      into.lines.push(tsvLine(SPAN_METRICS_TABLE_COLUMNS, fields));
    }
  }
}

function serviceGraphLines(rows: readonly ServiceGraphRow[], into: RowLines, ingestId: string): void {
  for (const row of rows) {
    const key = {
      day: into.day(row.minuteUnixMs),
      minute_ms: String(row.minuteUnixMs),
      source: tsvString(row.source),
      source_type: row.sourceType,
      target: tsvString(row.target),
      target_type: row.targetType,
      failed: row.failed ? "1" : "0",
    };
    for (const { bucket, count } of row.buckets) {
      const fields = { ...key, bucket: String(bucket), count: float64Field(count), ingest_id: ingestId, ingest_row: String(into.lines.length) };
      into.lines.push(tsvLine(SERVICE_GRAPH_TABLE_COLUMNS, fields));
    }
  }
}

/**
 * The writes of one writeRollups call: one per non-empty table (span_metrics, service_graph),
 * each with its own ingest id from `newId` (a write has one main table, and a replay checks
 * (ingest_id, ingest_row) per table), rows numbered from 0. Throws RangeError, before anything
 * is written, on a row that must not be stored (checkRollups): every row of the call is checked
 * before any write is returned.
 */
export function encodeRollupWrites(rollups: Rollups, newId: () => bigint): EncodedWrite[] {
  checkRollups(rollups);
  const writes: EncodedWrite[] = [];
  const metrics = new RowLines();
  const metricsId = newId();
  spanMetricsLines(rollups.spanMetrics, metrics, metricsId.toString());
  const graph = new RowLines();
  const graphId = newId();
  serviceGraphLines(rollups.serviceGraph, graph, graphId.toString());
  if (metrics.lines.length > 0) writes.push(metrics.write("span_metrics", metricsId));
  if (graph.lines.length > 0) writes.push(graph.write("service_graph", graphId));
  return writes;
}
