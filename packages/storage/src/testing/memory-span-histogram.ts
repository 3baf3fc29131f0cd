import { latencyBucketOf, spanDurationNano } from "@skein/model";
import type { Span } from "@skein/model";
import type { SpanHistogramCell, SpanHistogramQuery } from "../insights.js";
import { compileSpanFilter } from "../span-filter-eval.js";

/**
 * The reference latency heatmap: the spans starting within the (inclusive) range that satisfy
 * the filter, counted (by sample weight) per epoch-aligned window and latency bucket. Exemplars
 * are the first spans seen of each cell, up to query.exemplars.
 */
export function spanLatencyHistogramOf(spans: Iterable<Span>, query: SpanHistogramQuery): SpanHistogramCell[] {
  const { stepNano, startTimeMinUnixNano: min, startTimeMaxUnixNano: max } = query;
  if (stepNano !== undefined && stepNano <= 0n) throw new RangeError(`stepNano must be positive, got ${stepNano}`);
  const matches = query.spanFilter === undefined ? () => true : compileSpanFilter(query.spanFilter);
  const exemplars = Math.max(0, Math.floor(query.exemplars));
  const cells = new Map<string, SpanHistogramCell>();
  for (const span of spans) {
    const start = span.startTimeUnixNano;
    if ((min !== undefined && start < min) || (max !== undefined && start > max) || !matches(span)) continue;
    const duration = spanDurationNano(span);
    const windowStartUnixNano = stepNano === undefined ? 0n : floorDiv(start, stepNano) * stepNano;
    const bucket = latencyBucketOf(Number(duration));
    const key = `${windowStartUnixNano}/${bucket}`;
    let cell = cells.get(key);
    if (cell === undefined) cells.set(key, (cell = { windowStartUnixNano, bucket, count: 0, exemplars: [] }));
    cell.count += span.sampleWeight;
    if (cell.exemplars.length < exemplars) cell.exemplars.push({ traceId: new Uint8Array(span.traceId), spanId: new Uint8Array(span.spanId), durationNano: duration });
  }
  return [...cells.values()].filter((c) => c.count > 0);
}

/** Floor division of bigints (BigInt `/` truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
