import type { RollupDropReason, SpanMetricsTelemetry } from "../span-metrics/span-metrics-telemetry.js";

/** Sums what the processor reports. */
export class RecordingSpanMetricsTelemetry implements SpanMetricsTelemetry {
  spanMetricsRows = 0;
  serviceGraphRows = 0;
  flushFailures = 0;
  evicted = 0;
  readonly drops: Partial<Record<RollupDropReason, number>> = {};

  rowsFlushed(spanMetricsRows: number, serviceGraphRows: number): void {
    this.spanMetricsRows += spanMetricsRows;
    this.serviceGraphRows += serviceGraphRows;
  }

  flushFailed(): void {
    this.flushFailures++;
  }

  dropped(reason: RollupDropReason, count: number): void {
    this.drops[reason] = (this.drops[reason] ?? 0) + count;
  }

  edgeHalvesEvicted(count: number): void {
    this.evicted += count;
  }
}
