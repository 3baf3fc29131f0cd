import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { DuckDBConnection } from "@duckdb/node-api";
import { StorageClosedError, StorageUnavailableError } from "@skein/storage";
import { SCHEMA_FILES, readSqlFile } from "./schema.js";

export const DATABASE_FILE = "skein.duckdb";
export const DEFAULT_MEMORY_LIMIT_BYTES = 1024 ** 3;

/** Tunables of the DuckDB file; see docs/adr/002-duckdb-schema.md for how they were chosen. */
export interface DuckDbSettings {
  memoryLimitBytes: number;
  /** Create the ART index on the trace_index key (sql/trace-id-index.sql). */
  traceIdIndex: boolean;
}

/**
 * WAL size that triggers an automatic checkpoint. DuckDB's default (16 MB) checkpoints every few
 * thousand spans and made commits ~5× slower in our measurement; a quarter of the memory budget,
 * capped at 256 MB, keeps the WAL replay at start-up to a few seconds.
 */
export function checkpointThresholdBytes(memoryLimitBytes: number): number {
  return Math.min(256 * 1024 ** 2, Math.max(16 * 1024 ** 2, Math.floor(memoryLimitBytes / 4)));
}

/**
 * The open DuckDB file: one instance per Storage. Readers take a fresh connection per call
 * (a DuckDB connection runs one statement at a time; a stream must not be interrupted by
 * another query) and close it when done. Closed connections or instance → StorageClosedError.
 */
export class DuckDbDatabase {
  private closed = false;

  private constructor(private readonly instance: DuckDBInstance) {}

  /** Creates `dataDir` if missing, opens `dataDir/skein.duckdb`, applies settings and the schema. */
  static async open(dataDir: string, settings: DuckDbSettings): Promise<DuckDbDatabase> {
    const file = join(dataDir, DATABASE_FILE);
    try {
      await mkdir(dataDir, { recursive: true });
      const instance = await DuckDBInstance.create(file, {
        memory_limit: `${Math.max(1, Math.floor(settings.memoryLimitBytes / 1024))}KiB`,
        threads: "2",
        checkpoint_threshold: `${Math.floor(checkpointThresholdBytes(settings.memoryLimitBytes) / 1024)}KiB`,
      });
      const db = new DuckDbDatabase(instance);
      const connection = await db.connect();
      try {
        for (const name of SCHEMA_FILES) await connection.run(await readSqlFile(name));
        if (settings.traceIdIndex) await connection.run(await readSqlFile("trace-id-index.sql"));
      } finally {
        connection.closeSync();
      }
      return db;
    } catch (error) {
      throw new StorageUnavailableError(`cannot open DuckDB file ${file}: ${(error as Error).message}`, { cause: error });
    }
  }

  async connect(): Promise<DuckDBConnection> {
    if (this.closed) throw new StorageClosedError();
    return this.instance.connect();
  }

  /** Runs fn on a fresh connection and closes it afterwards. */
  async withConnection<R>(fn: (connection: DuckDBConnection) => Promise<R>): Promise<R> {
    const connection = await this.connect();
    try {
      return await fn(connection);
    } finally {
      connection.closeSync();
    }
  }

  /** Checkpoints (folds the WAL into the file) and closes. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.withConnection((c) => c.run("CHECKPOINT"));
    } finally {
      this.closed = true;
      this.instance.closeSync();
    }
  }

}

/** Bytes of the database file in `dataDir` plus its write-ahead log; 0 for files not there. */
export async function databaseSizeBytes(dataDir: string): Promise<number> {
  const file = join(dataDir, DATABASE_FILE);
  const sizes = await Promise.all([file, `${file}.wal`].map((f) => stat(f).then((s) => s.size, () => 0)));
  return sizes[0]! + sizes[1]!;
}
