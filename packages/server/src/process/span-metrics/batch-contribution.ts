import { StatusCode, latencyBucketOf, type SpanBatch } from "@skein/model";
import { collectServiceGraphSpan, type ServiceGraphContribution } from "../service-graph/service-graph-span.js";
import { isRollupMinute, type MinuteOfStart } from "./span-minute.js";

/**
 * What one batch adds to both rollups, computed before the batch is handed on (after that it
 * belongs to storage) and applied only once storage committed it. Span metrics are kept in
 * parallel arrays (one entry per span, no object per span); the strings are the spans' own.
 */
export interface BatchContribution {
  /** Spans counted: the first `count` entries of the arrays below are used. */
  count: number;
  /** Spans left out because they start outside the minutes storage accepts (isRollupMinute). */
  invalidTime: number;
  minutes: Float64Array;
  buckets: Uint16Array;
  weights: Float64Array;
  /** kind × 3 + status code: the (kind, status) slot. */
  kindStatus: Uint8Array;
  services: string[];
  operations: string[];
  graph: ServiceGraphContribution;
}

/**
 * Reads each span once: start minute, latency bucket of its duration (spanDurationNano), sample
 * weight, kind and status; plus the service-graph view of it (collectServiceGraphSpan). A span
 * starting before 1970 or after 2105 adds nothing (counted in invalidTime): storage would refuse
 * its rows, and with them every row written beside them.
 */
export function contributionOf(batch: SpanBatch, minuteOf: MinuteOfStart): BatchContribution {
  const spans = batch.spans;
  const count = spans.length;
  const out: BatchContribution = {
    count: 0,
    invalidTime: 0,
    minutes: new Float64Array(count),
    buckets: new Uint16Array(count),
    weights: new Float64Array(count),
    kindStatus: new Uint8Array(count),
    services: new Array<string>(count),
    operations: new Array<string>(count),
    graph: { direct: [], halves: [] },
  };
  let n = 0;
  for (let i = 0; i < count; i++) {
    const span = spans[i]!;
    const minuteMs = minuteOf.of(span.startTimeUnixNano);
    if (!isRollupMinute(minuteMs)) {
      out.invalidTime++;
      continue;
    }
    const duration = span.endTimeUnixNano - span.startTimeUnixNano;
    const bucket = duration > 0n ? latencyBucketOf(Number(duration)) : 0;
    const weight = span.sampleWeight;
    const status = span.status.code;
    // Decoders only produce valid numbers; a hand-built span out of range counts as unspecified/unset.
    const kind = span.kind <= 5 ? span.kind : 0;
    out.minutes[n] = minuteMs;
    out.buckets[n] = bucket;
    out.weights[n] = weight;
    out.kindStatus[n] = kind * 3 + (status <= 2 ? status : 0);
    out.services[n] = span.service;
    out.operations[n] = span.name;
    n++;
    collectServiceGraphSpan(span, minuteMs, bucket, weight, status === StatusCode.ERROR, out.graph);
  }
  out.count = n;
  return out;
}
