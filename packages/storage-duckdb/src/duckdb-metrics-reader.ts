import type { DuckDBValue } from "@duckdb/node-api";
import type { SpanKind } from "@skein/model";
import type { MetricsReader, MinuteRange, ServiceGraphCell, ServiceNodeType, SpanMetricsCell, SpanMetricsQuery } from "@skein/storage";
import type { DuckDbHandle } from "./duckdb-handle.js";
import { serviceGraphSql, spanMetricsSql } from "./metrics-sql.js";
import type { SqlParams } from "./sql-params.js";

/**
 * Reads the rollup tables, summing in SQL (metrics-sql.ts). Each call runs on its own connection,
 * closed when the call ends or the consumer stops iterating; chunks are DuckDB's vectors. Rollup
 * writes commit before they resolve, so there is no log to wait for.
 */
export class DuckDbMetricsReader implements MetricsReader {
  constructor(private readonly handle: DuckDbHandle) {}

  querySpanMetrics(query: SpanMetricsQuery, signal?: AbortSignal): AsyncIterable<SpanMetricsCell[]> {
    return this.stream(() => spanMetricsSql(query), spanMetricsCellFromRow, signal);
  }

  queryServiceGraph(query: MinuteRange, signal?: AbortSignal): AsyncIterable<ServiceGraphCell[]> {
    return this.stream(() => serviceGraphSql(query), serviceGraphCellFromRow, signal);
  }

  private async *stream<T>(build: () => { sql: string; params: SqlParams }, map: (row: readonly DuckDBValue[]) => T, signal?: AbortSignal): AsyncIterable<T[]> {
    signal?.throwIfAborted();
    const { sql, params } = build();
    const connection = await this.handle.db.connect();
    try {
      const result = await connection.stream(sql, params.values, params.types);
      for await (const chunk of result) {
        signal?.throwIfAborted();
        const rows = chunk.getRows();
        if (rows.length > 0) yield rows.map(map);
      }
    } finally {
      connection.closeSync();
    }
  }
}

/** Columns of spanMetricsSql. */
function spanMetricsCellFromRow(row: readonly DuckDBValue[]): SpanMetricsCell {
  return {
    windowStartUnixMs: Number(row[0] as bigint),
    service: row[1] as string | null,
    operation: row[2] as string | null,
    kind: row[3] as SpanKind | null,
    error: row[4] as boolean,
    bucket: row[5] as number,
    count: row[6] as number,
  };
}

/** Columns of serviceGraphSql. */
function serviceGraphCellFromRow(row: readonly DuckDBValue[]): ServiceGraphCell {
  return {
    source: row[0] as string,
    sourceType: row[1] as ServiceNodeType,
    target: row[2] as string,
    targetType: row[3] as ServiceNodeType,
    failed: row[4] as boolean,
    bucket: row[5] as number,
    count: row[6] as number,
  };
}
