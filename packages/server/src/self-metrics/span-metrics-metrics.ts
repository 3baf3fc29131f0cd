import { Counter, Gauge, type Registry } from "prom-client";
import type { RollupDropReason, SpanMetricsTelemetry } from "../process/span-metrics/span-metrics-telemetry.js";
import { METRIC_PREFIX } from "./metrics-registry.js";

/** What the gauges read at scrape time (SpanMetricsProcessor has both). */
export interface SpanMetricsGaugeSource {
  readonly pendingEdgeKeys: number;
  readonly pendingRows: number;
}

/**
 * SpanMetricsTelemetry as Prometheus metrics:
 * - skein_span_metrics_rows_flushed_total{rollup="span_metrics"|"service_graph"}: rows written;
 * - skein_span_metrics_flush_failures_total: failed rollup writes, one call per rollup (their
 *   rows are retried, unless storage refused them as invalid);
 * - skein_span_metrics_dropped_total{reason}: spans or rows left out of the rollups (RollupDropReason);
 * - skein_service_graph_edges_evicted_total: halves pushed out of the full pending store early;
 * - skein_service_graph_pending_edges, skein_span_metrics_pending_rows: gauges, once watch() was called.
 */
export class PrometheusSpanMetricsTelemetry implements SpanMetricsTelemetry {
  readonly #registry: Registry;
  readonly #flushed: Counter<"rollup">;
  readonly #failures: Counter;
  readonly #dropped: Counter<"reason">;
  readonly #evicted: Counter;

  constructor(registry: Registry) {
    this.#registry = registry;
    const registers = [registry];
    this.#flushed = new Counter({ name: `${METRIC_PREFIX}span_metrics_rows_flushed_total`, help: "Rollup rows written to storage, by rollup.", labelNames: ["rollup"], registers });
    this.#failures = new Counter({ name: `${METRIC_PREFIX}span_metrics_flush_failures_total`, help: "Rollup writes that failed; their rows are retried on the next flush unless storage refused them as invalid.", registers });
    this.#dropped = new Counter({
      name: `${METRIC_PREFIX}span_metrics_dropped_total`,
      help: "Spans (series_limit, invalid_time, read_failed), calls (edge_unpaired_*, evicted, shutdown) or rollup rows (backlog_full, write_rejected, shutdown_write_failed) left out of the rollups, by reason.",
      labelNames: ["reason"],
      registers,
    });
    this.#evicted = new Counter({
      name: `${METRIC_PREFIX}service_graph_edges_evicted_total`,
      help: "Client/server or producer/consumer halves dropped before their wait ran out because the pending store was full.",
      registers,
    });
  }

  /** Registers the gauges reading `source` at scrape time; call once. */
  watch(source: SpanMetricsGaugeSource): void {
    const registers = [this.#registry];
    new Gauge({
      name: `${METRIC_PREFIX}service_graph_pending_edges`,
      help: "Halves of calls (keys) waiting for their other side.",
      registers,
      collect() {
        this.set(source.pendingEdgeKeys);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}span_metrics_pending_rows`,
      help: "Rollup rows waiting to be written (non-zero while writes fail).",
      registers,
      collect() {
        this.set(source.pendingRows);
      },
    });
  }

  rowsFlushed(spanMetricsRows: number, serviceGraphRows: number): void {
    this.#flushed.inc({ rollup: "span_metrics" }, spanMetricsRows);
    this.#flushed.inc({ rollup: "service_graph" }, serviceGraphRows);
  }

  flushFailed(): void {
    this.#failures.inc();
  }

  dropped(reason: RollupDropReason, count: number): void {
    this.#dropped.inc({ reason }, count);
  }

  edgeHalvesEvicted(count: number): void {
    this.#evicted.inc(count);
  }
}
