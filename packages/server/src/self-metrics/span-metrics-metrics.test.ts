import { SpanKind } from "@skein/model";
import { describe, expect, it } from "vitest";
import { processorHarness } from "../process/testdata/processor-harness.js";
import { spanOf } from "../process/testdata/shop-topology.js";
import { createMetricsRegistry } from "./metrics-registry.js";
import { PrometheusSpanMetricsTelemetry } from "./span-metrics-metrics.js";

describe("PrometheusSpanMetricsTelemetry", () => {
  it("exposes the processor's counters and gauges under the documented names", async () => {
    const registry = createMetricsRegistry();
    const telemetry = new PrometheusSpanMetricsTelemetry(registry);
    const { processor, writer, clock, send } = processorHarness({ telemetry });
    telemetry.watch(processor);
    await send([
      spanOf({ service: "a", kind: SpanKind.CLIENT, trace: 1 }),
      spanOf({ service: "a", kind: SpanKind.CLIENT, trace: 2, attributes: { "peer.service": "ext" } }),
    ]);
    writer.failNext(1);
    await processor.flush();
    let text = await registry.metrics();
    expect(text).toContain("skein_span_metrics_flush_failures_total 1");
    expect(text).toContain("skein_span_metrics_pending_rows 1");
    expect(text).toContain("skein_service_graph_pending_edges 2");
    clock.advance(10_000); // both clients wait out their TTL: one becomes an external edge
    await processor.shutdown();
    text = await registry.metrics();
    expect(text).toContain('skein_span_metrics_rows_flushed_total{rollup="span_metrics"} 1');
    expect(text).toContain('skein_span_metrics_rows_flushed_total{rollup="service_graph"} 1');
    expect(text).toContain('skein_span_metrics_dropped_total{reason="edge_unpaired_caller"} 1');
    expect(text).toContain("skein_service_graph_pending_edges 0");
    expect(text).toContain("skein_span_metrics_pending_rows 0");
    telemetry.dropped("invalid_time", 2);
    expect(await registry.metrics()).toContain('skein_span_metrics_dropped_total{reason="invalid_time"} 2');
    telemetry.edgeHalvesEvicted(3);
    expect(await registry.metrics()).toContain("skein_service_graph_edges_evicted_total 3");
  });
});
