import { join } from "node:path";
import { DATA_DIR, REPO_ROOT } from "./repo-paths.js";
import type { StorageEngine } from "./storage-engine.js";

/**
 * Where one engine's stored data set lives under bench/.data, and what keys it: each engine has
 * its own Skein data dir and manifest, so a DuckDB data set is never taken for a ClickHouse one
 * (or the reverse), and each is re-ingested when its own adapter's DDL changes.
 */
export interface DataSetLocation {
  engine: StorageEngine;
  /** `skein start --data-dir` (DuckDB: holds the database file; ClickHouse: the spool) */
  skeinDataDir: string;
  manifestFile: string;
  /** the adapter's DDL directory (packages/<adapter>/src/sql): its hash is kept in the manifest */
  schemaDir: string;
  /** directories that must still exist for the stored data to exist */
  dataDirs: string[];
}

export const DUCKDB_DATA_SET: DataSetLocation = {
  engine: "duckdb",
  skeinDataDir: join(DATA_DIR, "skein"),
  manifestFile: join(DATA_DIR, "manifest.json"),
  schemaDir: join(REPO_ROOT, "packages", "storage-duckdb", "src", "sql"),
  dataDirs: [join(DATA_DIR, "skein")],
};

/** The bench's clickhouse-server keeps its config, data and logs here, across runs. */
export const CLICKHOUSE_SERVER_DIR = join(DATA_DIR, "clickhouse");
/** The database `skein start --clickhouse-database` gets. */
export const CLICKHOUSE_DATABASE = "skein_bench";

export const CLICKHOUSE_DATA_SET: DataSetLocation = {
  engine: "clickhouse",
  skeinDataDir: join(DATA_DIR, "skein-clickhouse"),
  manifestFile: join(DATA_DIR, "manifest-clickhouse.json"),
  schemaDir: join(REPO_ROOT, "packages", "storage-clickhouse", "src", "sql"),
  dataDirs: [join(CLICKHOUSE_SERVER_DIR, "data", "data", CLICKHOUSE_DATABASE)],
};
