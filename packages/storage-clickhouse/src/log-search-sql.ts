// searchLogs as one SQL query over the logs table (a plain or a Distributed table).
import type { LogQuery } from "@skein/storage";
import { spanIdNumber, traceIdHalves } from "./id-columns.js";
import { sqlLiteral, sqlUInt64 } from "./sql-literal.js";
import { limitCount, timeRangeConditions } from "./sql-time-range.js";
import type { TableNames } from "./table-names.js";

/** severity_number is a UInt8. */
const MAX_SEVERITY = 255;

/**
 * The log search selecting `columns` (comma-separated, chosen by the caller): every condition of
 * the query ANDed, newest time first (equal times by ingest_id then ingest_row: write order
 * within a write), at most `limit`. Conditions mean what the reference (memory adapter) does:
 * - traceId/spanId compare the id columns; an id of the wrong length matches nothing;
 * - minSeverity is rounded up to the UInt8 column: above 255 matches nothing, and NaN filters
 *   nothing (`severity < NaN` never holds);
 * - bodyContains is a literal, case-insensitive substring of body_text (positionCaseInsensitiveUTF8):
 *   `%`, `_` and `\` are plain characters. Case folds per code point (simple case mapping), not as
 *   the reference's toLowerCase where that depends on context or yields several code points:
 *   `İ` (U+0130) does not contain `i`, `ΟΔΟΣ` contains `οδοσ` but not `οδος`
 *   (LogQuery.bodyContains leaves such folding to the engine);
 * - the time range is on time_ns. Partition days are bounded only with a positive lower bound,
 *   since a record without time (time_ns 0) is filed under the day of its observed time.
 */
export function logSearchSql(query: LogQuery, tables: TableNames, columns: string): string {
  const where: string[] = [];
  if (query.traceId !== undefined) {
    if (query.traceId.length !== 16) return nothing(tables, columns);
    const [hi, lo] = traceIdHalves(query.traceId);
    where.push(`trace_id_hi = ${sqlUInt64(hi)}`, `trace_id_lo = ${sqlUInt64(lo)}`);
  }
  if (query.spanId !== undefined) {
    if (query.spanId.length !== 8) return nothing(tables, columns);
    where.push(`span_id = ${sqlUInt64(spanIdNumber(query.spanId))}`);
  }
  if (query.service !== undefined) where.push(`service = ${sqlLiteral(query.service)}`);
  if (query.minSeverity !== undefined) {
    const min = Math.ceil(query.minSeverity);
    if (min > MAX_SEVERITY) return nothing(tables, columns);
    if (min > 0) where.push(`severity_number >= ${sqlLiteral(BigInt(min))}`);
  }
  if (query.bodyContains !== undefined && query.bodyContains !== "") where.push(`positionCaseInsensitiveUTF8(body_text, ${sqlLiteral(query.bodyContains)}) > 0`);
  const min = query.startTimeMinUnixNano;
  where.push(...timeRangeConditions("time_ns", min, query.startTimeMaxUnixNano, min !== undefined && min > 0n ? "day" : undefined));
  return `SELECT ${columns}
FROM ${tables.logs}${where.length > 0 ? `\nWHERE ${where.join("\n  AND ")}` : ""}
ORDER BY time_ns DESC, ingest_id ASC, ingest_row ASC
LIMIT ${sqlLiteral(limitCount(query.limit))}`;
}

function nothing(tables: TableNames, columns: string): string {
  return `SELECT ${columns} FROM ${tables.logs} WHERE 0`;
}
