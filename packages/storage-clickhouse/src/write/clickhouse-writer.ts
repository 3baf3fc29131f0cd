import type { LogBatch, SpanBatch } from "@skein/model";
import type { LogWriter, MetricsWriter, Rollups, TraceWriter } from "@skein/storage";
import { encodeLogWrite, encodeSpanWrite, newIngestId } from "../encoded-write.js";
import { encodeRollupWrites } from "../rollup-rows.js";
import { DurableWriter } from "./durable-writer.js";
import type { ClickHouseWriterOptions } from "./clickhouse-writer-options.js";

/**
 * The TraceWriter, LogWriter and MetricsWriter of the ClickHouse adapter. Each call is encoded
 * once (with a new ingest id per table it fills) and handed to the DurableWriter: it resolves once the rows are confirmed by
 * ClickHouse or fsynced to the spool in `spoolDir`, which is replayed in the background (see
 * durable-writer.ts for every outcome). Lifecycle: start() once, close() idempotent.
 */
export class ClickHouseWriter implements TraceWriter, LogWriter, MetricsWriter {
  private readonly durable: DurableWriter;

  constructor(options: ClickHouseWriterOptions) {
    this.durable = new DurableWriter(options);
  }

  /** Bytes and writes in the spool, for /metrics. */
  get spooledBytes(): number {
    return this.durable.spooledBytes;
  }

  get spooledWrites(): number {
    return this.durable.spooledWrites;
  }

  /** Writes set aside in `<spoolDir>/rejected/` because ClickHouse kept refusing them, and their bytes (never deleted by Skein). */
  get rejectedWrites(): number {
    return this.durable.rejectedWrites;
  }

  get rejectedBytes(): number {
    return this.durable.rejectedBytes;
  }

  /** Opens the spool (SpoolLockedError if another process uses it), recovers it (torn tails cut) and starts replaying it in the background. */
  start(): Promise<void> {
    return this.durable.start();
  }

  writeSpans(batch: SpanBatch, signal?: AbortSignal): Promise<void> {
    if (batch.spans.length === 0) return Promise.resolve();
    return this.durable.submit(encodeSpanWrite(batch.spans, newIngestId()), signal);
  }

  writeLogs(batch: LogBatch, signal?: AbortSignal): Promise<void> {
    if (batch.logs.length === 0) return Promise.resolve();
    return this.durable.submit(encodeLogWrite(batch.logs, newIngestId()), signal);
  }

  /**
   * Rollups are acknowledged data too: the same durable path (inserted, or spooled and replayed
   * exactly once — rows summed twice would double the counts). A RangeError before any I/O when
   * any row must not be stored (rollup-rows.ts checks every row first). A call holding one kind
   * of row (span_metrics or service_graph only, as the processors send them) is ONE write, all
   * or nothing: it resolves once all its rows are durable, and when it rejects none of them was
   * stored (validation, closed storage, abort before its insert, data refused by ClickHouse, a
   * full spool while ClickHouse is known to be down), so a retry with new ingest ids counts
   * nothing twice. One exception (durable-writer.ts spoolAll): the spool refuses the write (full,
   * disk failure) just after its insert ended without ClickHouse's answer, which may still land.
   * A call holding both kinds is two writes, each durable on its own: should ClickHouse refuse
   * the data of one (a bug, not an outage), the other may be stored although the call rejects.
   */
  async writeRollups(rollups: Rollups, signal?: AbortSignal): Promise<void> {
    const writes = encodeRollupWrites(rollups, newIngestId);
    const results = await Promise.allSettled(writes.map((write) => this.durable.submit(write, signal)));
    for (const result of results) if (result.status === "rejected") throw result.reason;
  }

  /** Resolves once the spool is empty (everything replayed); rejects when `signal` aborts first. */
  drained(signal?: AbortSignal): Promise<void> {
    return this.durable.drained(signal);
  }

  /** Stops accepting writes, settles those in flight (each inserted or spooled), stops replay; the spool stays on disk. */
  close(): Promise<void> {
    return this.durable.close();
  }
}
