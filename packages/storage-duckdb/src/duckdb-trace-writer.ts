import type { Span, SpanBatch } from "@skein/model";
import { StorageClosedError } from "@skein/storage";
import type { TraceWriter } from "@skein/storage";
import type { DuckDbHandle } from "./duckdb-handle.js";
import type { DuckDBConnection } from "@duckdb/node-api";
import { appendRows, inTransaction } from "./appender-commit.js";
import { appendSpanRow } from "./span-row.js";
import { TableWriter } from "./table-writer.js";
import { appendTraceIndexRow, traceIndexRows } from "./trace-index-row.js";

/** The spans and their trace_index rows, in one transaction. */
function commitSpans(connection: DuckDBConnection, spans: Span[]): Promise<void> {
  return inTransaction(connection, `${spans.length} spans`, async () => {
    await appendRows(connection, "spans", spans, appendSpanRow);
    await appendRows(connection, "trace_index", traceIndexRows(spans), appendTraceIndexRow);
  });
}

/** Writes spans to the `spans` and `trace_index` tables with group commit (see TableWriter). */
export class DuckDbTraceWriter implements TraceWriter {
  private readonly writer: TableWriter<Span>;

  constructor(private readonly handle: DuckDbHandle) {
    this.writer = new TableWriter(handle, commitSpans);
  }

  writeSpans(batch: SpanBatch, signal?: AbortSignal): Promise<void> {
    if (!this.handle.accepting) return Promise.reject(new StorageClosedError());
    return this.writer.submit(batch.spans, signal);
  }

  /** Waits for every accepted write to settle, then closes the connections. */
  close(): Promise<void> {
    return this.writer.close();
  }
}
