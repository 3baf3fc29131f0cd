import type { LogBatch, LogRecord } from "@skein/model";
import { StorageClosedError } from "@skein/storage";
import type { LogWriter } from "@skein/storage";
import type { DuckDbHandle } from "./duckdb-handle.js";
import type { DuckDBConnection } from "@duckdb/node-api";
import { appendRows, inTransaction } from "./appender-commit.js";
import { appendLogRow } from "./log-row.js";
import { TableWriter } from "./table-writer.js";

function commitLogs(connection: DuckDBConnection, logs: LogRecord[]): Promise<void> {
  return inTransaction(connection, `${logs.length} log records`, () => appendRows(connection, "logs", logs, appendLogRow));
}

/** Writes log records to the `logs` table with group commit (see TableWriter). */
export class DuckDbLogWriter implements LogWriter {
  private readonly writer: TableWriter<LogRecord>;

  constructor(private readonly handle: DuckDbHandle) {
    this.writer = new TableWriter(handle, commitLogs);
  }

  writeLogs(batch: LogBatch, signal?: AbortSignal): Promise<void> {
    if (!this.handle.accepting) return Promise.reject(new StorageClosedError());
    return this.writer.submit(batch.logs, signal);
  }

  /** Waits for every accepted write to settle, then closes the connections. */
  close(): Promise<void> {
    return this.writer.close();
  }
}
