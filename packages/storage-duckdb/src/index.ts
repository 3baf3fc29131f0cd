import type { StorageAdapter, StorageOptions } from "@skein/storage";
import { DuckDbStorage } from "./duckdb-storage.js";

export { DuckDbStorage } from "./duckdb-storage.js";
export { DATABASE_FILE, DEFAULT_MEMORY_LIMIT_BYTES } from "./duckdb-database.js";
export { MAX_PENDING_ROWS } from "./duckdb-trace-writer.js";
export { StorageOverloadedError } from "./errors.js";
export { SPAN_LOG_DIR } from "./span-ingest-log.js";

/** Loaded by the server as `(await import("@skein/storage-duckdb")).default`. */
export default {
  kind: "duckdb",
  create(options: StorageOptions): DuckDbStorage {
    return new DuckDbStorage(options);
  },
} satisfies StorageAdapter;
