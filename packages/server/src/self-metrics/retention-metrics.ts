import type { RetentionResult } from "@skein/storage";
import { Counter, Gauge, type Registry } from "prom-client";
import type { RetentionTelemetry } from "../store/retention-scheduler.js";
import { METRIC_PREFIX } from "./metrics-registry.js";

/**
 * RetentionTelemetry as Prometheus metrics:
 * - skein_retention_runs_total{outcome="ok"|"error"}: retention passes;
 * - skein_retention_boundary_seconds: the boundary of the last successful pass (everything
 *   older is gone), Unix seconds; alert when it falls further behind than the window;
 * - skein_retention_last_duration_seconds: how long the last pass took, either outcome.
 */
export class PrometheusRetentionTelemetry implements RetentionTelemetry {
  readonly #runs: Counter<"outcome">;
  readonly #boundary: Gauge;
  readonly #duration: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#runs = new Counter({ name: `${METRIC_PREFIX}retention_runs_total`, help: "Retention passes, by outcome.", labelNames: ["outcome"], registers });
    this.#boundary = new Gauge({
      name: `${METRIC_PREFIX}retention_boundary_seconds`,
      help: "Boundary of the last successful retention pass (Unix seconds): every span and log record older is gone.",
      registers,
    });
    this.#duration = new Gauge({ name: `${METRIC_PREFIX}retention_last_duration_seconds`, help: "Duration of the last retention pass, in seconds.", registers });
  }

  passFinished(outcome: "ok" | "error", seconds: number, result?: RetentionResult): void {
    this.#runs.inc({ outcome });
    this.#duration.set(seconds);
    if (result !== undefined) this.#boundary.set(Number(result.removedBeforeUnixNano / 1_000_000n) / 1000);
  }
}
