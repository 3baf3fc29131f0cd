import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { StorageUnavailableError } from "@skein/storage";

/**
 * Appends `items` to `table` through a DuckDB appender inside one explicit transaction and commits
 * it; DuckDB's COMMIT writes and syncs the WAL, so the rows survive a crash once this resolves.
 * On any failure the transaction is rolled back (nothing of `items` stays) and this rejects with
 * StorageUnavailableError.
 */
export async function appendAndCommit<T>(
  connection: DuckDBConnection,
  table: string,
  items: readonly T[],
  appendRow: (appender: DuckDBAppender, item: T) => void,
): Promise<void> {
  await connection.run("BEGIN TRANSACTION");
  try {
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
    await connection.run("COMMIT");
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => undefined);
    throw new StorageUnavailableError(`committing ${items.length} rows to ${table} failed: ${(error as Error).message}`, { cause: error });
  }
}
