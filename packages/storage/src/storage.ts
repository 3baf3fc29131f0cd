import type { LogBatch, LogRecord, Span, SpanBatch } from "@skein/model";
import type { AlertStore, MetricsReader, MetricsWriter, SpanHistogramCell, SpanHistogramQuery } from "./insights.js";
import type { LogQuery, Operation, TraceQuery, TraceSummary } from "./queries.js";

/** start() once; shutdown() is idempotent, safe before start(), and flushes. */
export interface Component {
  start(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface TraceWriter {
  /**
   * Commits the spans durably. Resolves only once they survive a crash of the process; rejects
   * (and keeps nothing partially visible to the caller's ack) on failure. The batch is the
   * writer's after the call.
   */
  writeSpans(batch: SpanBatch, signal?: AbortSignal): Promise<void>;
}

export interface LogWriter {
  /** As TraceWriter.writeSpans, for log records. */
  writeLogs(batch: LogBatch, signal?: AbortSignal): Promise<void>;
}

export interface TraceReader {
  /** Every span of the trace, streamed in chunks, in no particular order; nothing if unknown. */
  getTrace(traceId: Uint8Array, signal?: AbortSignal): AsyncIterable<Span[]>;
  /**
   * Summaries of the traces matching the query, newest trace start first, ties broken by
   * trace id ascending, at most query.limit in all. Streamed in chunks.
   */
  findTraces(query: TraceQuery, signal?: AbortSignal): AsyncIterable<TraceSummary[]>;
  /** Distinct service names, sorted by Unicode code point (compareCodePoints). */
  getServices(signal?: AbortSignal): Promise<string[]>;
  /** Distinct (span name, kind) of one service, sorted by name then kind name ("client" < "internal"), both in code point order. */
  getOperations(service: string, signal?: AbortSignal): Promise<Operation[]>;
  /**
   * A latency heatmap of the matching spans (see SpanHistogramQuery): cells with count > 0, in no
   * particular order. Bounded by the caller: windows × latency buckets.
   */
  spanLatencyHistogram(query: SpanHistogramQuery, signal?: AbortSignal): Promise<SpanHistogramCell[]>;
}

export interface LogReader {
  /**
   * Matching records, newest timeUnixNano first, at most query.limit, streamed in chunks. The
   * order of records with equal times is unspecified.
   */
  findLogs(query: LogQuery, signal?: AbortSignal): AsyncIterable<LogRecord[]>;
}

/**
 * What an adapter evaluates itself. Absent or false = unsupported: the query layer evaluates the
 * rest or refuses with UnsupportedQueryError — never a silent approximation.
 */
export interface StorageCapabilities {
  /** compare/exists on span and resource attributes */
  attributeFilters?: boolean;
  /** `=~` / `!~` */
  regex?: boolean;
  /** `or` / `not` nodes in a SpanFilter */
  booleanFilters?: boolean;
}

export interface Storage extends Component {
  readonly kind: string;
  readonly capabilities: StorageCapabilities;
  readonly traces: { reader: TraceReader; writer: TraceWriter };
  readonly logs: { reader: LogReader; writer: LogWriter };
  /** Span-metrics and service-graph rollups (insights.ts). */
  readonly metrics: { reader: MetricsReader; writer: MetricsWriter };
  /** Alert rules and the history of their notifications. */
  readonly alerts: AlertStore;
  /** Bytes the stored data takes on disk (or in memory for the memory adapter). */
  sizeBytes(): Promise<number>;
  /**
   * Retention: removes the spans that started, the log records whose time (their observed
   * time when the time is 0) is, and the rollup minutes that start, before `cutoffUnixNano`, at
   * the adapter's granularity. Alert rules and events stay. The
   * result's `removedBeforeUnixNano` (<= the cutoff) is the boundary applied: everything older is
   * gone, everything at or after the cutoff is kept, what lies in between may stay until a later
   * call (ClickHouse drops whole UTC days). Safe beside concurrent reads and writes.
   */
  deleteBefore(cutoffUnixNano: bigint, signal?: AbortSignal): Promise<RetentionResult>;
  /**
   * Acknowledged writes the engine does not hold yet (ClickHouse's spool while it is down or
   * slow), for /metrics; absent on adapters without such a backlog. Cheap: no I/O.
   */
  backlog?(): StorageBacklog;
}

/** Acknowledged writes kept on local disk until the engine takes them. */
export interface StorageBacklog {
  writes: number;
  bytes: number;
}

/** What one retention pass did. */
export interface RetentionResult {
  /** Every span and log record older than this (ns since the Unix epoch) is gone. */
  removedBeforeUnixNano: bigint;
}

/**
 * Where an adapter reports the few events an operator must see (its engine went down, a backlog
 * drained, data it had to set aside). pino's Logger fits it as is.
 */
export interface StorageLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Options every adapter is created with; adapter-specific keys go in `options`. */
export interface StorageOptions {
  /** The server's logger; adapters without one write nothing or JSON lines on stderr. */
  logger?: StorageLogger;
  /** Directory for files of embedded engines. */
  dataDir: string;
  /** Memory budget in bytes for engines that take one (DuckDB memory_limit). */
  memoryLimitBytes?: number;
  options?: Record<string, unknown>;
}

/** What a storage package exports as its default: the server loads adapters by kind, lazily. */
export interface StorageAdapter {
  readonly kind: string;
  create(options: StorageOptions): Storage;
}
