import { SPAN_KIND_NAMES } from "@skein/model";
import type { Span, SpanKindName } from "@skein/model";
import { InvalidFilterError, compareCodePoints } from "@skein/storage";
import type { Operation, SpanHistogramCell, SpanHistogramQuery, TraceQuery, TraceReader, TraceSummary } from "@skein/storage";
import { ResourceDecoder } from "@skein/storage/stored-form";
import { operationsSql, servicesSql } from "./catalog-sql.js";
import type { ClickHouseHandle } from "./clickhouse-handle.js";
import { ClickHouseQueryError } from "./errors.js";
import { spanIdFromNumber, traceIdFromHalves } from "./id-columns.js";
import { spanHistogramSql } from "./span-histogram-sql.js";
import type { SpanHistogramCellRow } from "./span-histogram-sql.js";
import { SPAN_COLUMNS, spanFromRow } from "./span-rows.js";
import type { SpanRow } from "./span-rows.js";
import { traceBoundsFromRow, traceBoundsSql, traceSpansSql } from "./trace-lookup-sql.js";
import { traceSearchSql } from "./trace-search-sql.js";
import { summaryFromRow } from "./trace-summary-row.js";
import type { TraceSummaryRow } from "./trace-summary-row.js";

/** The server's exception code for a regex RE2 refuses. */
const CANNOT_COMPILE_REGEXP = 427;

/**
 * Reads spans with one HTTP request per query, streamed in chunks of up to QUERY_CHUNK_ROWS
 * (stopping early cancels the request). The same SQL serves one server and a cluster (its
 * Distributed tables). Throws StorageClosedError outside start..shutdown.
 */
export class ClickHouseTraceReader implements TraceReader {
  constructor(private readonly handle: ClickHouseHandle) {}

  /** Two steps: where the trace is (trace_index, ordered by trace id), then its spans by (service, name, start) bounds — a prefix of the spans' sort key. */
  async *getTrace(traceId: Uint8Array, signal?: AbortSignal): AsyncIterable<Span[]> {
    const { connection, tables } = this.handle.open();
    signal?.throwIfAborted();
    if (traceId.length !== 16) return; // not a trace id: no trace has it
    const bounds = (await connection.queryAll<Record<string, unknown>>(traceBoundsSql(traceId, tables), signal)).map(traceBoundsFromRow);
    if (bounds.length === 0) return;
    const decoder = new ResourceDecoder();
    for await (const rows of connection.query<SpanRow>(traceSpansSql(traceId, bounds, tables, SPAN_COLUMNS), signal)) {
      yield rows.map((row) => spanFromRow(row, decoder));
    }
  }

  /**
   * InvalidFilterError for a bad filter, including a regex JS accepts and RE2 refuses (the
   * server's CANNOT_COMPILE_REGEXP, e.g. `\p{sc=Grek}` or nested repeats beyond RE2's limits).
   */
  async *findTraces(query: TraceQuery, signal?: AbortSignal): AsyncIterable<TraceSummary[]> {
    const { connection, tables } = this.handle.open();
    signal?.throwIfAborted();
    if (query.limit <= 0) return;
    try {
      for await (const rows of connection.query<TraceSummaryRow>(traceSearchSql(query, tables), signal)) yield rows.map(summaryFromRow);
    } catch (error) {
      throw refusedRegex(error);
    }
  }

  async getServices(signal?: AbortSignal): Promise<string[]> {
    const { connection, tables } = this.handle.open();
    const rows = await connection.queryAll<{ service: string }>(servicesSql(tables), signal);
    return [...new Set(rows.map((r) => r.service))].sort(compareCodePoints);
  }

  async getOperations(service: string, signal?: AbortSignal): Promise<Operation[]> {
    const { connection, tables } = this.handle.open();
    const rows = await connection.queryAll<{ name: string; kind: number }>(operationsSql(service, tables), signal);
    const distinct = new Map<string, Operation>();
    for (const row of rows) {
      const operation = { name: row.name, kind: kindName(Number(row.kind)) };
      distinct.set(`${operation.kind}\u0000${operation.name}`, operation);
    }
    return [...distinct.values()].sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.kind, b.kind));
  }
  /** One aggregation query (span-histogram-sql.ts); errors as findTraces. */
  async spanLatencyHistogram(query: SpanHistogramQuery, signal?: AbortSignal): Promise<SpanHistogramCell[]> {
    const { connection, tables } = this.handle.open();
    signal?.throwIfAborted();
    const sql = spanHistogramSql(query, tables);
    try {
      return (await connection.queryAll<SpanHistogramCellRow>(sql, signal)).map(histogramCellFromRow);
    } catch (error) {
      throw refusedRegex(error);
    }
  }
}

/** The server's refusal of a regex as InvalidFilterError; other errors unchanged. */
function refusedRegex(error: unknown): unknown {
  if (error instanceof ClickHouseQueryError && error.serverCode === CANNOT_COMPILE_REGEXP) {
    return new InvalidFilterError(`a regex of the filter is not supported by ClickHouse (RE2): ${error.serverMessage}`, { cause: error });
  }
  return error;
}

function histogramCellFromRow(row: SpanHistogramCellRow): SpanHistogramCell {
  return {
    windowStartUnixNano: BigInt(row.window_start),
    bucket: Number(row.bucket),
    count: Number(row.total),
    exemplars: (row.exemplars ?? []).map((text) => {
      const [hi, lo, span, duration] = text.split(" ");
      return { traceId: traceIdFromHalves(hi!, lo!), spanId: spanIdBytes(span!), durationNano: BigInt(duration!) };
    }),
  };
}

/** A stored span id (never 0 for a stored span: an all-zero id is invalid) as its 8 bytes. */
function spanIdBytes(value: string): Uint8Array {
  return spanIdFromNumber(value) ?? new Uint8Array(8);
}

function kindName(kind: number): SpanKindName {
  return SPAN_KIND_NAMES[kind] ?? "unspecified";
}
