import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { StorageUnavailableError } from "@skein/storage";

/**
 * Runs `fn` inside one explicit transaction and commits it; DuckDB's COMMIT writes and syncs the
 * WAL, so what fn wrote survives a crash once this resolves. On any failure the transaction is
 * rolled back (nothing of it stays) and this rejects with StorageUnavailableError naming `what`.
 */
export async function inTransaction(connection: DuckDBConnection, what: string, fn: () => Promise<void>): Promise<void> {
  await connection.run("BEGIN TRANSACTION");
  try {
    await fn();
    await connection.run("COMMIT");
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => undefined);
    throw new StorageUnavailableError(`committing ${what} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Appends `items` to `table` through a DuckDB appender (row by row, flushed as column chunks). */
export async function appendRows<T>(
  connection: DuckDBConnection,
  table: string,
  items: Iterable<T>,
  appendRow: (appender: DuckDBAppender, item: T) => void,
): Promise<void> {
  const appender = await connection.createAppender(table);
  try {
    for (const item of items) appendRow(appender, item);
    appender.flushSync();
  } catch (error) {
    appender.clear();
    throw error;
  } finally {
    appender.closeSync();
  }
}
