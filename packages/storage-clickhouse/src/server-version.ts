import type { ClickHouseConnection } from "./clickhouse-connection.js";

/**
 * Newer-server features Skein could use when present. None is required, and correctness never
 * depends on one: the schema and SQL are the subset 18.16 accepts. Today they are detected and
 * reported only; an optimisation that uses one must keep the 18.16 path.
 */
export interface ClickHouseFeatures {
  /** `LowCardinality(String)` without the experimental setting (19.9+). */
  lowCardinality: boolean;
  /** Column compression codecs, `CODEC(ZSTD(…))` (19.1+). */
  codecs: boolean;
  /** Table and column `TTL` (19.6+). */
  ttl: boolean;
  /** Data skipping indexes (`INDEX … TYPE bloom_filter`) without the experimental setting (20.1+). */
  skipIndexes: boolean;
  /** Query parameters `{name:Type}` over HTTP (19.11+). */
  queryParameters: boolean;
}

export interface ServerVersion {
  /** As the server reports it, e.g. "18.16.1" or "24.8.4.13". */
  readonly text: string;
  readonly major: number;
  readonly minor: number;
  readonly features: ClickHouseFeatures;
}

/** [major, minor] from which each feature is available. */
const SINCE: Record<keyof ClickHouseFeatures, [number, number]> = {
  lowCardinality: [19, 9],
  codecs: [19, 1],
  ttl: [19, 6],
  skipIndexes: [20, 1],
  queryParameters: [19, 11],
};

/** Parses `SELECT version()` text; an unparsable one counts as 0.0 (no optional feature). */
export function parseServerVersion(text: string): ServerVersion {
  const match = /^(\d+)\.(\d+)/.exec(text.trim());
  const major = match === null ? 0 : Number(match[1]);
  const minor = match === null ? 0 : Number(match[2]);
  const has = ([m, n]: [number, number]) => major > m || (major === m && minor >= n);
  const features = Object.fromEntries(Object.entries(SINCE).map(([name, since]) => [name, has(since)])) as unknown as ClickHouseFeatures;
  return { text: text.trim(), major, minor, features };
}

export async function detectServerVersion(connection: ClickHouseConnection, signal?: AbortSignal): Promise<ServerVersion> {
  const [row] = await connection.queryAll<{ version: string }>("SELECT version() AS version", signal);
  return parseServerVersion(row?.version ?? "");
}
