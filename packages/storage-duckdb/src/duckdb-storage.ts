import { join } from "node:path";
import { StorageClosedError } from "@skein/storage";
import type { RetentionResult, Storage, StorageCapabilities, StorageOptions } from "@skein/storage";
import { DEFAULT_MEMORY_LIMIT_BYTES, DuckDbDatabase, databaseSizeBytes } from "./duckdb-database.js";
import { deleteBeforeInDuckDb } from "./duckdb-retention.js";

/** Whether the ART index on the trace_index key is created unless `options.traceIdIndex` says otherwise. */
export const DEFAULT_TRACE_ID_INDEX = false;
import { DuckDbHandle } from "./duckdb-handle.js";
import { SPAN_LOG_DIR, spanLogSizeBytes } from "./span-ingest-log.js";
import { DuckDbAlertStore } from "./duckdb-alert-store.js";
import { DuckDbLogReader } from "./duckdb-log-reader.js";
import { DuckDbLogWriter } from "./duckdb-log-writer.js";
import { DuckDbMetricsReader } from "./duckdb-metrics-reader.js";
import { DuckDbMetricsWriter } from "./duckdb-metrics-writer.js";
import { DuckDbTraceReader } from "./duckdb-trace-reader.js";
import { DuckDbTraceWriter, MAX_PENDING_ROWS } from "./duckdb-trace-writer.js";

function maxPendingSpans(options: StorageOptions): number {
  const value = options.options?.["maxPendingSpans"];
  return typeof value === "number" && value > 0 ? value : MAX_PENDING_ROWS;
}

/**
 * Skein's embedded default storage: one DuckDB file, `<dataDir>/skein.duckdb` (plus its `.wal`).
 * Adapter options (`StorageOptions.options`): `traceIdIndex` (boolean) creates an ART index on
 * trace_index's trace id; once created it stays (DuckDB keeps it in the file). `maxPendingSpans`
 * (number, default MAX_PENDING_ROWS) bounds the spans acknowledged but not yet applied to DuckDB;
 * beyond it writes fail with SKEIN_ERR_OVERLOADED.
 * One process may hold the file at a time. Lifecycle: start() once opens the file and applies the
 * schema; shutdown() stops accepting writes, waits for accepted ones to commit, checkpoints and
 * closes; it is idempotent and safe before start(). Readers and writers throw StorageClosedError
 * outside that window. Span writes are acknowledged once fsynced to the span log (`<dataDir>/span-log/`, replayed
 * at start), log, rollup and alert writes after DuckDB's commit (WAL synced); see
 * docs/adr/004-span-ingest-log.md.
 * Retention (deleteBefore) is exact and checkpoints so new data reuses the freed space
 * (duckdb-retention.ts).
 */
export class DuckDbStorage implements Storage {
  readonly kind = "duckdb";
  readonly capabilities: StorageCapabilities = { attributeFilters: true, regex: true, booleanFilters: true };
  readonly traces: { reader: DuckDbTraceReader; writer: DuckDbTraceWriter };
  readonly logs: { reader: DuckDbLogReader; writer: DuckDbLogWriter };
  readonly metrics: { reader: DuckDbMetricsReader; writer: DuckDbMetricsWriter };
  readonly alerts: DuckDbAlertStore;

  private readonly handle = new DuckDbHandle();
  private state: "new" | "starting" | "started" | "stopped" = "new";
  private stopping: Promise<void> | undefined;
  private starting: Promise<void> | undefined;
  /** Retention passes in progress; shutdown() lets them finish before closing the file. */
  private readonly retentions = new Set<Promise<unknown>>();

  constructor(private readonly options: StorageOptions) {
    this.traces = { reader: new DuckDbTraceReader(this.handle), writer: new DuckDbTraceWriter(this.handle, maxPendingSpans(options)) };
    this.logs = { reader: new DuckDbLogReader(this.handle), writer: new DuckDbLogWriter(this.handle) };
    this.metrics = { reader: new DuckDbMetricsReader(this.handle), writer: new DuckDbMetricsWriter(this.handle) };
    this.alerts = new DuckDbAlertStore(this.handle);
  }

  start(): Promise<void> {
    if (this.state !== "new") return Promise.reject(new Error(`DuckDbStorage.start() called twice (state: ${this.state})`));
    this.state = "starting";
    this.starting = this.open();
    return this.starting;
  }

  private async open(): Promise<void> {
    const database = await DuckDbDatabase.open(this.options.dataDir, {
      memoryLimitBytes: this.options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES,
      traceIdIndex: this.options.options?.["traceIdIndex"] === undefined ? DEFAULT_TRACE_ID_INDEX : this.options.options["traceIdIndex"] === true,
    });
    if (this.state !== "starting") {
      await database.close(); // shutdown() arrived while opening
      return;
    }
    this.handle.database = database;
    this.handle.spansApplied = () => this.traces.writer.applied();
    try {
      await this.traces.writer.start(this.options.dataDir); // replays the span log
    } catch (error) {
      this.handle.database = undefined;
      this.state = "stopped";
      await database.close().catch(() => undefined);
      throw error;
    }
    if (this.state !== "starting") return; // shutdown() arrived during replay: it closes the database
    this.handle.accepting = true;
    this.state = "started";
  }

  shutdown(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    this.state = "stopped";
    this.handle.accepting = false;
    // A start() in progress (opening, replaying the log) finishes first, so the close below
    // never races its transactions; its own failure was already reported to its caller.
    await this.starting?.catch(() => undefined);
    await Promise.all([...this.retentions].map((pass) => pass.catch(() => undefined)));
    const database = this.handle.database;
    if (database === undefined) return;
    try {
      await Promise.all([this.traces.writer.close(), this.logs.writer.close(), this.metrics.writer.close(), this.alerts.close()]);
    } finally {
      this.handle.database = undefined;
      await database.close();
    }
  }

  /**
   * Exact retention (`removedBeforeUnixNano` = the cutoff): see duckdb-retention.ts. Writes wait
   * while it deletes and checkpoints; reads go on. StorageClosedError outside start()…shutdown().
   */
  deleteBefore(cutoffUnixNano: bigint, signal?: AbortSignal): Promise<RetentionResult> {
    if (this.state !== "started") return Promise.reject(new StorageClosedError());
    const pass = deleteBeforeInDuckDb(this.handle, cutoffUnixNano, signal);
    this.retentions.add(pass);
    const done = () => void this.retentions.delete(pass);
    pass.then(done, done);
    return pass;
  }

  /** Bytes of the database file, its WAL and the span log (also before start() and after shutdown()). */
  async sizeBytes(): Promise<number> {
    const [database, log] = await Promise.all([databaseSizeBytes(this.options.dataDir), spanLogSizeBytes(join(this.options.dataDir, SPAN_LOG_DIR))]);
    return database + log;
  }
}
