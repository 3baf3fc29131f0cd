import { bytesToHex } from "@skein/model";
import { join } from "node:path";
import type { SpanBatch } from "@skein/model";
import { StorageClosedError, StorageUnavailableError } from "@skein/storage";
import type { TraceWriter } from "@skein/storage";
import type { DuckDbHandle } from "./duckdb-handle.js";
import { StorageOverloadedError } from "./errors.js";
import { GroupCommitQueue } from "./group-commit.js";
import { APPLY_ROWS, SPAN_LOG_DIR, SpanIngestLog } from "./span-ingest-log.js";
import type { TraceRanges } from "./span-ingest-log.js";
import { MAX_LINE_BYTES, stagedSpanLine } from "./staged-span-line.js";

/** Most write requests merged into one log write + fsync. */
const MAX_REQUESTS_PER_SYNC = 256;
/** Rows synced to the log but not yet in DuckDB beyond which writes are refused (memory and replay time bound). */
export const MAX_PENDING_ROWS = 4 * APPLY_ROWS;

interface Chunk {
  body: string;
  rows: number;
  ranges: TraceRanges;
}

/**
 * Writes spans through the span ingest log (span-ingest-log.ts): a write resolves once its rows
 * are fsynced to the log (concurrent writes share one fsync); DuckDB gets them in big background
 * transactions. Readers call applied() first, so a read sees every resolved write.
 */
export class DuckDbTraceWriter implements TraceWriter {
  private log: SpanIngestLog | undefined;
  /** Rows accepted by writeSpans and not yet synced to the log: they count toward the bound too. */
  private queuedRows = 0;
  private readonly queue = new GroupCommitQueue<Chunk>((chunks) => this.sync(chunks), MAX_REQUESTS_PER_SYNC);

  constructor(
    private readonly handle: DuckDbHandle,
    private readonly maxPendingRows = MAX_PENDING_ROWS,
  ) {}

  /** Opens the log in `dataDir` and replays what a crash left unapplied; before accepting writes. */
  async start(dataDir: string): Promise<void> {
    this.log = new SpanIngestLog(join(dataDir, SPAN_LOG_DIR), () => this.handle.db, this.handle.gate);
    await this.log.recover();
  }

  writeSpans(batch: SpanBatch, signal?: AbortSignal): Promise<void> {
    if (!this.handle.accepting || this.log === undefined) return Promise.reject(new StorageClosedError());
    if (batch.spans.length === 0) return Promise.resolve();
    const waiting = this.log.pendingRows + this.queuedRows;
    if (waiting > 0 && waiting + batch.spans.length > this.maxPendingRows) {
      return Promise.reject(new StorageOverloadedError(`${waiting} spans are waiting to be stored; retry later`));
    }
    const lines: string[] = [];
    const ranges: TraceRanges = new Map();
    for (const span of batch.spans) {
      const trace = bytesToHex(span.traceId);
      let line: string;
      try {
        line = stagedSpanLine(span, trace);
      } catch (error) {
        return Promise.reject(error);
      }
      if (line.length > MAX_LINE_BYTES / 3 && Buffer.byteLength(line) > MAX_LINE_BYTES) {
        return Promise.reject(new StorageUnavailableError(`a span of ${Buffer.byteLength(line)} bytes exceeds the ${MAX_LINE_BYTES}-byte limit`));
      }
      lines.push(line);
      const start = span.startTimeUnixNano;
      const range = ranges.get(trace);
      if (range === undefined) ranges.set(trace, { min: start, max: start });
      else if (start < range.min) range.min = start;
      else if (start > range.max) range.max = start;
    }
    const rows = batch.spans.length;
    this.queuedRows += rows;
    const settled = () => void (this.queuedRows -= rows);
    const written = this.queue.submit([{ body: lines.join(""), rows, ranges }], signal);
    written.then(settled, settled);
    return written;
  }

  private sync(chunks: Chunk[]): Promise<void> {
    const body = Buffer.from(chunks.length === 1 ? chunks[0]!.body : chunks.map((c) => c.body).join(""));
    return this.log!.append(
      body,
      chunks.reduce((n, c) => n + c.rows, 0),
      chunks.map((c) => c.ranges),
    );
  }

  /** Resolves once every write resolved so far is visible to DuckDB queries. */
  async applied(): Promise<void> {
    await this.log?.applied();
  }

  /** Waits for every accepted write to settle, applies the log to DuckDB. */
  async close(): Promise<void> {
    await this.queue.drain();
    await this.log?.close();
  }
}
