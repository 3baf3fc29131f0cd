import { BIGINT, BLOB, UBIGINT, UTINYINT, VARCHAR, blobValue } from "@duckdb/node-api";
import type { LogQuery } from "@skein/storage";
import { LOG_COLUMNS } from "./log-row.js";
import { SqlParams } from "./sql-params.js";

/**
 * The log search: every condition of the query ANDed, newest time first (equal times in write
 * order), limited. bodyContains is
 * a literal, case-insensitive substring (`contains`, so `%` and `_` are plain characters).
 */
export function logSearchSql(query: LogQuery): { sql: string; params: SqlParams } {
  const params = new SqlParams();
  const where: string[] = [];
  if (query.traceId !== undefined) where.push(`trace_id = ${params.add(blobValue(query.traceId), BLOB)}`);
  if (query.spanId !== undefined) where.push(`span_id = ${params.add(blobValue(query.spanId), BLOB)}`);
  if (query.service !== undefined) where.push(`service = ${params.add(query.service, VARCHAR)}`);
  if (query.minSeverity !== undefined) where.push(`severity_number >= ${params.add(clampSeverity(query.minSeverity), UTINYINT)}`);
  if (query.bodyContains !== undefined) where.push(`contains(lower(body_text), lower(${params.add(query.bodyContains, VARCHAR)}))`);
  if (query.startTimeMinUnixNano !== undefined) where.push(`time_ns >= ${params.add(query.startTimeMinUnixNano, UBIGINT)}`);
  if (query.startTimeMaxUnixNano !== undefined) where.push(`time_ns <= ${params.add(query.startTimeMaxUnixNano, UBIGINT)}`);
  const limit = params.add(BigInt(Math.max(0, Math.floor(query.limit))), BIGINT);
  const sql = `SELECT ${LOG_COLUMNS} FROM logs${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY time_ns DESC, rowid ASC LIMIT ${limit}`;
  return { sql, params };
}

function clampSeverity(n: number): number {
  return Math.min(255, Math.max(0, Math.ceil(n)));
}
