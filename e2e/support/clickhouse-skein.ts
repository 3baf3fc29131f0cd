import { SPOOL_DIR } from "@skein/storage-clickhouse";
import { join } from "node:path";

/** How a `skein start` process reaches ClickHouse (the `--clickhouse-*` flags). */
export interface ClickHouseSkeinOptions {
  /** HTTP URL of the server this node talks to (ClickHouseServerProcess.url). */
  url: string;
  /** Database Skein creates and uses; tests give each case its own so counts stay separate. */
  database: string;
  /** Cluster name in remote_servers: Skein then creates `<table>_local` plus Distributed tables. */
  cluster?: string;
  /** Every shard's HTTP URL, where the local tables are created (with `cluster`). */
  shardUrls?: string[];
  /** Size limit of the on-disk spool, such as "64KiB". */
  spoolLimit?: string;
  user?: string;
  password?: string;
}

/** `skein start` arguments selecting ClickHouse storage; appended after SkeinProcess's defaults. */
export function clickHouseSkeinArgs(options: ClickHouseSkeinOptions): string[] {
  const args = ["--storage", "clickhouse", "--clickhouse-url", options.url, "--clickhouse-database", options.database];
  if (options.cluster !== undefined) args.push("--clickhouse-cluster", options.cluster);
  if (options.shardUrls !== undefined) args.push("--clickhouse-shard-urls", options.shardUrls.join(","));
  if (options.spoolLimit !== undefined) args.push("--clickhouse-spool-limit", options.spoolLimit);
  if (options.user !== undefined) args.push("--clickhouse-user", options.user);
  if (options.password !== undefined) args.push("--clickhouse-password", options.password);
  return args;
}

/** The spool of a node: `<data-dir>/clickhouse-spool` (server contract). */
export function spoolDir(dataDir: string): string {
  return join(dataDir, SPOOL_DIR);
}

/** Total bytes of the files under `dir` (0 when it does not exist): the adapter's own measure of its spool. */
export { directorySizeBytes as directoryBytes } from "@skein/storage-clickhouse/testing";
