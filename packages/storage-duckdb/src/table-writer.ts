import type { DuckDBConnection } from "@duckdb/node-api";
import type { DuckDbHandle } from "./duckdb-handle.js";
import { GroupCommitQueue } from "./group-commit.js";

/** Most rows per commit; concurrent writes beyond this wait for the next commit. */
export const MAX_ROWS_PER_COMMIT = 16_384;
/**
 * Commits in flight at once; must stay 1, as TableWriter commits on a single connection. Two
 * overlapping commits (JS appending one while DuckDB syncs the other, each on its own connection)
 * measured slower than one: 37–49k vs 68–90k spans/s.
 */
export const COMMITS_IN_FLIGHT = 1;

/** Writes `items` in one transaction on `connection` and commits; see appender-commit.ts. */
export type CommitRows<T> = (connection: DuckDBConnection, items: T[]) => Promise<void>;

/**
 * Group-committed writes of one kind of row. Its one connection (COMMITS_IN_FLIGHT is 1) is opened
 * by the first commit and closed by close(), after every accepted write has settled.
 */
export class TableWriter<T> {
  private connection: DuckDBConnection | undefined;
  private readonly queue: GroupCommitQueue<T>;

  constructor(
    private readonly handle: DuckDbHandle,
    private readonly commitRows: CommitRows<T>,
  ) {
    this.queue = new GroupCommitQueue<T>((items) => this.commit(items), MAX_ROWS_PER_COMMIT, COMMITS_IN_FLIGHT);
  }

  submit(items: T[], signal?: AbortSignal): Promise<void> {
    return this.queue.submit(items, signal);
  }

  private async commit(items: T[]): Promise<void> {
    this.connection ??= await this.handle.db.connect();
    const connection = this.connection;
    await this.handle.gate.shared(() => this.commitRows(connection, items));
  }

  async close(): Promise<void> {
    await this.queue.drain();
    this.connection?.closeSync();
    this.connection = undefined;
  }
}
