import { describe, expect, it } from "vitest";
import { createMetricsRegistry } from "./metrics-registry.js";
import { registerRowsInFlightGauge } from "./pipeline-metrics.js";
import { PrometheusReceiverTelemetry } from "./receiver-metrics.js";

describe("PrometheusReceiverTelemetry", () => {
  it("exposes counts and latency under the documented names and labels", async () => {
    const registry = createMetricsRegistry();
    const telemetry = new PrometheusReceiverTelemetry(registry);
    telemetry.itemsReceived("otlp-http", "traces", 10);
    telemetry.itemsAccepted("otlp-http", "traces", 8);
    telemetry.itemsRejected("otlp-http", "traces", "invalid_id", 2);
    telemetry.requestRejected("otlp-grpc", "logs", "overloaded");
    telemetry.requestDuration("otlp-http", "traces", 0.003, "ok");
    let rows = 7;
    registerRowsInFlightGauge(registry, () => rows);

    const text = await registry.metrics();
    expect(text).toContain('skein_receiver_items_received_total{receiver="otlp-http",signal="traces"} 10');
    expect(text).toContain('skein_receiver_items_accepted_total{receiver="otlp-http",signal="traces"} 8');
    expect(text).toContain('skein_receiver_items_rejected_total{receiver="otlp-http",signal="traces",reason="invalid_id"} 2');
    expect(text).toContain('skein_receiver_requests_rejected_total{receiver="otlp-grpc",signal="logs",reason="overloaded"} 1');
    expect(text).toContain('skein_receiver_request_duration_seconds_bucket{le="0.005",receiver="otlp-http",signal="traces",outcome="ok"} 1');
    expect(text).toContain("skein_pipeline_rows_in_flight 7");
    expect(text).toMatch(/^skein_process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^skein_process_resident_memory_bytes \d/m);
    rows = 0;
    expect(await registry.metrics()).toContain("skein_pipeline_rows_in_flight 0");
  });

  it("keeps registries apart", async () => {
    const a = createMetricsRegistry();
    const b = createMetricsRegistry();
    new PrometheusReceiverTelemetry(a).itemsAccepted("otlp-http", "logs", 5);
    new PrometheusReceiverTelemetry(b);
    expect(await b.metrics()).not.toContain('signal="logs"} 5');
  });
});
