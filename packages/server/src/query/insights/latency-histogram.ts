import type { ApiLatencyBucket, ApiLatencyHistogramQuery, ApiLatencyHistogramResponse } from "@skein/model";
import { bytesToHex, latencyBucketLowerNano, latencyBucketUpperNano } from "@skein/model";
import type { SpanHistogramCell, SpanHistogramQuery, Storage } from "@skein/storage";
import { assertStorageCanEvaluate } from "../capability-check.js";
import { parseDurationParam } from "../duration-param.js";
import { InvalidParameterError } from "../errors.js";
import { buildTraceQuery } from "../trace-search-query.js";

/** Most heatmap windows one request may ask for. */
export const MAX_HEATMAP_WINDOWS = 500;
/** The longest range one heatmap may cover: it reads every stored span of the range. */
export const MAX_HEATMAP_RANGE_DAYS = 31;
const NS_PER_DAY = 86_400_000_000_000n;
/** Exemplar spans listed per cell. */
export const HEATMAP_EXEMPLARS = 3;
const NS_PER_MS = 1_000_000n;

/**
 * Turns the request into a storage heatmap query: the trace search's filters (`kind` included) and the
 * time window (same-span semantics, default the last hour), refused with UnsupportedQueryError when the adapter
 * cannot evaluate them; the range at most MAX_HEATMAP_RANGE_DAYS long; `step` a whole number of
 * milliseconds giving at most MAX_HEATMAP_WINDOWS. Throws InvalidParameterError otherwise.
 */
export function buildLatencyHistogramQuery(storage: Pick<Storage, "kind" | "capabilities">, params: ApiLatencyHistogramQuery, nowNanos: bigint): SpanHistogramQuery {
  const { step, ...search } = params;
  const trace = buildTraceQuery(search, nowNanos);
  assertStorageCanEvaluate(storage, trace.spanFilter);
  const rangeNano = trace.startTimeMaxUnixNano! - trace.startTimeMinUnixNano!;
  if (rangeNano > BigInt(MAX_HEATMAP_RANGE_DAYS) * NS_PER_DAY) {
    const days = Number((rangeNano * 10n) / NS_PER_DAY) / 10;
    throw new InvalidParameterError(
      `the range from start to end spans ${days} days; the latency histogram covers at most ${MAX_HEATMAP_RANGE_DAYS} days of stored spans: narrow it with a later start or an earlier end`,
    );
  }
  const query: SpanHistogramQuery = { startTimeMinUnixNano: trace.startTimeMinUnixNano!, startTimeMaxUnixNano: trace.startTimeMaxUnixNano!, exemplars: HEATMAP_EXEMPLARS };
  if (trace.spanFilter !== undefined) query.spanFilter = trace.spanFilter;
  if (step !== undefined) {
    const stepNano = parseDurationParam("step", step);
    if (stepNano < NS_PER_MS || stepNano % NS_PER_MS !== 0n) throw new InvalidParameterError(`step must be a whole number of milliseconds, such as 1m or 250ms; got ${JSON.stringify(step)}`);
    const windows = query.startTimeMaxUnixNano! / stepNano - query.startTimeMinUnixNano! / stepNano + 1n;
    if (windows > BigInt(MAX_HEATMAP_WINDOWS)) {
      throw new InvalidParameterError(`the range holds ${windows} windows of ${step}; at most ${MAX_HEATMAP_WINDOWS} are allowed: give a larger step or a shorter range`);
    }
    query.stepNano = stepNano;
  }
  return query;
}


/** `GET /metrics/latency-histogram`. */
export async function computeLatencyHistogram(storage: Storage, params: ApiLatencyHistogramQuery, nowNanos: bigint, signal?: AbortSignal): Promise<ApiLatencyHistogramResponse> {
  const query = buildLatencyHistogramQuery(storage, params, nowNanos);
  const cells = await storage.traces.reader.spanLatencyHistogram(query, signal);
  return { stepMs: query.stepNano !== undefined ? Number(query.stepNano / NS_PER_MS) : null, buckets: latencyBucketsOf(cells, query) };
}

/**
 * The API's cells, by time then bucket. Without a step every cell's time is the range start
 * (ms, floored). Exemplars: at most HEATMAP_EXEMPLARS, slowest first, ties by trace then span id.
 */
export function latencyBucketsOf(cells: readonly SpanHistogramCell[], query: SpanHistogramQuery): ApiLatencyBucket[] {
  const rangeStartMs = Number((query.startTimeMinUnixNano ?? 0n) / NS_PER_MS);
  return cells
    .filter((cell) => cell.count > 0)
    .map((cell) => ({
      time: query.stepNano !== undefined ? Number(cell.windowStartUnixNano / NS_PER_MS) : rangeStartMs,
      bucket: cell.bucket,
      lowerNano: latencyBucketLowerNano(cell.bucket),
      upperNano: latencyBucketUpperNano(cell.bucket),
      count: cell.count,
      exemplars: cell.exemplars
        .map((e) => ({ traceId: bytesToHex(e.traceId), spanId: bytesToHex(e.spanId), durationNano: e.durationNano }))
        .sort((a, b) => (a.durationNano === b.durationNano ? (a.traceId + a.spanId < b.traceId + b.spanId ? -1 : 1) : a.durationNano > b.durationNano ? -1 : 1))
        .slice(0, HEATMAP_EXEMPLARS)
        .map((e) => ({ traceId: e.traceId, spanId: e.spanId, durationNano: e.durationNano.toString() })),
    }))
    .sort((a, b) => a.time - b.time || a.bucket - b.bucket)
    .map(({ bucket: _bucket, ...rest }) => rest);
}
