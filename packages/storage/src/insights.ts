import type { LatencyBucketCount, SpanKind, StatusCode } from "@skein/model";
import type { SpanFilter } from "./filter.js";
import type { TimeRange } from "./queries.js";

/**
 * Rollups written by the span-metrics and service-graph processors, and the alert documents of
 * the server. Rollup writes are ADDITIVE: rows with the same key (one node flushing the same
 * minute twice, several nodes) are summed by the reader, never replaced.
 */

/** What kind of thing a service-map node is. */
export type ServiceNodeType = "service" | "database" | "external" | "queue";

/** One minute of one span-metrics series: spans of (service, operation, kind, status). */
export interface SpanMetricsRow {
  /** Start of the minute, ms since the Unix epoch; a multiple of 60,000. */
  minuteUnixMs: number;
  service: string;
  /** The span name. */
  operation: string;
  kind: SpanKind;
  status: StatusCode;
  /** Weighted span counts per latency bucket (non-zero only, ascending bucket); their sum is the span count. */
  buckets: LatencyBucketCount[];
}

/** One minute of calls along one service-map edge, failed or not. */
export interface ServiceGraphRow {
  minuteUnixMs: number;
  source: string;
  sourceType: ServiceNodeType;
  target: string;
  targetType: ServiceNodeType;
  /** The calls where either side recorded an error. */
  failed: boolean;
  /** Weighted call counts per bucket of the latency the caller saw. */
  buckets: LatencyBucketCount[];
}

export interface Rollups {
  spanMetrics: SpanMetricsRow[];
  serviceGraph: ServiceGraphRow[];
}

export interface MetricsWriter {
  /**
   * Commits the rows durably (as TraceWriter.writeSpans); additive, see above. A call holding
   * only span-metrics rows or only service-graph rows is all-or-nothing: when it rejects, nothing
   * of it is counted, so the caller may retry it. A call holding both may have stored one kind
   * when it rejects (ClickHouse writes the tables separately); callers that retry send one kind
   * per call. Rejects with RangeError, before any I/O, for rows outside the contract (minute not a
   * multiple of 60,000 within 0 … 2105-12-31T23:59, bucket not an integer 0 … LATENCY_BUCKET_COUNT − 1,
   * count not a finite number > 0, span kind or status not an integer 0–255, node type not a
   * ServiceNodeType): `checkRollups` is that check, shared by the adapters.
   */
  writeRollups(rollups: Rollups, signal?: AbortSignal): Promise<void>;
}

/** Minutes m with startUnixMs ≤ m < endUnixMs. */
export interface MinuteRange {
  startUnixMs: number;
  endUnixMs: number;
}

export interface SpanMetricsQuery extends MinuteRange {
  /**
   * Window length in ms, a positive multiple of 60,000. Windows are aligned to the epoch: a
   * minute m lands in the window starting at floor(m / stepMs) × stepMs.
   */
  stepMs: number;
  /** Only these services (absent: all). */
  services?: string[];
  operation?: string;
  /** Only these span kinds (absent: all). */
  kinds?: SpanKind[];
  /** Which key fields the cells keep; the others are summed over and come back as null. */
  groupBy: { service?: boolean; operation?: boolean; kind?: boolean };
}

/**
 * One summed latency bucket of one window and group. `error` splits status ERROR (true) from
 * OK/UNSET (false), so the reader derives counts and error counts from the same cells.
 */
export interface SpanMetricsCell {
  windowStartUnixMs: number;
  service: string | null;
  operation: string | null;
  kind: SpanKind | null;
  error: boolean;
  bucket: number;
  count: number;
}

/** Summed over the whole range. */
export interface ServiceGraphCell {
  source: string;
  sourceType: ServiceNodeType;
  target: string;
  targetType: ServiceNodeType;
  failed: boolean;
  bucket: number;
  count: number;
}

export interface MetricsReader {
  /** Cells with count > 0, in no particular order, streamed in chunks. */
  querySpanMetrics(query: SpanMetricsQuery, signal?: AbortSignal): AsyncIterable<SpanMetricsCell[]>;
  /** Cells with count > 0 over every minute of the range, in no particular order. */
  queryServiceGraph(query: MinuteRange, signal?: AbortSignal): AsyncIterable<ServiceGraphCell[]>;
}

/**
 * A latency heatmap over stored spans: the spans starting in the range that satisfy spanFilter
 * (same-span semantics, capabilities as findTraces), counted by time window and latency bucket.
 */
export interface SpanHistogramQuery extends TimeRange {
  spanFilter?: SpanFilter;
  /** Window length in ns; windows are aligned to the epoch. Absent: one window per cell, starting at 0. */
  stepNano?: bigint;
  /** Most exemplars per cell, 0–10. */
  exemplars: number;
}

export interface SpanHistogramExemplar {
  traceId: Uint8Array;
  spanId: Uint8Array;
  durationNano: bigint;
}

export interface SpanHistogramCell {
  /** floor(start / stepNano) × stepNano of the spans counted; 0n without a step. */
  windowStartUnixNano: bigint;
  /** latencyBucketOf(duration) of the spans counted (duration as spanDurationNano). */
  bucket: number;
  /** Sum of the spans' sample weights. */
  count: number;
  /** Up to query.exemplars spans of this cell (which ones is the adapter's choice). */
  exemplars: SpanHistogramExemplar[];
}

/**
 * A small JSON document the server owns (an alert rule or an alert event): storage keeps the body
 * verbatim and knows only the fields it sorts and filters on.
 */
export interface StoredAlertRule {
  /** Unique; at most 64 characters of [A-Za-z0-9_-]. */
  id: string;
  updatedAtUnixMs: number;
  /** JSON text, at most 64 KiB. */
  body: string;
}

export interface StoredAlertEvent {
  /** Unique; at most 64 characters of [A-Za-z0-9_-]. */
  id: string;
  ruleId: string;
  timeUnixMs: number;
  /** JSON text, at most 256 KiB. */
  body: string;
}

export interface AlertEventQuery {
  ruleId?: string;
  /** Inclusive bounds on timeUnixMs. */
  startUnixMs?: number;
  endUnixMs?: number;
  limit: number;
}

export interface AlertStore {
  /** Every rule, by id ascending (the server bounds their number). */
  listRules(signal?: AbortSignal): Promise<StoredAlertRule[]>;
  getRule(id: string, signal?: AbortSignal): Promise<StoredAlertRule | undefined>;
  /** Inserts or replaces the rule with this id; durable when it resolves. */
  putRule(rule: StoredAlertRule, signal?: AbortSignal): Promise<void>;
  /** Removes the rule; false when there was none. Its events stay. */
  deleteRule(id: string, signal?: AbortSignal): Promise<boolean>;
  /** Durable when it resolves. An id already stored is replaced. */
  appendEvent(event: StoredAlertEvent, signal?: AbortSignal): Promise<void>;
  /** Newest timeUnixMs first (ties by id descending), at most query.limit. */
  findEvents(query: AlertEventQuery, signal?: AbortSignal): AsyncIterable<StoredAlertEvent[]>;
}
