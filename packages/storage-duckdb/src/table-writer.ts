import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { appendAndCommit } from "./appender-commit.js";
import type { DuckDbHandle } from "./duckdb-handle.js";
import { GroupCommitQueue } from "./group-commit.js";

/** Most rows per commit; concurrent writes beyond this wait for the next commit. */
export const MAX_ROWS_PER_COMMIT = 16_384;
/** Commits in flight at once, each on its own connection (appends to one table never conflict). */
export const COMMITS_IN_FLIGHT = 2;

/**
 * Group-committed appends to one table. Connections are opened on demand (at most
 * COMMITS_IN_FLIGHT) and closed by close(), after every accepted write has settled.
 */
export class TableWriter<T> {
  private readonly idle: DuckDBConnection[] = [];
  private readonly queue: GroupCommitQueue<T>;

  constructor(
    private readonly handle: DuckDbHandle,
    private readonly table: string,
    private readonly appendRow: (appender: DuckDBAppender, item: T) => void,
  ) {
    this.queue = new GroupCommitQueue<T>((items) => this.commit(items), MAX_ROWS_PER_COMMIT, COMMITS_IN_FLIGHT);
  }

  submit(items: T[], signal?: AbortSignal): Promise<void> {
    return this.queue.submit(items, signal);
  }

  private async commit(items: T[]): Promise<void> {
    const connection = this.idle.pop() ?? (await this.handle.db.connect());
    try {
      await appendAndCommit(connection, this.table, items, this.appendRow);
    } finally {
      this.idle.push(connection);
    }
  }

  async close(): Promise<void> {
    await this.queue.drain();
    for (const c of this.idle.splice(0)) c.closeSync();
  }
}
