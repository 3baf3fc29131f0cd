import { BLOB, UBIGINT, VARCHAR, blobValue } from "@duckdb/node-api";
import type { DuckDBListValue, DuckDBStructValue, DuckDBValue } from "@duckdb/node-api";
import { SPAN_KIND_NAMES } from "@skein/model";
import type { Span, SpanKindName } from "@skein/model";
import { compareCodePoints } from "@skein/storage";
import type { Operation, SpanHistogramCell, SpanHistogramQuery, TraceQuery, TraceReader, TraceSummary } from "@skein/storage";
import type { DuckDbHandle } from "./duckdb-handle.js";
import { ResourceDecoder } from "@skein/storage/stored-form";
import { SPAN_COLUMNS, bytesOf, spanFromRow } from "./span-row.js";
import { traceIdHalves } from "./trace-index-row.js";
import { spanHistogramSql } from "./span-histogram-sql.js";
import { traceSearchSql } from "./trace-search-sql.js";

/**
 * Reads spans, after waiting for the span log to be applied (read-your-writes). Each call runs on its own connection, closed when the call ends (or when the
 * consumer stops iterating). Chunks are DuckDB's vectors (≤ 2048 rows).
 */
export class DuckDbTraceReader implements TraceReader {
  constructor(private readonly handle: DuckDbHandle) {}

  /**
   * Two steps: the trace's start range from trace_index (a small table), then the spans with that
   * range as constant bounds, so zone maps skip the row groups of other times.
   */
  async *getTrace(traceId: Uint8Array, signal?: AbortSignal): AsyncIterable<Span[]> {
    signal?.throwIfAborted();
    await this.handle.spansApplied();
    const connection = await this.handle.db.connect();
    try {
      if (traceId.length !== 16) return; // not a trace id: no trace has it
      const [hi, lo] = traceIdHalves(traceId);
      const bounds = (
        await connection.runAndReadAll(
          "SELECT min(start_min), max(start_max) FROM trace_index WHERE trace_id_hi = $1 AND trace_id_lo = $2",
          [hi, lo],
          [UBIGINT, UBIGINT],
        )
      ).getRows()[0];
      const [min, max] = bounds ?? [null, null];
      if (min === null || max === null || min === undefined || max === undefined) return;
      const result = await connection.stream(
        `SELECT ${SPAN_COLUMNS} FROM spans WHERE trace_id = $1 AND start_ns BETWEEN $2 AND $3`,
        [blobValue(traceId), min, max],
        [BLOB, UBIGINT, UBIGINT],
      );
      const decoder = new ResourceDecoder();
      for await (const chunk of result) {
        signal?.throwIfAborted();
        yield chunk.getRows().map((row) => spanFromRow(row, decoder));
      }
    } finally {
      connection.closeSync();
    }
  }

  async *findTraces(query: TraceQuery, signal?: AbortSignal): AsyncIterable<TraceSummary[]> {
    signal?.throwIfAborted();
    if (query.limit <= 0) return;
    await this.handle.spansApplied();
    const { sql, params } = traceSearchSql(query);
    const connection = await this.handle.db.connect();
    try {
      const result = await connection.stream(sql, params.values, params.types);
      for await (const chunk of result) {
        signal?.throwIfAborted();
        yield chunk.getRows().map(summaryFromRow);
      }
    } finally {
      connection.closeSync();
    }
  }

  async getServices(signal?: AbortSignal): Promise<string[]> {
    signal?.throwIfAborted();
    await this.handle.spansApplied();
    const rows = await this.handle.db.withConnection(async (c) => (await c.runAndReadAll("SELECT DISTINCT service FROM spans")).getRows());
    return rows.map((r) => r[0] as string).sort(compareCodePoints);
  }

  async getOperations(service: string, signal?: AbortSignal): Promise<Operation[]> {
    signal?.throwIfAborted();
    await this.handle.spansApplied();
    const rows = await this.handle.db.withConnection(
      async (c) => (await c.runAndReadAll("SELECT DISTINCT name, kind FROM spans WHERE service = $1", [service], [VARCHAR])).getRows(),
    );
    const operations = rows.map((r) => ({ name: r[0] as string, kind: kindName(r[1] as number) }));
    return operations.sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.kind, b.kind));
  }

  /**
   * One aggregate query (span-histogram-sql.ts); the result is bounded by windows × buckets.
   * Measured on 2 shared cores over 500k matching spans: ~40–80 ms without exemplars, ~0.2 s with
   * 3 per cell (max_by keeps the latest n per cell), ~0.35 s with 10 and no step.
   */
  async spanLatencyHistogram(query: SpanHistogramQuery, signal?: AbortSignal): Promise<SpanHistogramCell[]> {
    signal?.throwIfAborted();
    const { sql, params } = spanHistogramSql(query);
    await this.handle.spansApplied();
    const rows = await this.handle.db.withConnection(async (c) => (await c.runAndReadAll(sql, params.values, params.types)).getRows());
    signal?.throwIfAborted();
    return rows.map(histogramCellFromRow);
  }
}

function kindName(kind: number): SpanKindName {
  return SPAN_KIND_NAMES[kind] ?? "unspecified";
}

/**
 * One row of traceSearchSql as a TraceSummary. Columns in order: trace_id, trace_start, trace_end,
 * span_count, error_count, root_service, root_name, services.
 */
function summaryFromRow(row: readonly DuckDBValue[]): TraceSummary {
  const start = row[1] as bigint;
  const end = row[2] as bigint;
  const services = (row[7] as DuckDBListValue).items.map((item) => {
    const s = (item as DuckDBStructValue).entries;
    return { name: s["name"] as string, spanCount: Number(s["span_count"] as bigint), errorCount: Number(s["error_count"] as bigint) };
  });
  return {
    traceId: bytesOf(row[0]!),
    startTimeUnixNano: start,
    durationNano: end > start ? end - start : 0n,
    spanCount: Number(row[3] as bigint),
    errorCount: Number(row[4] as bigint),
    rootService: row[5] as string,
    rootName: row[6] as string,
    services,
  };
}

/** One row of spanHistogramSql. Columns: window_start, bucket, count, exemplars. */
function histogramCellFromRow(row: readonly DuckDBValue[]): SpanHistogramCell {
  const exemplars = row[3] === null ? [] : (row[3] as DuckDBListValue).items.map((item) => {
    const e = (item as DuckDBStructValue).entries;
    return { traceId: bytesOf(e["trace_id"]!), spanId: bytesOf(e["span_id"]!), durationNano: e["duration"] as bigint };
  });
  return { windowStartUnixNano: row[0] as bigint, bucket: row[1] as number, count: row[2] as number, exemplars };
}
