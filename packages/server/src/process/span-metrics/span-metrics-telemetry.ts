/** Why spans or calls did not make it into the rollups (each counted, never silently). */
export type RollupDropReason =
  /**
   * A caller never paired: a CLIENT span naming no peer (peer.service, server.address,
   * net.peer.name) to attribute it to as an external node, or a PRODUCER span without destination.
   */
  | "edge_unpaired_caller"
  /** A SERVER or CONSUMER span whose caller never arrived (normal for roots of traces). */
  | "edge_unpaired_callee"
  /** Spans beyond the series bound of one flush interval (span-name or service cardinality too high). */
  | "series_limit"
  /** Rows dropped because the rollup writes kept failing and the backlog reached its bound. */
  | "backlog_full"
  /** Rows lost because the last write at shutdown failed. */
  | "shutdown_write_failed";

/**
 * What the span-metrics processor reports about itself; the server implements it with
 * prom-client (self-metrics/span-metrics-metrics.ts), tests record the calls.
 */
export interface SpanMetricsTelemetry {
  /** Rows committed by one successful writeRollups. */
  rowsFlushed(spanMetricsRows: number, serviceGraphRows: number): void;
  /** One writeRollups that failed; its rows stay in the backlog for the next tick. */
  flushFailed(): void;
  /** `count` spans (series_limit, edge_*) or rows (backlog_full, shutdown_write_failed) dropped. */
  dropped(reason: RollupDropReason, count: number): void;
  /** Halves pushed out of the full pending-edge store before their TTL (then resolved like expired ones). */
  edgeHalvesEvicted(count: number): void;
}
