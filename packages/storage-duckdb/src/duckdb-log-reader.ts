import type { LogRecord } from "@skein/model";
import type { LogQuery, LogReader } from "@skein/storage";
import type { DuckDbHandle } from "./duckdb-handle.js";
import { logFromRow } from "./log-row.js";
import { logSearchSql } from "./log-search-sql.js";
import { ResourceDecoder } from "@skein/storage/stored-form";

/** Reads log records on a connection of its own per call, streamed in DuckDB's chunks. */
export class DuckDbLogReader implements LogReader {
  constructor(private readonly handle: DuckDbHandle) {}

  async *findLogs(query: LogQuery, signal?: AbortSignal): AsyncIterable<LogRecord[]> {
    signal?.throwIfAborted();
    if (query.limit <= 0) return;
    const { sql, params } = logSearchSql(query);
    const connection = await this.handle.db.connect();
    try {
      const result = await connection.stream(sql, params.values, params.types);
      const decoder = new ResourceDecoder();
      for await (const chunk of result) {
        signal?.throwIfAborted();
        yield chunk.getRows().map((row) => logFromRow(row, decoder));
      }
    } finally {
      connection.closeSync();
    }
  }
}
