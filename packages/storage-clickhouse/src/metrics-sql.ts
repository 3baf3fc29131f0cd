// Reads of the rollup tables (sql/002-span-metrics.sql, 002-service-graph.sql): GROUP BY in SQL,
// sum of the additive rows. Every value goes through sqlLiteral; the same SQL serves a cluster's
// Distributed tables (aggregation is merged across shards).
import type { MinuteRange, SpanMetricsQuery } from "@skein/storage";
import { rollupHourConditions } from "./rollup-hour-key.js";
import { sqlDate, sqlList, sqlLiteral, sqlUInt64 } from "./sql-literal.js";
import type { TableNames } from "./table-names.js";
import { dayText } from "./utc-day.js";

const MS_PER_DAY = 86_400_000;
/** Beyond the last day a Date column holds (utc-day.ts MAX_DAY) no minute is stored. */
const MAX_MINUTE_MS = Date.UTC(2106, 0, 1);

/**
 * Conditions on minute_ms (start ≤ m < end), on the hour that leads the sort key and on the
 * partition day, so ClickHouse reads only the hours of the range, whichever services; ["0"] for
 * an empty range. Bounds are clamped to what can be stored.
 */
export function minuteRangeConditions(range: MinuteRange): string[] {
  const start = Math.max(0, Math.ceil(range.startUnixMs));
  const end = Math.min(MAX_MINUTE_MS, Math.ceil(range.endUnixMs));
  if (!(start < end)) return ["0"];
  return [
    `minute_ms >= ${sqlUInt64(BigInt(start))}`,
    `minute_ms < ${sqlUInt64(BigInt(end))}`,
    ...rollupHourConditions(BigInt(start), BigInt(end - 1)),
    `day >= ${sqlDate(dayText(Math.floor(start / MS_PER_DAY)))}`,
    `day <= ${sqlDate(dayText(Math.floor((end - 1) / MS_PER_DAY)))}`,
  ];
}

/**
 * The span-metrics cells of `query` (SpanMetricsCell, as SpanMetricsCellRow): per window
 * (epoch-aligned, intDiv(minute_ms, step) × step), the grouped key fields, error (status = 2) and
 * bucket, the summed count, only cells whose sum is > 0. A RangeError unless stepMs is a positive
 * multiple of 60,000.
 */
export function spanMetricsSql(query: SpanMetricsQuery, tables: TableNames): string {
  if (!Number.isSafeInteger(query.stepMs) || query.stepMs <= 0 || query.stepMs % 60_000 !== 0) throw new RangeError(`stepMs ${query.stepMs} is not a positive multiple of 60000`);
  const step = sqlUInt64(BigInt(query.stepMs));
  const where = minuteRangeConditions(query);
  if (query.services !== undefined) where.push(query.services.length === 0 ? "0" : `service IN (${sqlList(query.services)})`);
  if (query.operation !== undefined) where.push(`operation = ${sqlLiteral(query.operation)}`);
  if (query.kinds !== undefined) where.push(query.kinds.length === 0 ? "0" : `kind IN (${sqlList(query.kinds.map((k) => BigInt(k)))})`);
  const grouped = (["service", "operation", "kind"] as const).filter((key) => query.groupBy[key] === true);
  const group = ["window_ms", ...grouped];
  return `SELECT intDiv(minute_ms, ${step}) * ${step} AS window_ms, ${[...grouped, ""].join(", ")}status = 2 AS is_error, bucket, sum(count) AS total
FROM ${tables.spanMetrics}
WHERE ${where.join("\n  AND ")}
GROUP BY ${[...group, "is_error", "bucket"].join(", ")}
HAVING total > 0`;
}

export interface SpanMetricsCellRow {
  window_ms: string;
  service?: string;
  operation?: string;
  kind?: number;
  is_error: number;
  bucket: number;
  total: number;
}

/** The service-graph cells of the range (ServiceGraphCell, as ServiceGraphCellRow): summed over every minute, only sums > 0. */
export function serviceGraphSql(range: MinuteRange, tables: TableNames): string {
  return `SELECT source, source_type, target, target_type, failed, bucket, sum(count) AS total
FROM ${tables.serviceGraph}
WHERE ${minuteRangeConditions(range).join("\n  AND ")}
GROUP BY source, source_type, target, target_type, failed, bucket
HAVING total > 0`;
}

export interface ServiceGraphCellRow {
  source: string;
  source_type: string;
  target: string;
  target_type: string;
  failed: number;
  bucket: number;
  total: number;
}
