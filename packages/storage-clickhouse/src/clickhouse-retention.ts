import type { RetentionResult } from "@skein/storage";
import type { ClickHouseConnection } from "./clickhouse-connection.js";
import { sqlLiteral } from "./sql-literal.js";
import { DAY_PARTITIONED_TABLES } from "./table-names.js";
import { dayNumberOf, dayStartUnixNano, dayText } from "./utc-day.js";

/** Every table that may hold day partitions: the unsuffixed ones on one server, `<name>_local` on a cluster's shards. */
const PARTITIONED_TABLES: readonly string[] = [...DAY_PARTITIONED_TABLES, ...DAY_PARTITIONED_TABLES.map((t) => `${t}_local`)];

/**
 * Retention by whole UTC days (spans, logs, their side tables and the rollups are `PARTITION BY
 * day`; the alert documents are not partitioned and stay): on each server of `servers` (one
 * server; every shard of a cluster), drops each active partition of Skein's tables in
 * `database` whose day lies entirely before the cutoff, i.e. before the cutoff's UTC day. Reads
 * the partitions from system.parts, so days with no data cost nothing. The boundary applied is
 * the start of the cutoff's day: everything older is gone, that day and later stay. Dropping a
 * partition is atomic per table and safe beside reads and inserts of other days.
 */
export async function dropPartitionsBefore(servers: readonly ClickHouseConnection[], database: string, cutoffUnixNano: bigint, signal?: AbortSignal): Promise<RetentionResult> {
  const cutoffDay = dayNumberOf(cutoffUnixNano);
  const cutoffId = partitionIdOf(dayText(cutoffDay));
  for (const server of servers) {
    const parts = await server.queryAll<{ table: string; partition_id: string }>(
      `SELECT DISTINCT table, partition_id FROM system.parts WHERE active AND database = ${sqlLiteral(database)} ` +
        `AND table IN (${PARTITIONED_TABLES.map((t) => sqlLiteral(t)).join(", ")}) ORDER BY table, partition_id`,
      signal,
    );
    for (const part of parts) {
      // Day partitions have ids YYYYMMDD, which order like the days.
      if (PARTITIONED_TABLES.includes(part.table) && /^\d{8}$/.test(part.partition_id) && part.partition_id < cutoffId) {
        await server.command(`ALTER TABLE ${database}.${part.table} DROP PARTITION ID ${sqlLiteral(part.partition_id)}`, signal);
      }
    }
  }
  return { removedBeforeUnixNano: dayStartUnixNano(cutoffDay) };
}

function partitionIdOf(day: string): string {
  return day.replaceAll("-", "");
}

