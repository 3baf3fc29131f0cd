/**
 * The OTLP/JSON shapes we emit (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding):
 * lowerCamelCase keys, hex ids, enums as numbers, 64-bit integers as decimal strings, bytes as
 * base64. Ready for JSON.stringify: nothing inside is a bigint or a typed array. Fields at their
 * default value (0, "", empty list) are omitted, as protobuf JSON encoders do.
 */
export interface OtlpJsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  /** A number, or "NaN" / "Infinity" / "-Infinity" / "-0", which JSON numbers cannot carry. */
  doubleValue?: number | string;
  bytesValue?: string;
  arrayValue?: { values: OtlpJsonAnyValue[] };
  kvlistValue?: { values: OtlpJsonKeyValue[] };
}

export interface OtlpJsonKeyValue {
  key: string;
  value: OtlpJsonAnyValue;
}

export interface OtlpJsonResource {
  attributes: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
}

export interface OtlpJsonScope {
  name: string;
  version?: string;
  attributes?: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
}

export interface OtlpJsonEvent {
  timeUnixNano: string;
  name: string;
  attributes: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
}

export interface OtlpJsonLink {
  traceId: string;
  spanId: string;
  traceState?: string;
  attributes: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
}

export interface OtlpJsonSpan {
  traceId: string;
  spanId: string;
  traceState?: string;
  parentSpanId?: string;
  flags?: number;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
  events?: OtlpJsonEvent[];
  droppedEventsCount?: number;
  links?: OtlpJsonLink[];
  droppedLinksCount?: number;
  status: { code?: number; message?: string };
}

export interface OtlpTracesJson {
  resourceSpans: {
    resource: OtlpJsonResource;
    schemaUrl?: string;
    scopeSpans: { scope: OtlpJsonScope; schemaUrl?: string; spans: OtlpJsonSpan[] }[];
  }[];
}

export interface OtlpJsonLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber?: number;
  severityText?: string;
  body?: OtlpJsonAnyValue;
  attributes: OtlpJsonKeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
  traceId?: string;
  spanId?: string;
  eventName?: string;
}

export interface OtlpLogsJson {
  resourceLogs: {
    resource: OtlpJsonResource;
    schemaUrl?: string;
    scopeLogs: { scope: OtlpJsonScope; schemaUrl?: string; logRecords: OtlpJsonLogRecord[] }[];
  }[];
}
