import { StorageClosedError } from "@skein/storage";
import type { DuckDbDatabase } from "./duckdb-database.js";
import { WriteGate } from "./write-gate.js";

/**
 * The lifecycle state that a DuckDbStorage shares with its readers and writers: the database
 * exists between start() and shutdown(); writes are accepted only while `accepting`.
 */
export class DuckDbHandle {
  database: DuckDbDatabase | undefined;
  accepting = false;
  /** Resolves once every span write resolved so far is visible to queries (the span log's barrier). */
  spansApplied: () => Promise<void> = () => Promise.resolve();
  /** Write transactions run `shared`, retention `exclusive` (see write-gate.ts). */
  readonly gate = new WriteGate();

  /** The open database, or StorageClosedError before start() / after shutdown(). */
  get db(): DuckDbDatabase {
    if (this.database === undefined) throw new StorageClosedError();
    return this.database;
  }
}
