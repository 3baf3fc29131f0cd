// The coarse time that leads the sort keys of the rollup tables (sql/002-span-metrics.sql,
// 002-service-graph.sql): ORDER BY (intDiv(minute_ms, 3600000), service|source, minute_ms, …),
// so a query over all services for an hour reads that hour's granules, not the whole day.
import { sqlUInt64 } from "./sql-literal.js";

export const ROLLUP_HOUR_MS = 3_600_000n;

/** The sort-key expression, exactly as in the DDL. */
export const ROLLUP_HOUR_KEY = "intDiv(minute_ms, 3600000)";

/**
 * Conditions on the hour key for minutes firstMs ≤ m ≤ lastMs: ClickHouse narrows by the key
 * only through conditions on this very expression (18.16 does not derive them from bounds on
 * minute_ms), so every query that bounds minute_ms adds these too. Non-negative bounds.
 */
export function rollupHourConditions(firstMs: bigint, lastMs: bigint): string[] {
  return [`${ROLLUP_HOUR_KEY} >= ${sqlUInt64(firstMs / ROLLUP_HOUR_MS)}`, `${ROLLUP_HOUR_KEY} <= ${sqlUInt64(lastMs / ROLLUP_HOUR_MS)}`];
}
