import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { AlertTelemetry } from "../alerts/alert-telemetry.js";
import { METRIC_PREFIX } from "./metrics-registry.js";

/**
 * AlertTelemetry as Prometheus metrics:
 * - skein_alert_pass_duration_seconds: how long an evaluation pass over every enabled rule took;
 * - skein_alert_rule_evaluations_total{outcome="ok"|"error"}: rules evaluated (error: could not be measured);
 * - skein_alert_notifications_total{state="firing"|"resolved",outcome="delivered"|"failed"};
 * - skein_alert_rules_firing: rules currently firing.
 */
export class PrometheusAlertTelemetry implements AlertTelemetry {
  readonly #pass: Histogram;
  readonly #evaluations: Counter<"outcome">;
  readonly #notifications: Counter<"state" | "outcome">;
  readonly #firing: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#pass = new Histogram({
      name: `${METRIC_PREFIX}alert_pass_duration_seconds`,
      help: "Duration of an alert evaluation pass over every enabled rule, in seconds.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.#evaluations = new Counter({ name: `${METRIC_PREFIX}alert_rule_evaluations_total`, help: "Alert rules evaluated, by outcome.", labelNames: ["outcome"], registers });
    this.#notifications = new Counter({
      name: `${METRIC_PREFIX}alert_notifications_total`,
      help: "Alert notifications sent to webhooks, by state and delivery outcome.",
      labelNames: ["state", "outcome"],
      registers,
    });
    this.#firing = new Gauge({ name: `${METRIC_PREFIX}alert_rules_firing`, help: "Alert rules currently firing.", registers });
  }

  passFinished(seconds: number, rules: number, failedRules: number): void {
    this.#pass.observe(seconds);
    if (rules - failedRules > 0) this.#evaluations.inc({ outcome: "ok" }, rules - failedRules);
    if (failedRules > 0) this.#evaluations.inc({ outcome: "error" }, failedRules);
  }

  notificationFinished(state: "firing" | "resolved", delivered: boolean): void {
    this.#notifications.inc({ state, outcome: delivered ? "delivered" : "failed" });
  }

  firing(count: number): void {
    this.#firing.set(count);
  }
}
