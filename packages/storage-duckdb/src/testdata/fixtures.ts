import { emptyAttributes } from "@skein/model";
import type { Attributes, InstrumentationScope, LogRecord, Resource, Span } from "@skein/model";

export function attrs(values: Record<string, Attributes[string]>): Attributes {
  return Object.assign(emptyAttributes(), values);
}

export function resourceOf(service: string, extra: Record<string, Attributes[string]> = {}): Resource {
  return { attributes: attrs({ "service.name": service, ...extra }), droppedAttributesCount: 0, schemaUrl: "" };
}

export const SCOPE: InstrumentationScope = { name: "test", version: "1.0", attributes: attrs({}), droppedAttributesCount: 0, schemaUrl: "" };

/** A trace id whose last byte is n (never all zero). */
export function traceId(n: number): Uint8Array {
  const id = new Uint8Array(16);
  id[0] = 0xab;
  id[15] = n;
  return id;
}

export function spanId(n: number): Uint8Array {
  const id = new Uint8Array(8);
  id[0] = 0xcd;
  id[7] = n;
  return id;
}

export function makeSpan(over: Partial<Span> & { service?: string } = {}): Span {
  const service = over.service ?? "checkout";
  return {
    traceId: traceId(1),
    spanId: spanId(1),
    parentSpanId: null,
    traceState: "",
    flags: 1,
    name: "GET /cart",
    kind: 2,
    startTimeUnixNano: 1_700_000_000_000_000_000n,
    endTimeUnixNano: 1_700_000_000_250_000_000n,
    attributes: attrs({}),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: "" },
    resource: resourceOf(service),
    scope: SCOPE,
    service,
    sampleWeight: 1,
    ...over,
  };
}

export function makeLog(over: Partial<LogRecord> = {}): LogRecord {
  return {
    timeUnixNano: 1_700_000_000_000_000_000n,
    observedTimeUnixNano: 1_700_000_000_000_000_001n,
    severityNumber: 9,
    severityText: "INFO",
    body: "hello",
    attributes: attrs({}),
    droppedAttributesCount: 0,
    flags: 0,
    traceId: null,
    spanId: null,
    eventName: "",
    resource: resourceOf("checkout"),
    scope: SCOPE,
    service: "checkout",
    ...over,
  };
}
