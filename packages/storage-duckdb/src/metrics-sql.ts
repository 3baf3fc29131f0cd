import { BIGINT, UTINYINT, VARCHAR } from "@duckdb/node-api";
import type { DuckDBType } from "@duckdb/node-api";
import type { MinuteRange, SpanMetricsQuery } from "@skein/storage";
import { SqlParams } from "./sql-params.js";

const MINUTE_MS = 60_000;
/** Bounds beyond any stored minute; keeps BigInt() of an infinite bound exact and in BIGINT range. */
const FAR_MS = 2 ** 62;

/**
 * A minute bound as a BIGINT parameter. Minutes are integers, so `m >= x` ⇔ `m >= ceil(x)` and
 * `m < x` ⇔ `m < ceil(x)`: both bounds round up.
 */
function minuteBound(ms: number): bigint {
  const clamped = Number.isNaN(ms) ? 0 : Math.min(FAR_MS, Math.max(-FAR_MS, ms));
  return BigInt(Math.ceil(clamped));
}

function minuteRangeWhere(range: MinuteRange, params: SqlParams): string[] {
  return [`minute_ms >= ${params.add(minuteBound(range.startUnixMs), BIGINT)}`, `minute_ms < ${params.add(minuteBound(range.endUnixMs), BIGINT)}`];
}

/** `column IN (…)` with one parameter per value; FALSE for an empty list (nothing matches). */
function inList(column: string, values: readonly (string | number)[], params: SqlParams, type: DuckDBType): string {
  if (values.length === 0) return "FALSE";
  return `${column} IN (${values.map((v) => params.add(v, type)).join(", ")})`;
}

/**
 * The span-metrics cells of a query: sum(count) per (window, kept key fields, error, bucket).
 * The window start is the epoch-aligned floor of the minute (exact for negative minutes too);
 * key fields not in groupBy come back NULL. Columns: window_start, service, operation, kind,
 * error, bucket, count.
 */
export function spanMetricsSql(query: SpanMetricsQuery): { sql: string; params: SqlParams } {
  if (!Number.isSafeInteger(query.stepMs) || query.stepMs <= 0 || query.stepMs % MINUTE_MS !== 0) {
    throw new RangeError(`stepMs ${query.stepMs} is not a positive multiple of ${MINUTE_MS}`);
  }
  const params = new SqlParams();
  const step = params.add(BigInt(query.stepMs), BIGINT);
  const where = minuteRangeWhere(query, params);
  if (query.services !== undefined) where.push(inList("service", query.services, params, VARCHAR));
  if (query.operation !== undefined) where.push(`operation = ${params.add(query.operation, VARCHAR)}`);
  if (query.kinds !== undefined) where.push(inList("kind", query.kinds, params, UTINYINT));
  const { service, operation, kind } = query.groupBy;
  const sql = `SELECT minute_ms - ((minute_ms % ${step}) + ${step}) % ${step} AS window_start,
  ${service === true ? "service" : "NULL::VARCHAR AS service"},
  ${operation === true ? "operation" : "NULL::VARCHAR AS operation"},
  ${kind === true ? "kind" : "NULL::UTINYINT AS kind"},
  status = 2 AS error, bucket, sum(count) AS count
FROM span_metrics
WHERE ${where.join("\n  AND ")}
GROUP BY ALL
HAVING sum(count) > 0`;
  return { sql, params };
}

/**
 * The service-graph cells of a minute range: sum(count) per (edge, failed, bucket) over every
 * minute of the range. Columns: source, source_type, target, target_type, failed, bucket, count.
 */
export function serviceGraphSql(range: MinuteRange): { sql: string; params: SqlParams } {
  const params = new SqlParams();
  const where = minuteRangeWhere(range, params);
  const sql = `SELECT source, source_type, target, target_type, failed, bucket, sum(count) AS count
FROM service_graph
WHERE ${where.join("\n  AND ")}
GROUP BY ALL
HAVING sum(count) > 0`;
  return { sql, params };
}
