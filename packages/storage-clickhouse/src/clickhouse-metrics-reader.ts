import type { SpanKind } from "@skein/model";
import type { MetricsReader, MinuteRange, ServiceGraphCell, ServiceNodeType, SpanMetricsCell, SpanMetricsQuery } from "@skein/storage";
import type { ClickHouseHandle } from "./clickhouse-handle.js";
import { serviceGraphSql, spanMetricsSql } from "./metrics-sql.js";
import type { ServiceGraphCellRow, SpanMetricsCellRow } from "./metrics-sql.js";
import { SERVICE_NODE_TYPES } from "./rollup-rows.js";

/**
 * Reads the rollups with one query each, aggregated by ClickHouse (metrics-sql.ts) and streamed
 * in chunks. StorageClosedError outside start..shutdown; RangeError for a step that is not a
 * positive multiple of a minute.
 */
export class ClickHouseMetricsReader implements MetricsReader {
  constructor(private readonly handle: ClickHouseHandle) {}

  async *querySpanMetrics(query: SpanMetricsQuery, signal?: AbortSignal): AsyncIterable<SpanMetricsCell[]> {
    const { connection, tables } = this.handle.open();
    const sql = spanMetricsSql(query, tables);
    for await (const rows of connection.query<SpanMetricsCellRow>(sql, signal)) {
      yield rows.map((r) => ({
        windowStartUnixMs: Number(r.window_ms),
        service: r.service ?? null,
        operation: r.operation ?? null,
        kind: r.kind === undefined ? null : (Number(r.kind) as SpanKind),
        error: Number(r.is_error) === 1,
        bucket: Number(r.bucket),
        count: Number(r.total),
      }));
    }
  }

  async *queryServiceGraph(query: MinuteRange, signal?: AbortSignal): AsyncIterable<ServiceGraphCell[]> {
    const { connection, tables } = this.handle.open();
    for await (const rows of connection.query<ServiceGraphCellRow>(serviceGraphSql(query, tables), signal)) {
      yield rows.map((r) => ({
        source: r.source,
        sourceType: nodeType(r.source_type),
        target: r.target,
        targetType: nodeType(r.target_type),
        failed: Number(r.failed) === 1,
        bucket: Number(r.bucket),
        count: Number(r.total),
      }));
    }
  }
}

/** A stored node type; one this version does not know (written by a newer node) reads as "external". */
function nodeType(stored: string): ServiceNodeType {
  return (SERVICE_NODE_TYPES as readonly string[]).includes(stored) ? (stored as ServiceNodeType) : "external";
}
