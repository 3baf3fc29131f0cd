import type { Attributes } from "./any-value.js";
import type { InstrumentationScope, Resource } from "./resource.js";

/** OTLP SpanKind numbers. */
export const SpanKind = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

/** OTLP StatusCode numbers. */
export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

export const SPAN_KIND_NAMES = ["unspecified", "internal", "server", "client", "producer", "consumer"] as const;
export type SpanKindName = (typeof SPAN_KIND_NAMES)[number];
export const STATUS_CODE_NAMES = ["unset", "ok", "error"] as const;
export type StatusCodeName = (typeof STATUS_CODE_NAMES)[number];

export interface SpanEvent {
  /** Nanoseconds since the Unix epoch, exact. */
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface SpanLink {
  traceId: Uint8Array;
  spanId: Uint8Array;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

export interface SpanStatus {
  code: StatusCode;
  message: string;
}

/**
 * One span, lossless against OTLP. Ids are raw bytes (16 / 8); times are exact nanoseconds since
 * the Unix epoch as bigint. `resource` and `scope` are shared by reference between the spans of
 * one OTLP ResourceSpans / ScopeSpans.
 */
export interface Span {
  traceId: Uint8Array;
  spanId: Uint8Array;
  /** null for a root span (OTLP empty parent_span_id). */
  parentSpanId: Uint8Array | null;
  traceState: string;
  flags: number;
  name: string;
  kind: SpanKind;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  status: SpanStatus;
  resource: Resource;
  scope: InstrumentationScope;
  /** resource `service.name`, or UNKNOWN_SERVICE. Derived once at ingest. */
  service: string;
  /** 1 / sampling probability: how many spans this one stands for. 1 when unsampled. */
  sampleWeight: number;
}

/** Duration in ns; 0 when the end is before the start (clock skew in the producer). */
export function spanDurationNano(span: Pick<Span, "startTimeUnixNano" | "endTimeUnixNano">): bigint {
  const d = span.endTimeUnixNano - span.startTimeUnixNano;
  return d > 0n ? d : 0n;
}
