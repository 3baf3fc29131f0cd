import type { DuckDBAppender } from "@duckdb/node-api";
import type { Span } from "@skein/model";

/** One row of the trace_index table (sql/trace-index.sql). */
export interface TraceIndexRow {
  traceId: Uint8Array;
  startMin: bigint;
  startMax: bigint;
}

/** The start-time range of each trace among `spans`, one row per distinct trace id. */
export function traceIndexRows(spans: readonly Span[]): Iterable<TraceIndexRow> {
  const rows = new Map<string, TraceIndexRow>();
  for (const span of spans) {
    const id = span.traceId;
    const key = Buffer.from(id.buffer, id.byteOffset, id.byteLength).toString("latin1");
    const row = rows.get(key);
    const start = span.startTimeUnixNano;
    if (row === undefined) rows.set(key, { traceId: id, startMin: start, startMax: start });
    else if (start < row.startMin) row.startMin = start;
    else if (start > row.startMax) row.startMax = start;
  }
  return rows.values();
}

/** A 16-byte trace id as its big-endian high and low 64-bit halves (the trace_index key). */
export function traceIdHalves(traceId: Uint8Array): [bigint, bigint] {
  const view = new DataView(traceId.buffer, traceId.byteOffset, traceId.byteLength);
  return [view.getBigUint64(0), view.getBigUint64(8)];
}

export function appendTraceIndexRow(appender: DuckDBAppender, row: TraceIndexRow): void {
  const [hi, lo] = traceIdHalves(row.traceId);
  appender.appendUBigInt(hi);
  appender.appendUBigInt(lo);
  appender.appendUBigInt(row.startMin);
  appender.appendUBigInt(row.startMax);
  appender.endRow();
}
