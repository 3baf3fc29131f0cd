import { emptyAttributes } from "../../any-value.js";
import type { AnyValue, Attributes } from "../../any-value.js";
import type { LogRecord } from "../../log-record.js";
import type { InstrumentationScope, Resource } from "../../resource.js";
import type { Span } from "../../span.js";

/** Test fixtures: spans and log records exercising every field and every AnyValue type. */

export function attrs(entries: Record<string, AnyValue>): Attributes {
  return Object.assign(emptyAttributes(), entries);
}

export function id(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7 + 1) & 0xff);
}

/** One value of each AnyValue type, including the awkward ones. */
export function everyAnyValue(): Attributes {
  return attrs({
    str: "héllo ✓",
    emptyStr: "",
    boolTrue: true,
    boolFalse: false,
    intBeyond53: 9007199254740993n,
    intMin: -(2n ** 63n),
    intMax: 2n ** 63n - 1n,
    intZero: 0n,
    double: 0.5,
    doubleZero: 0,
    doubleNeg: -1.25e-300,
    doubleInf: Infinity,
    bytes: new Uint8Array([0, 1, 254, 255]),
    emptyBytes: new Uint8Array(0),
    empty: null,
    array: ["a", 1n, 2.5, true, null, new Uint8Array([9]), [["nested"], []]],
    emptyArray: [],
    kvlist: attrs({ inner: attrs({ deep: [1n, attrs({ x: "y" })] }), n: -7n }),
    emptyKvlist: attrs({}),
  });
}

export function sampleResources(): { a: Resource; b: Resource; scopeA1: InstrumentationScope; scopeA2: InstrumentationScope; scopeB: InstrumentationScope } {
  const a: Resource = { attributes: attrs({ "service.name": "checkout", "host.name": "h1", weight: 3n }), droppedAttributesCount: 2, schemaUrl: "https://opentelemetry.io/schemas/1.26.0" };
  const b: Resource = { attributes: attrs({}), droppedAttributesCount: 0, schemaUrl: "" };
  const scopeA1: InstrumentationScope = { name: "http", version: "1.2.3", attributes: attrs({ "scope.attr": true }), droppedAttributesCount: 1, schemaUrl: "https://opentelemetry.io/schemas/1.24.0" };
  const scopeA2: InstrumentationScope = { name: "db", version: "", attributes: attrs({}), droppedAttributesCount: 0, schemaUrl: "" };
  const scopeB: InstrumentationScope = { name: "", version: "", attributes: attrs({}), droppedAttributesCount: 0, schemaUrl: "" };
  return { a, b, scopeA1, scopeA2, scopeB };
}

function span(seed: number, resource: Resource, scope: InstrumentationScope, service: string, overrides: Partial<Span> = {}): Span {
  return {
    traceId: id(16, seed),
    spanId: id(8, seed + 100),
    parentSpanId: null,
    traceState: "",
    flags: 0,
    name: `op-${seed}`,
    kind: 0,
    startTimeUnixNano: 1_700_000_000_123_456_789n + BigInt(seed),
    endTimeUnixNano: 1_700_000_000_223_456_789n + BigInt(seed),
    attributes: attrs({}),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: "" },
    resource,
    scope,
    service,
    sampleWeight: 1,
    ...overrides,
  };
}

/** Spans over two resources and three scopes, grouped as a decoder produces them. */
export function sampleSpans(): Span[] {
  const { a, b, scopeA1, scopeA2, scopeB } = sampleResources();
  return [
    span(1, a, scopeA1, "checkout", {
      parentSpanId: id(8, 7),
      traceState: "vendor=abc,other=1",
      flags: 0x301,
      kind: 2,
      attributes: everyAnyValue(),
      droppedAttributesCount: 4,
      events: [
        { timeUnixNano: 2n ** 64n - 1n, name: "exception", attributes: attrs({ "exception.type": "Error", code: 500n }), droppedAttributesCount: 1 },
        { timeUnixNano: 0n, name: "", attributes: attrs({}), droppedAttributesCount: 0 },
      ],
      droppedEventsCount: 5,
      links: [
        { traceId: id(16, 50), spanId: id(8, 51), traceState: "k=v", attributes: attrs({ linked: true }), droppedAttributesCount: 2, flags: 1 },
        { traceId: id(16, 52), spanId: id(8, 53), traceState: "", attributes: attrs({}), droppedAttributesCount: 0, flags: 0 },
      ],
      droppedLinksCount: 6,
      status: { code: 2, message: "boom" },
    }),
    span(2, a, scopeA1, "checkout", { kind: 3, status: { code: 1, message: "" }, attributes: attrs({ "http.response.status_code": 200n }) }),
    span(3, a, scopeA2, "checkout", { kind: 4, startTimeUnixNano: 0n, endTimeUnixNano: 0n }),
    span(4, b, scopeB, "unknown_service", { kind: 5, name: "" }),
    span(5, b, scopeB, "unknown_service", { kind: 1, flags: 0xffffffff }),
  ];
}

function log(seed: number, resource: Resource, scope: InstrumentationScope, service: string, overrides: Partial<LogRecord> = {}): LogRecord {
  return {
    timeUnixNano: 1_700_000_000_000_000_001n + BigInt(seed),
    observedTimeUnixNano: 1_700_000_000_000_000_999n + BigInt(seed),
    severityNumber: 9,
    severityText: "INFO",
    body: `message ${seed}`,
    attributes: attrs({}),
    droppedAttributesCount: 0,
    flags: 0,
    traceId: null,
    spanId: null,
    eventName: "",
    resource,
    scope,
    service,
    ...overrides,
  };
}

/** Log records over two resources, with every body type and correlated and uncorrelated ids. */
export function sampleLogs(): LogRecord[] {
  const { a, b, scopeA1, scopeA2, scopeB } = sampleResources();
  const bodies = everyAnyValue();
  const out: LogRecord[] = Object.keys(bodies).map((key, i) => log(i, a, i % 2 === 0 ? scopeA1 : scopeA2, "checkout", { body: bodies[key]! }));
  out.sort((x, y) => (x.scope === y.scope ? 0 : x.scope === scopeA1 ? -1 : 1));
  out.push(
    log(100, b, scopeB, "unknown_service", {
      traceId: id(16, 1),
      spanId: id(8, 2),
      flags: 1,
      severityNumber: 17,
      severityText: "ERROR",
      eventName: "order.failed",
      attributes: everyAnyValue(),
      droppedAttributesCount: 3,
      timeUnixNano: 0n,
      observedTimeUnixNano: 2n ** 64n - 1n,
    }),
    log(101, b, scopeB, "unknown_service", { traceId: id(16, 3), spanId: null, severityNumber: 24, body: null }),
  );
  return out;
}
