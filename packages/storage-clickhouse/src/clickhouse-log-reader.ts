import type { LogRecord } from "@skein/model";
import type { LogQuery, LogReader } from "@skein/storage";
import { ResourceDecoder } from "@skein/storage/stored-form";
import type { ClickHouseHandle } from "./clickhouse-handle.js";
import { LOG_COLUMNS, logFromRow } from "./log-rows.js";
import type { LogRow } from "./log-rows.js";
import { logSearchSql } from "./log-search-sql.js";

/** Reads log records with one HTTP request per query, streamed in chunks; StorageClosedError outside start..shutdown. */
export class ClickHouseLogReader implements LogReader {
  constructor(private readonly handle: ClickHouseHandle) {}

  async *findLogs(query: LogQuery, signal?: AbortSignal): AsyncIterable<LogRecord[]> {
    const { connection, tables } = this.handle.open();
    signal?.throwIfAborted();
    if (query.limit <= 0) return;
    const decoder = new ResourceDecoder();
    for await (const rows of connection.query<LogRow>(logSearchSql(query, tables, LOG_COLUMNS), signal)) yield rows.map((row) => logFromRow(row, decoder));
  }
}
