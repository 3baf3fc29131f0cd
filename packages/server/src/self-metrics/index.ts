export { LATENCY_BUCKETS, METRIC_PREFIX, createMetricsRegistry } from "./metrics-registry.js";
export { MeteredStorage } from "./metered-storage.js";
export { registerMetricsRoute } from "./metrics-route.js";
export { registerRowsInFlightGauge } from "./pipeline-metrics.js";
export { PrometheusReceiverTelemetry } from "./receiver-metrics.js";
export { PrometheusRetentionTelemetry } from "./retention-metrics.js";
