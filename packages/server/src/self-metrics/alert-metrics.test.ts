import { describe, expect, it } from "vitest";
import { PrometheusAlertTelemetry } from "./alert-metrics.js";
import { createMetricsRegistry } from "./metrics-registry.js";

describe("PrometheusAlertTelemetry", () => {
  it("exposes passes, evaluations, notifications and firing rules", async () => {
    const registry = createMetricsRegistry();
    const telemetry = new PrometheusAlertTelemetry(registry);
    telemetry.passFinished(0.02, 5, 1);
    telemetry.notificationFinished("firing", true);
    telemetry.notificationFinished("resolved", false);
    telemetry.firing(2);
    const text = await registry.metrics();
    expect(text).toContain('skein_alert_rule_evaluations_total{outcome="ok"} 4');
    expect(text).toContain('skein_alert_rule_evaluations_total{outcome="error"} 1');
    expect(text).toContain('skein_alert_notifications_total{state="firing",outcome="delivered"} 1');
    expect(text).toContain('skein_alert_notifications_total{state="resolved",outcome="failed"} 1');
    expect(text).toContain("skein_alert_rules_firing 2");
    expect(text).toContain("skein_alert_pass_duration_seconds_count 1");
  });
});
