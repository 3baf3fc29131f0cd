// Time-range conditions shared by the search builders: exact for any bigint bounds.
import { sqlDate, sqlUInt64 } from "./sql-literal.js";
import { utcDayOf } from "./utc-day.js";

const UINT64_MAX = (1n << 64n) - 1n;

/**
 * Conditions (to AND) for `min <= column <= max` on a UInt64 ns column, inclusive, with
 * undefined meaning unbounded: bounds outside [0, 2^64 − 1] fold to nothing (always true) or
 * `0` (never). With `dayColumn`, also bounds on the partition day of that time (utcDayOf, as
 * the writer computes it, clamped the same way), so ClickHouse reads only those partitions.
 */
export function timeRangeConditions(column: string, min: bigint | undefined, max: bigint | undefined, dayColumn?: string): string[] {
  const conditions: string[] = [];
  if (min !== undefined && min > 0n) {
    if (min > UINT64_MAX) return ["0"];
    conditions.push(`${column} >= ${sqlUInt64(min)}`);
    if (dayColumn !== undefined) conditions.push(`${dayColumn} >= ${sqlDate(utcDayOf(min))}`);
  }
  if (max !== undefined && max < UINT64_MAX) {
    if (max < 0n) return ["0"];
    conditions.push(`${column} <= ${sqlUInt64(max)}`);
    if (dayColumn !== undefined) conditions.push(`${dayColumn} <= ${sqlDate(utcDayOf(max))}`);
  }
  return conditions;
}

/** A LIMIT count from a query's `limit`: non-finite or ≤ 0 → 0, fractions dropped. */
export function limitCount(limit: number): bigint {
  if (!(limit > 0)) return 0n;
  return BigInt(Math.floor(Math.min(limit, Number.MAX_SAFE_INTEGER)));
}
