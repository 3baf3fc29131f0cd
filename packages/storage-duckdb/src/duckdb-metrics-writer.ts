import { StorageClosedError } from "@skein/storage";
import type { MetricsWriter, Rollups } from "@skein/storage";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DuckDbHandle } from "./duckdb-handle.js";
import { inTransaction } from "./appender-commit.js";
import { checkRollups } from "@skein/storage";
import { appendRollups, rollupItems } from "./rollup-rows.js";
import type { RollupItem } from "./rollup-rows.js";
import { TableWriter } from "./table-writer.js";

function commitRollups(connection: DuckDBConnection, items: RollupItem[]): Promise<void> {
  return inTransaction(connection, `${items.length} rollup rows`, () => appendRollups(connection, items));
}

/**
 * Writes span-metrics and service-graph rollups with group commit (see TableWriter): one
 * writeRollups() is committed in one transaction (both tables), durable once it resolves (DuckDB's
 * COMMIT syncs the WAL), and passes the write gate like every write. Rows are never merged on
 * write: the tables are additive and the reader sums.
 */
export class DuckDbMetricsWriter implements MetricsWriter {
  private readonly writer: TableWriter<RollupItem>;

  constructor(private readonly handle: DuckDbHandle) {
    this.writer = new TableWriter(handle, commitRollups);
  }

  /** Rejects with RangeError, before queueing anything, when a row breaks the Rollups contract (checkRollups). */
  writeRollups(rollups: Rollups, signal?: AbortSignal): Promise<void> {
    if (!this.handle.accepting) return Promise.reject(new StorageClosedError());
    try {
      checkRollups(rollups);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.submit(rollupItems(rollups), signal);
  }

  /** Waits for every accepted write to settle, then closes the connection. */
  close(): Promise<void> {
    return this.writer.close();
  }
}
