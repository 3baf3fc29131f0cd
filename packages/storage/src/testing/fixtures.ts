import { SpanKind, StatusCode, emptyAttributes, serviceNameOf } from "@skein/model";
import type { AnyValue, Attributes, InstrumentationScope, LogRecord, Resource, Span } from "@skein/model";

/** A base time for fixtures: 2023-11-14T22:13:20Z in ns, with a sub-microsecond part a double cannot hold. */
export const BASE_TIME_NANO = 1_700_000_000_123_456_789n;

function idOf(n: number, length: number, prefix: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`id number must be an integer in 0..2^32-1, got ${n}`);
  const id = new Uint8Array(length);
  id[0] = prefix;
  new DataView(id.buffer).setUint32(length - 4, n);
  return id;
}

/** A valid 16-byte trace id; ids compare (bytewise) in the order of `n`. */
export function traceIdOf(n: number): Uint8Array {
  return idOf(n, 16, 0x5c);
}

/** A valid 8-byte span id; ids compare (bytewise) in the order of `n`. */
export function spanIdOf(n: number): Uint8Array {
  return idOf(n, 8, 0x5a);
}

/**
 * Attributes with no prototype from entries, so any key (`__proto__` included) is plain data.
 * Prefer this to an object literal, where `__proto__: x` sets the prototype instead of a key.
 */
export function attrs(entries: Record<string, AnyValue> | [string, AnyValue][]): Attributes {
  const out = emptyAttributes();
  for (const [key, value] of Array.isArray(entries) ? entries : Object.entries(entries)) out[key] = value;
  return out;
}

export function makeResource(attributes: Attributes = attrs({ "service.name": "test-service" }), overrides: Partial<Resource> = {}): Resource {
  return { attributes, droppedAttributesCount: 0, schemaUrl: "", ...overrides };
}

export function makeScope(overrides: Partial<InstrumentationScope> = {}): InstrumentationScope {
  return { name: "skein-test", version: "1.0.0", attributes: emptyAttributes(), droppedAttributesCount: 0, schemaUrl: "", ...overrides };
}

let nextSpanNumber = 1;

/**
 * A valid span with sensible defaults: trace traceIdOf(1), a fresh span id, root, server kind,
 * 1 ms long from BASE_TIME_NANO, status unset. `service` and `resource` stay consistent: give
 * `service` alone and the resource gets that service.name; give `resource` alone and service is
 * derived from it.
 */
export function makeSpan(overrides: Partial<Span> = {}): Span {
  const { service, resource } = overrides;
  const res = resource ?? makeResource(attrs({ "service.name": service ?? "test-service" }));
  const start = overrides.startTimeUnixNano ?? BASE_TIME_NANO;
  return {
    traceId: traceIdOf(1),
    spanId: spanIdOf(nextSpanNumber++),
    parentSpanId: null,
    traceState: "",
    flags: 1,
    name: "GET /",
    kind: SpanKind.SERVER,
    startTimeUnixNano: start,
    endTimeUnixNano: start + 1_000_000n,
    attributes: emptyAttributes(),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: StatusCode.UNSET, message: "" },
    scope: makeScope(),
    sampleWeight: 1,
    ...overrides,
    resource: res,
    service: service ?? serviceNameOf(res),
  };
}

/** A valid, uncorrelated INFO log record at BASE_TIME_NANO; `service`/`resource` as in makeSpan. */
export function makeLog(overrides: Partial<LogRecord> = {}): LogRecord {
  const { service, resource } = overrides;
  const res = resource ?? makeResource(attrs({ "service.name": service ?? "test-service" }));
  const time = overrides.timeUnixNano ?? BASE_TIME_NANO;
  return {
    timeUnixNano: time,
    observedTimeUnixNano: time + 1_000n,
    severityNumber: 9,
    severityText: "INFO",
    body: "hello",
    attributes: emptyAttributes(),
    droppedAttributesCount: 0,
    flags: 0,
    traceId: null,
    spanId: null,
    eventName: "",
    scope: makeScope(),
    ...overrides,
    resource: res,
    service: service ?? serviceNameOf(res),
  };
}

/** Drains a chunked reader into one array. */
export async function collect<T>(chunks: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of chunks) out.push(...chunk);
  return out;
}
