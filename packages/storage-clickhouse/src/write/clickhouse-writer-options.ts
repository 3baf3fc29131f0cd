import type { TableNames } from "../table-names.js";

/** Per-insert options the writer passes to WriterConnection.insertEncoded. */
export interface InsertOptions {
  /**
   * The `query_id` to send the INSERT with (`<instance>-<n>`, unique): lets a replay find, in
   * `system.processes`, an insert that ended without an answer and may still be running.
   */
  queryId?: string;
}

/**
 * What the writer needs of a connection (ClickHouseConnection; a counting or failing wrapper in
 * tests). A connection may ignore `options.queryId`: the writer then relies on `settleMs` alone.
 */
export interface WriterConnection {
  insertEncoded(table: string, body: string, signal?: AbortSignal, options?: InsertOptions): Promise<void>;
  queryAll<Row>(sql: string, signal?: AbortSignal): Promise<Row[]>;
}

export type WriterLogger = (level: "info" | "warn" | "error", message: string, fields?: object) => void;

export interface ClickHouseWriterOptions {
  connection: WriterConnection;
  tables: TableNames;
  /** `<dataDir>/clickhouse-spool`; created if missing. One writer per directory: it holds the directory's lock (spool-lock.ts). */
  spoolDir: string;
  /** Bytes the spool may hold; a write that would need more is refused with StorageBackloggedError. */
  spoolMaxBytes: number;
  /** A write waits this long (ms) for ClickHouse to confirm its insert, then is spooled instead. */
  insertTimeoutMs: number;
  logger?: WriterLogger;
  /** Bounds of one grouped INSERT (a single larger write is inserted alone, whole). */
  groupMaxRows?: number;
  groupMaxBytes?: number;
  /** Groups committed at once (default 2): a second group is encoded and sent while the first waits on ClickHouse. */
  groupConcurrency?: number;
  /** Replay backoff while ClickHouse is unreachable: doubles from the first to the second, with jitter (ms). */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Time limit (ms) of the `SELECT 1` that tells whether ClickHouse is back. */
  probeTimeoutMs?: number;
  /**
   * Before re-checking a write whose own insert ended without an answer from the server (a
   * timeout, a broken connection), the replay waits this long (ms) after that end, so a request
   * the server was still executing has landed and is seen by the check (no duplicate).
   */
  settleMs?: number;
  /** A spooled write ClickHouse refuses (not retryable) this many times is moved to `rejected/`. */
  rejectAfterAttempts?: number;
  /**
   * A spooled write that fails with a server exception (not a refusal, e.g. a memory or
   * partition limit) while ClickHouse takes other writes is moved to `rejected/` once it failed
   * this many times over at least `serverRejectAfterMs` (both must be reached). Meanwhile it is
   * retried behind the other spooled writes, and live writes go to ClickHouse as usual.
   */
  serverRejectAfterAttempts?: number;
  serverRejectAfterMs?: number;
  /** Most spooled writes replayed in one batch (one dedup query lists their ingest ids). */
  replayMaxWrites?: number;
  /** While a write waits for an earlier insert of it to end on the server, `system.processes` is checked this often (ms). */
  processPollMs?: number;
  /** Spool segment size (bytes) at which a segment is sealed; tests use small ones. */
  spoolSegmentBytes?: number;
}

export type ResolvedWriterOptions = Required<Omit<ClickHouseWriterOptions, "spoolSegmentBytes">> & Pick<ClickHouseWriterOptions, "spoolSegmentBytes">;

export function resolveWriterOptions(options: ClickHouseWriterOptions): ResolvedWriterOptions {
  return {
    logger: () => undefined,
    groupMaxRows: 100_000,
    groupMaxBytes: 32 * 1024 * 1024,
    groupConcurrency: 2,
    retryInitialMs: 250,
    retryMaxMs: 15_000,
    probeTimeoutMs: 2_000,
    settleMs: 2_000,
    rejectAfterAttempts: 3,
    serverRejectAfterAttempts: 10,
    serverRejectAfterMs: 10 * 60_000,
    replayMaxWrites: 5_000,
    processPollMs: 250,
    ...options,
  };
}
