import { SPAN_KIND_NAMES, bytesToHex } from "@skein/model";
import type { Span, SpanBatch } from "@skein/model";
import { compareBytes, compareCodePoints } from "../code-point-order.js";
import type { SpanHistogramCell, SpanHistogramQuery } from "../insights.js";
import type { Operation, TraceQuery, TraceSummary } from "../queries.js";
import { compileSpanFilter } from "../span-filter-eval.js";
import type { TraceReader, TraceWriter } from "../storage.js";
import { summarizeTrace } from "../trace-summary.js";
import { cloneSpan } from "./deep-clone.js";
import { chunked } from "./memory-lifecycle.js";
import type { MemoryLifecycle } from "./memory-lifecycle.js";
import { estimateSpanBytes } from "./memory-size.js";
import { spanLatencyHistogramOf } from "./memory-span-histogram.js";

/**
 * Spans by trace, in memory, with the reference reader semantics. Stored spans are private
 * copies: writes copy the batch, reads return fresh copies.
 */
export class MemoryTraceStore implements TraceReader, TraceWriter {
  private traces = new Map<string, Span[]>();
  private bytes = 0;

  constructor(private readonly lifecycle: MemoryLifecycle) {}

  get sizeBytes(): number {
    return this.bytes;
  }

  clear(): void {
    this.traces = new Map();
    this.bytes = 0;
  }

  /** All or nothing: the whole batch is copied before any span becomes visible. */
  async writeSpans(batch: SpanBatch, signal?: AbortSignal): Promise<void> {
    this.lifecycle.assertOpen();
    signal?.throwIfAborted();
    const memo = new Map<object, object>();
    const copies = batch.spans.map((span) => cloneSpan(span, memo));
    for (const span of copies) {
      const key = bytesToHex(span.traceId);
      let spans = this.traces.get(key);
      if (spans === undefined) this.traces.set(key, (spans = []));
      spans.push(span);
      this.bytes += estimateSpanBytes(span);
    }
  }

  /** Removes the spans that started before `cutoffUnixNano`, and traces left without spans. */
  deleteBefore(cutoffUnixNano: bigint): void {
    for (const [key, spans] of this.traces) {
      const kept = spans.filter((span) => span.startTimeUnixNano >= cutoffUnixNano);
      if (kept.length === spans.length) continue;
      for (const span of spans) if (span.startTimeUnixNano < cutoffUnixNano) this.bytes -= estimateSpanBytes(span);
      if (kept.length === 0) this.traces.delete(key);
      else this.traces.set(key, kept);
    }
  }

  async *getTrace(traceId: Uint8Array, signal?: AbortSignal): AsyncIterable<Span[]> {
    this.lifecycle.assertOpen();
    const spans = this.traces.get(bytesToHex(traceId)) ?? [];
    const memo = new Map<object, object>();
    yield* chunked(spans, (span) => cloneSpan(span, memo), signal);
  }

  /**
   * A trace matches when ONE span starts within the time range and satisfies the filter.
   * Summaries cover all spans of the trace; order: start descending, then trace id ascending.
   */
  async *findTraces(query: TraceQuery, signal?: AbortSignal): AsyncIterable<TraceSummary[]> {
    this.lifecycle.assertOpen();
    const matches = query.spanFilter === undefined ? () => true : compileSpanFilter(query.spanFilter);
    const min = query.startTimeMinUnixNano;
    const max = query.startTimeMaxUnixNano;
    const summaries: TraceSummary[] = [];
    for (const spans of this.traces.values()) {
      const hit = spans.some((s) => (min === undefined || s.startTimeUnixNano >= min) && (max === undefined || s.startTimeUnixNano <= max) && matches(s));
      if (hit) summaries.push(summarizeTrace(spans));
    }
    summaries.sort(byNewestThenTraceId);
    const limited = summaries.slice(0, Math.max(0, query.limit));
    yield* chunked(limited, (s) => ({ ...s, traceId: new Uint8Array(s.traceId), services: s.services.map((x) => ({ ...x })) }), signal);
  }

  async getServices(signal?: AbortSignal): Promise<string[]> {
    this.lifecycle.assertOpen();
    signal?.throwIfAborted();
    const names = new Set<string>();
    for (const spans of this.traces.values()) for (const span of spans) names.add(span.service);
    return [...names].sort(compareCodePoints);
  }

  async getOperations(service: string, signal?: AbortSignal): Promise<Operation[]> {
    this.lifecycle.assertOpen();
    signal?.throwIfAborted();
    const seen = new Map<string, Operation>();
    for (const spans of this.traces.values()) {
      for (const span of spans) {
        if (span.service === service) seen.set(`${span.kind}\u0000${span.name}`, { name: span.name, kind: SPAN_KIND_NAMES[span.kind] ?? "unspecified" });
      }
    }
    return [...seen.values()].sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.kind, b.kind));
  }

  async spanLatencyHistogram(query: SpanHistogramQuery, signal?: AbortSignal): Promise<SpanHistogramCell[]> {
    this.lifecycle.assertOpen();
    signal?.throwIfAborted();
    return spanLatencyHistogramOf(this.allSpans(), query);
  }

  private *allSpans(): Generator<Span> {
    for (const spans of this.traces.values()) yield* spans;
  }
}

function byNewestThenTraceId(a: TraceSummary, b: TraceSummary): number {
  if (a.startTimeUnixNano !== b.startTimeUnixNano) return a.startTimeUnixNano > b.startTimeUnixNano ? -1 : 1;
  return compareBytes(a.traceId, b.traceId);
}
