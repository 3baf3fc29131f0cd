import { BIGINT, UBIGINT } from "@duckdb/node-api";
import type { TraceQuery } from "@skein/storage";
import { compileSpanFilterSql } from "./filter-compiler.js";
import { SqlParams } from "./sql-params.js";

/**
 * The search query: traces with at least one span matching the filter (same-span semantics)
 * whose start lies in the time range, ordered by trace start (min over ALL its spans) descending
 * then trace id ascending, limited; each row summarizes ALL spans of its trace as TraceSummary:
 * root = earliest span without parent, else earliest span (ties by span id); services by name.
 * `services` is a list of {name, span_count, error_count} structs.
 *
 * Pruning (exact): a trace's start is at most its first matching span's start (`first_hit`). The
 * `limit` traces with the latest first_hit are probed for their real starts; the lowest of those,
 * `bound`, is at most the limit-th latest trace start overall, so only traces with
 * first_hit >= bound can be in the result, and only those are aggregated over all their spans.
 */
export function traceSearchSql(query: TraceQuery): { sql: string; params: SqlParams } {
  const params = new SqlParams();
  const where: string[] = [];
  if (query.spanFilter !== undefined) where.push(compileSpanFilterSql(query.spanFilter, params));
  if (query.startTimeMinUnixNano !== undefined) where.push(`start_ns >= ${params.add(query.startTimeMinUnixNano, UBIGINT)}`);
  if (query.startTimeMaxUnixNano !== undefined) where.push(`start_ns <= ${params.add(query.startTimeMaxUnixNano, UBIGINT)}`);
  const limit = params.add(BigInt(Math.max(0, Math.floor(query.limit))), BIGINT);
  const sql = `WITH hits AS MATERIALIZED (
  SELECT trace_id, min(start_ns) AS first_hit FROM spans${where.length > 0 ? `\n  WHERE ${where.join("\n    AND ")}` : ""}
  GROUP BY trace_id
), probe AS (
  SELECT trace_id FROM hits ORDER BY first_hit DESC, trace_id ASC LIMIT ${limit}
), bound AS (
  SELECT COALESCE(min(trace_start), 0) AS lowest FROM (
    SELECT min(s.start_ns) AS trace_start FROM spans s SEMI JOIN probe p ON s.trace_id = p.trace_id GROUP BY s.trace_id
  )
), top AS (
  SELECT s.trace_id, min(s.start_ns) AS trace_start
  FROM spans s SEMI JOIN (SELECT h.trace_id FROM hits h, bound b WHERE h.first_hit >= b.lowest) c ON s.trace_id = c.trace_id
  GROUP BY s.trace_id
  ORDER BY trace_start DESC, s.trace_id ASC
  LIMIT ${limit}
), by_service AS (
  SELECT s.trace_id, s.service, count(*) AS span_count, count(*) FILTER (WHERE s.status_code = 2) AS error_count,
    max(s.end_ns) AS trace_end,
    min((s.parent_span_id IS NOT NULL, s.start_ns, s.span_id)) AS root_key,
    arg_min(s.name, (s.parent_span_id IS NOT NULL, s.start_ns, s.span_id)) AS root_name
  FROM spans s SEMI JOIN top t ON s.trace_id = t.trace_id
  GROUP BY s.trace_id, s.service
)
SELECT b.trace_id, t.trace_start, max(b.trace_end) AS trace_end, sum(b.span_count)::BIGINT AS span_count,
  sum(b.error_count)::BIGINT AS error_count, arg_min(b.service, b.root_key) AS root_service,
  arg_min(b.root_name, b.root_key) AS root_name,
  list({'name': b.service, 'span_count': b.span_count, 'error_count': b.error_count} ORDER BY b.service) AS services
FROM by_service b JOIN top t ON b.trace_id = t.trace_id
GROUP BY b.trace_id, t.trace_start
ORDER BY t.trace_start DESC, b.trace_id ASC`;
  return { sql, params };
}
