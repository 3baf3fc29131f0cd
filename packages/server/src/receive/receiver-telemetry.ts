/**
 * What a receiver reports about itself. The runtime implements it with prom-client (`/metrics`);
 * tests record the calls (see shared/testdata/receiver-harness.ts). `receiver` is the component name
 * ("otlp-http", "otlp-grpc"), `signal` is "traces" or "logs".
 */
export interface ReceiverTelemetry {
  /** Items decoded from a request (accepted + rejected). */
  itemsReceived(receiver: string, signal: Signal, count: number): void;
  /** Items committed to storage and acknowledged. */
  itemsAccepted(receiver: string, signal: Signal, count: number): void;
  /**
   * Items not acknowledged, by reason: "invalid_id" (partial success), "malformed" (decode
   * error), "too_large", "unsupported_media_type", "overloaded", "storage_backlogged" (storage's
   * spool is full), "storage_error".
   */
  itemsRejected(receiver: string, signal: Signal, reason: RejectReason, count: number): void;
  /**
   * A whole request refused before its items could be counted (malformed, too_large,
   * unsupported_media_type) or not acknowledged (overloaded, storage_backlogged, storage_error).
   */
  requestRejected(receiver: string, signal: Signal, reason: RejectReason): void;
  /** Wall time of one export request, from first byte to response, in seconds. */
  requestDuration(receiver: string, signal: Signal, seconds: number, outcome: "ok" | "error"): void;
}

export type Signal = "traces" | "logs";
export type RejectReason = "invalid_id" | "malformed" | "too_large" | "unsupported_media_type" | "overloaded" | "storage_backlogged" | "storage_error";
