import { Counter, Histogram, type Registry } from "prom-client";
import type { RejectReason, ReceiverTelemetry, Signal } from "../receive/receiver-telemetry.js";
import { LATENCY_BUCKETS, METRIC_PREFIX } from "./metrics-registry.js";

/** ReceiverTelemetry recorded as Prometheus metrics in `registry` (served on GET /metrics). */
export class PrometheusReceiverTelemetry implements ReceiverTelemetry {
  readonly #received: Counter<"receiver" | "signal">;
  readonly #accepted: Counter<"receiver" | "signal">;
  readonly #rejected: Counter<"receiver" | "signal" | "reason">;
  readonly #requestsRejected: Counter<"receiver" | "signal" | "reason">;
  readonly #duration: Histogram<"receiver" | "signal" | "outcome">;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#received = new Counter({
      name: `${METRIC_PREFIX}receiver_items_received_total`,
      help: "Spans or log records decoded from export requests (accepted + rejected).",
      labelNames: ["receiver", "signal"],
      registers,
    });
    this.#accepted = new Counter({
      name: `${METRIC_PREFIX}receiver_items_accepted_total`,
      help: "Spans or log records committed to storage and acknowledged.",
      labelNames: ["receiver", "signal"],
      registers,
    });
    this.#rejected = new Counter({
      name: `${METRIC_PREFIX}receiver_items_rejected_total`,
      help: "Spans or log records not acknowledged, by reason.",
      labelNames: ["receiver", "signal", "reason"],
      registers,
    });
    this.#requestsRejected = new Counter({
      name: `${METRIC_PREFIX}receiver_requests_rejected_total`,
      help: "Whole export requests refused or not acknowledged, by reason.",
      labelNames: ["receiver", "signal", "reason"],
      registers,
    });
    this.#duration = new Histogram({
      name: `${METRIC_PREFIX}receiver_request_duration_seconds`,
      help: "Wall time of one export request, from first byte to response.",
      labelNames: ["receiver", "signal", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
  }

  itemsReceived(receiver: string, signal: Signal, count: number): void {
    this.#received.inc({ receiver, signal }, count);
  }

  itemsAccepted(receiver: string, signal: Signal, count: number): void {
    this.#accepted.inc({ receiver, signal }, count);
  }

  itemsRejected(receiver: string, signal: Signal, reason: RejectReason, count: number): void {
    this.#rejected.inc({ receiver, signal, reason }, count);
  }

  requestRejected(receiver: string, signal: Signal, reason: RejectReason): void {
    this.#requestsRejected.inc({ receiver, signal, reason });
  }

  requestDuration(receiver: string, signal: Signal, seconds: number, outcome: "ok" | "error"): void {
    this.#duration.observe({ receiver, signal, outcome }, seconds);
  }
}
