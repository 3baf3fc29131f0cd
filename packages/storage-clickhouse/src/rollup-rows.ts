// Rollups (span metrics, service graph) as rows of their tables (sql/002-*.sql): one
// TabSeparated line per latency bucket, in the tables' column order.
import { LATENCY_BUCKET_COUNT } from "@skein/model";
import type { LatencyBucketCount } from "@skein/model";
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

/**
 * A RangeError unless the minute is a non-negative multiple of 60,000 ms before year 2106 (what
 * the partition Date column holds) and every bucket is an index of the latency bucket scheme
 * (0 ≤ bucket < LATENCY_BUCKET_COUNT) with a finite count > 0 (the port's "non-zero only"; a
 * count is a sum of sample weights). ClickHouse would store most such rows as given, and every
 * later read of their minutes would fail (LatencyHistogram refuses them) or count them wrong:
 * the writer refuses the whole call before any I/O.
 */
function checkRow(minuteUnixMs: number, buckets: readonly LatencyBucketCount[]): void {
  if (!Number.isSafeInteger(minuteUnixMs) || minuteUnixMs < 0 || minuteUnixMs % 60_000 !== 0 || minuteUnixMs >= Date.UTC(2106, 0, 1)) {
    throw new RangeError(`rollup minute ${minuteUnixMs} is not a multiple of 60000 ms between 1970 and 2105`);
  }
  for (const { bucket, count } of buckets) {
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= LATENCY_BUCKET_COUNT) throw new RangeError(`latency bucket ${bucket} is not an integer 0–${LATENCY_BUCKET_COUNT - 1}`);
    if (!(count > 0) || !Number.isFinite(count)) throw new RangeError(`latency bucket count ${count} is not a finite number > 0`);
  }
}

function spanMetricsLines(rows: readonly SpanMetricsRow[], into: RowLines, ingestId: string): void {
  for (const row of rows) {
    checkRow(row.minuteUnixMs, row.buckets);
    for (const code of [row.kind, row.status]) if (!Number.isInteger(code) || code < 0 || code > 255) throw new RangeError(`span kind or status ${code} is not an integer 0–255`);
    const key = { day: into.day(row.minuteUnixMs), minute_ms: String(row.minuteUnixMs), service: tsvString(row.service), operation: tsvString(row.operation), kind: String(row.kind), status: String(row.status) };
    for (const { bucket, count } of row.buckets) {
      const fields = { ...key, bucket: String(bucket), count: float64Field(count), ingest_id: ingestId, ingest_row: String(into.lines.length) };
      into.lines.push(tsvLine(SPAN_METRICS_TABLE_COLUMNS, fields));
    }
  }
}

function serviceGraphLines(rows: readonly ServiceGraphRow[], into: RowLines, ingestId: string): void {
  for (const row of rows) {
    checkRow(row.minuteUnixMs, row.buckets);
    for (const type of [row.sourceType, row.targetType]) if (!SERVICE_NODE_TYPES.includes(type)) throw new RangeError(`unknown service-map node type ${JSON.stringify(type)}`);
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
 * is written, on a row that must not be stored (checkRow): every row of the call is checked
 * before any write is returned.
 */
export function encodeRollupWrites(rollups: Rollups, newId: () => bigint): EncodedWrite[] {
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
