// spanLatencyHistogram as one aggregation over the spans table: the same span filter and time
// range conditions as the search (filter-compiler.ts, sql-time-range.ts), counted by window and
// latency bucket of @skein/model's scheme.
import { LATENCY_BUCKET_COUNT, latencyBucketUpperNano } from "@skein/model";
import type { SpanHistogramQuery } from "@skein/storage";
import { compileSpanFilter } from "./filter-compiler.js";
import { sqlLiteral } from "./sql-literal.js";
import { timeRangeConditions } from "./sql-time-range.js";
import type { TableNames } from "./table-names.js";

const UINT64_MAX = (1n << 64n) - 1n;
/** The bounds (exclusive upper bounds of buckets 0 … count − 2), ascending integer ns. */
const BOUNDS = Array.from({ length: LATENCY_BUCKET_COUNT - 1 }, (_, bucket) => BigInt(latencyBucketUpperNano(bucket)!));
const LAST = BigInt(BOUNDS.length);
const BOUNDS_PER_DOUBLING = 8n;

/**
 * latencyBucketOf(duration_ns) in SQL, exactly (the number of bounds ≤ the duration): an estimate
 * from log2 — off by at most one, because bounds are 1000 × 2^(i/8) rounded to whole ns (≥ 90 ns
 * apart) and Float64's log2 errs far below that — corrected by comparing the duration with the
 * bounds on either side as UInt64 integers. (arrayCount over the 288 bounds is exact too, but
 * costs 288 comparisons per span.) duration_ns is end − start, 0 when negative, as
 * spanDurationNano; below the first bound it is bucket 0.
 */
export function bucketSql(duration = "duration_ns"): string {
  const bounds = `[${BOUNDS.map((b) => sqlLiteral(b)).join(", ")}]`;
  const estimate = `if(${duration} < ${sqlLiteral(BOUNDS[0]!)}, 0, least(${sqlLiteral(LAST)}, toUInt32(greatest(0, floor(${sqlLiteral(BOUNDS_PER_DOUBLING)} * log2(${duration} / ${sqlLiteral(BOUNDS[0]!)})) + 1))))`;
  // arrayElement(bounds, i) is bound i − 1 (1-based); index 0 or past the end reads 0, masked by the guards.
  return `(${estimate} AS bucket_estimate) + ((bucket_estimate < ${sqlLiteral(LAST)}) AND (arrayElement(${bounds} AS latency_bounds, bucket_estimate + 1) <= ${duration})) - ((bucket_estimate > 0) AND (arrayElement(latency_bounds, bucket_estimate) > ${duration}))`;
}

/**
 * The heatmap cells of `query` (SpanHistogramCellRow): spans starting in the range that satisfy
 * the span filter (exactly as findTraces's same-span conditions, reading only the days of the
 * range), grouped by window (intDiv(start_ns, step) × step, or 0 without a step) and bucket;
 * count = sum(sample_weight), cells with a sum > 0; up to `exemplars` spans per cell as
 * "hi lo span_id duration" texts. Throws InvalidFilterError for a bad filter, RangeError for a
 * step ≤ 0 or exemplars outside 0–10.
 */
export function spanHistogramSql(query: SpanHistogramQuery, tables: TableNames): string {
  if (!Number.isInteger(query.exemplars) || query.exemplars < 0 || query.exemplars > 10) throw new RangeError(`exemplars ${query.exemplars} is not an integer 0–10`);
  if (query.stepNano !== undefined && query.stepNano <= 0n) throw new RangeError(`stepNano ${query.stepNano} is not positive`);
  const where = timeRangeConditions("start_ns", query.startTimeMinUnixNano, query.startTimeMaxUnixNano, "day");
  if (query.spanFilter !== undefined) where.push(compileSpanFilter(query.spanFilter));
  const step = query.stepNano === undefined ? undefined : sqlLiteral(query.stepNano > UINT64_MAX ? UINT64_MAX : query.stepNano);
  const window = step === undefined ? "toUInt64(0)" : `intDiv(start_ns, ${step}) * ${step}`;
  const exemplars =
    query.exemplars === 0
      ? ""
      : `, groupArray(${sqlLiteral(BigInt(query.exemplars))})(concat(toString(trace_id_hi), ' ', toString(trace_id_lo), ' ', toString(span_id), ' ', toString(duration_ns))) AS exemplars`;
  return `SELECT toString(window_start) AS window_start, bucket, sum(sample_weight) AS total${exemplars}
FROM (
  SELECT ${window} AS window_start, ${bucketSql()} AS bucket, sample_weight, trace_id_hi, trace_id_lo, span_id, duration_ns
  FROM ${tables.spans}${where.length === 0 ? "" : `\n  WHERE ${where.join("\n    AND ")}`}
)
GROUP BY window_start, bucket
HAVING total > 0`;
}

export interface SpanHistogramCellRow {
  window_start: string;
  bucket: number | string;
  total: number;
  exemplars?: string[];
}
