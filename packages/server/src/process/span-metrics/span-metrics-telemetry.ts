/** Why spans, calls or rows did not make it into the rollups (each counted, never silently). */
export type RollupDropReason =
  /**
   * A caller whose TTL ran out unpaired: a CLIENT span naming no peer (peer.service,
   * server.address, net.peer.name) to attribute it to as an external node, or a PRODUCER span
   * without destination.
   */
  | "edge_unpaired_caller"
  /** A SERVER or CONSUMER span whose caller never arrived within the TTL. */
  | "edge_unpaired_callee"
  /** A half of a call pushed out of the full pending-edge store before its TTL: its call is not counted. */
  | "evicted"
  /** A half of a call still waiting at shutdown: its call is not counted. */
  | "shutdown"
  /** Spans starting before 1970 or after 2105: outside the minutes storage keeps rollups for. */
  | "invalid_time"
  /** Spans of a committed batch the processor could not read (a bug; logged): stored, not counted. */
  | "read_failed"
  /** Spans beyond the series bound of one flush interval (span-name or service cardinality too high). */
  | "series_limit"
  /** Rows dropped because the rollup writes kept failing and the backlog reached its bound. */
  | "backlog_full"
  /** Rows storage refused as outside its contract (RangeError): retrying could never succeed. */
  | "write_rejected"
  /** Rows lost because the last write at shutdown failed. */
  | "shutdown_write_failed";

/**
 * What the span-metrics processor reports about itself; the server implements it with
 * prom-client (self-metrics/span-metrics-metrics.ts), tests record the calls.
 */
export interface SpanMetricsTelemetry {
  /** Rows committed by one successful writeRollups (each call writes one rollup: the other count is 0). */
  rowsFlushed(spanMetricsRows: number, serviceGraphRows: number): void;
  /** One writeRollups that failed; its rows stay in the backlog for the next tick (unless refused or final). */
  flushFailed(): void;
  /**
   * `count` spans (series_limit, invalid_time, read_failed), calls (edge_*, evicted, shutdown)
   * or rows (backlog_full, write_rejected, shutdown_write_failed) dropped.
   */
  dropped(reason: RollupDropReason, count: number): void;
  /** Halves pushed out of the full pending-edge store before their TTL (dropped, see "evicted"). */
  edgeHalvesEvicted(count: number): void;
}
