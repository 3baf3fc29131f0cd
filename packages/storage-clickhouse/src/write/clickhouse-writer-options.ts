import type { ClickHouseConnection } from "../clickhouse-connection.js";
import type { TableNames } from "../table-names.js";

/** What the writer needs of a connection (a counting or failing wrapper in tests). */
export type WriterConnection = Pick<ClickHouseConnection, "insertEncoded" | "queryAll">;

export type WriterLogger = (level: "info" | "warn" | "error", message: string, fields?: object) => void;

export interface ClickHouseWriterOptions {
  connection: WriterConnection;
  tables: TableNames;
  /** `<dataDir>/clickhouse-spool`; created if missing. One writer per directory. */
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
    ...options,
  };
}
