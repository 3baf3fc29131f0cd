import { BIGINT, LIST, UBIGINT, listValue } from "@duckdb/node-api";
import { LATENCY_BUCKET_COUNT, latencyBucketUpperNano } from "@skein/model";
import type { SpanHistogramQuery } from "@skein/storage";
import { compileSpanFilterSql } from "./filter-compiler.js";
import { SqlParams } from "./sql-params.js";

/** Most exemplars per cell the port allows. */
const MAX_EXEMPLARS = 10;
const MAX_UBIGINT = 2n ** 64n - 1n;

/** The upper bounds of buckets 0 … count − 2 in ns (the model's scheme), as UBIGINT. */
const BOUNDS: readonly bigint[] = Array.from({ length: LATENCY_BUCKET_COUNT - 1 }, (_, i) => BigInt(latencyBucketUpperNano(i)!));

/**
 * The latency bucket of `duration` (a UBIGINT ns column), equal to @skein/model latencyBucketOf
 * for every value. `estimate` guesses the index of the largest bound ≤ duration from the scheme's
 * shape (bound i ≈ 1000 × 2^(i/8)); since the rounded bounds are within 0.5 ns of that curve and
 * ≥ 90 ns apart, the guess is off by at most one, and comparing against the true bounds either
 * side (`bounds`, 1-based) corrects it: no float decides a bucket. duckdb-span-histogram.test.ts
 * checks every bound ± 1 ns, so a change of the scheme that breaks the guess fails there.
 */
function bucketSql(duration: string, estimate: string, bounds: string): string {
  return `CASE WHEN ${duration} < ${bounds}[1] THEN 0
    ELSE ${estimate} + 1 + COALESCE(${bounds}[${estimate} + 2] <= ${duration}, FALSE)::INTEGER - (${bounds}[${estimate} + 1] > ${duration})::INTEGER END`;
}

/**
 * The heatmap query: spans starting in the range that match the filter (same-span semantics, the
 * compiler of the trace search), summed by (window, bucket): count = sum(sample_weight), with up
 * to `exemplars` spans per cell (the latest starts, ties by span id). Duration is end − start,
 * 0 when negative. Columns: window_start, bucket, count, exemplars (a list of
 * {trace_id, span_id, duration} structs, or NULL when none are asked for).
 */
export function spanHistogramSql(query: SpanHistogramQuery): { sql: string; params: SqlParams } {
  if (query.stepNano !== undefined && query.stepNano <= 0n) throw new RangeError(`stepNano ${query.stepNano} is not positive`);
  const params = new SqlParams();
  const where: string[] = [];
  if (query.spanFilter !== undefined) where.push(compileSpanFilterSql(query.spanFilter, params));
  if (query.startTimeMinUnixNano !== undefined) where.push(`start_ns >= ${params.add(query.startTimeMinUnixNano, UBIGINT)}`);
  if (query.startTimeMaxUnixNano !== undefined) where.push(`start_ns <= ${params.add(query.startTimeMaxUnixNano, UBIGINT)}`);
  // A step beyond UBIGINT puts every span (start_ns < 2^64) in window 0, as no step does.
  const window = query.stepNano === undefined || query.stepNano > MAX_UBIGINT ? "0::UBIGINT" : `(start_ns // $S) * $S`.replaceAll("$S", params.add(query.stepNano, UBIGINT));
  const bounds = params.add(listValue([...BOUNDS]), LIST(UBIGINT));
  const exemplars = Math.min(MAX_EXEMPLARS, Math.max(0, Math.floor(query.exemplars)));
  const exemplarSql = exemplars === 0
    ? "NULL AS exemplars"
    : `max_by({'trace_id': trace_id, 'span_id': span_id, 'duration': duration}, (start_ns, span_id), ${params.add(BigInt(exemplars), BIGINT)}) AS exemplars`;
  const sql = `WITH matched AS (
  SELECT trace_id, span_id, start_ns, sample_weight, CASE WHEN end_ns > start_ns THEN end_ns - start_ns ELSE 0 END AS duration
  FROM spans${where.length > 0 ? `\n  WHERE ${where.join("\n    AND ")}` : ""}
), estimated AS (
  SELECT *, least(${BOUNDS.length - 1}, greatest(0, floor(8 * log2(greatest(duration, 1) / 1000.0))))::INTEGER AS estimate FROM matched
)
SELECT ${window} AS window_start,
  ${bucketSql("duration", "estimate", bounds)} AS bucket,
  sum(sample_weight) AS count,
  ${exemplarSql}
FROM estimated
GROUP BY 1, 2
HAVING sum(sample_weight) > 0`;
  return { sql, params };
}
