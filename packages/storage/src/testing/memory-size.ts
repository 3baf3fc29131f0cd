import type { AnyValue, Attributes, LogRecord, Span } from "@skein/model";
import type { ServiceGraphRow, SpanMetricsRow } from "../insights.js";

/**
 * A rough, deterministic estimate of the bytes an item would take serialized; what the memory
 * adapter reports from sizeBytes(). Not a measurement of the JS heap.
 */
export function estimateValueBytes(value: AnyValue): number {
  if (value === null) return 1;
  switch (typeof value) {
    case "string":
      return Buffer.byteLength(value) + 2;
    case "boolean":
      return 1;
    case "bigint":
    case "number":
      return 8;
    default:
      if (value instanceof Uint8Array) return value.byteLength + 2;
      if (Array.isArray(value)) return value.reduce<number>((sum, v) => sum + estimateValueBytes(v), 2);
      return estimateAttributesBytes(value);
  }
}

export function estimateAttributesBytes(attributes: Attributes): number {
  let sum = 2;
  for (const key of Object.keys(attributes)) sum += Buffer.byteLength(key) + 2 + estimateValueBytes(attributes[key]!);
  return sum;
}

export function estimateSpanBytes(span: Span): number {
  let sum = 16 + 8 + 8 + 8 + 8 + 4 + 4 + Buffer.byteLength(span.name) + Buffer.byteLength(span.service) + Buffer.byteLength(span.status.message);
  sum += estimateAttributesBytes(span.attributes);
  for (const event of span.events) sum += 8 + Buffer.byteLength(event.name) + estimateAttributesBytes(event.attributes);
  for (const link of span.links) sum += 24 + Buffer.byteLength(link.traceState) + estimateAttributesBytes(link.attributes);
  return sum;
}

export function estimateLogBytes(log: LogRecord): number {
  return 8 + 8 + 4 + 16 + 8 + Buffer.byteLength(log.severityText) + Buffer.byteLength(log.service) + estimateValueBytes(log.body) + estimateAttributesBytes(log.attributes);
}

export function estimateSpanMetricsRowBytes(row: SpanMetricsRow): number {
  return 8 + 2 + Buffer.byteLength(row.service) + Buffer.byteLength(row.operation) + 10 * row.buckets.length;
}

export function estimateServiceGraphRowBytes(row: ServiceGraphRow): number {
  return 8 + 3 + Buffer.byteLength(row.source) + Buffer.byteLength(row.target) + 10 * row.buckets.length;
}
