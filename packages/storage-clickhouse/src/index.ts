import type { StorageAdapter, StorageOptions } from "@skein/storage";
import { ClickHouseStorage } from "./clickhouse-storage.js";

export { ClickHouseStorage, SPOOL_DIR } from "./clickhouse-storage.js";
export type { ClickHouseLogger } from "./clickhouse-storage.js";
export { clickHouseOptionsSchema, parseClickHouseOptions } from "./clickhouse-options.js";
export type { ClickHouseOptions } from "./clickhouse-options.js";
export { ClickHouseConnection } from "./clickhouse-connection.js";
export type { ClickHouseConnectionOptions } from "./clickhouse-connection.js";
export { ClickHouseOptionsError, ClickHouseQueryError, ClickHouseSchemaError, ClickHouseUnavailableError, isRetryable } from "./errors.js";
export { SpoolLockedError } from "./spool/spool-lock.js";
export { parseServerVersion } from "./server-version.js";
export type { ClickHouseFeatures, ServerVersion } from "./server-version.js";
export { MIGRATIONS, MIGRATIONS_TABLE } from "./migration-list.js";
export { migrate } from "./migrations.js";
export { tableNames } from "./table-names.js";
export type { TableNames } from "./table-names.js";

/** Loaded by the server as `(await import("@skein/storage-clickhouse")).default`. */
export default {
  kind: "clickhouse",
  create(options: StorageOptions): ClickHouseStorage {
    return new ClickHouseStorage(options);
  },
} satisfies StorageAdapter;
