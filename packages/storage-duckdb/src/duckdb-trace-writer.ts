import type { Span, SpanBatch } from "@skein/model";
import { StorageClosedError } from "@skein/storage";
import type { TraceWriter } from "@skein/storage";
import type { DuckDbHandle } from "./duckdb-handle.js";
import { appendSpanRow } from "./span-row.js";
import { TableWriter } from "./table-writer.js";

/** Writes spans to the `spans` table with group commit (see TableWriter). */
export class DuckDbTraceWriter implements TraceWriter {
  private readonly writer: TableWriter<Span>;

  constructor(private readonly handle: DuckDbHandle) {
    this.writer = new TableWriter(handle, "spans", appendSpanRow);
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
