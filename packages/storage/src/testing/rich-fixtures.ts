import { SpanKind, StatusCode } from "@skein/model";
import type { AnyValue, Attributes, LogRecord, Span } from "@skein/model";
import { BASE_TIME_NANO, attrs, makeLog, makeResource, makeScope, makeSpan, spanIdOf, traceIdOf } from "./fixtures.js";

/**
 * Attributes holding every AnyValue type, with what lossy encodings get wrong: int64 extremes and
 * ints beyond 2^53, integral doubles, empty bytes/arrays/kvlists, null, and the keys "",
 * unicode, `__proto__` and `constructor`.
 */
export function everyValueType(): Attributes {
  return attrs([
    ["str", "text"],
    ["str.empty", ""],
    ["str.unicode", "日本語 🚀 ñ"],
    ["bool.true", true],
    ["bool.false", false],
    ["int.small", 42n],
    ["int.zero", 0n],
    ["int.beyond-double", 9_007_199_254_740_993n],
    ["int.min", -9_223_372_036_854_775_808n],
    ["int.max", 9_223_372_036_854_775_807n],
    ["double.tenth", 0.1],
    ["double.integral", 1],
    ["double.zero", 0],
    ["double.negative", -2.5],
    ["double.huge", 1.5e300],
    ["bytes", new Uint8Array([0, 1, 127, 128, 255])],
    ["bytes.empty", new Uint8Array(0)],
    ["array", ["a", 1n, 2.5, true, null, new Uint8Array([9])]],
    ["array.nested", [[1n, [2n]], attrs({ inner: "x", deeper: attrs({ n: 3n }) })]],
    ["array.empty", []],
    ["kvlist", attrs([["k", "v"], ["n", -1n], ["list", [false, 0.25]], ["__proto__", "in kvlist"]])],
    ["kvlist.empty", attrs({})],
    ["empty", null],
    ["", "empty key"],
    ["ключ 🔑", "unicode key"],
    ["__proto__", "proto key"],
    ["constructor", 7n],
  ]);
}

/** One span that uses every field of the model with non-default values. */
export function richSpan(traceNumber = 1): Span {
  const resource = makeResource(attrs([["service.name", "rich-service"], ...Object.entries(everyValueType())]), {
    droppedAttributesCount: 3,
    schemaUrl: "https://opentelemetry.io/schemas/1.26.0",
  });
  const scope = makeScope({ name: "rich.scope", version: "2.3.4", attributes: everyValueType(), droppedAttributesCount: 1, schemaUrl: "https://example.com/scope-schema" });
  return makeSpan({
    traceId: traceIdOf(traceNumber),
    spanId: spanIdOf(1000 + traceNumber),
    parentSpanId: spanIdOf(999),
    traceState: "vendor=abc,other=x:y",
    flags: 0x301,
    name: "rich operation ✓",
    kind: SpanKind.CONSUMER,
    startTimeUnixNano: BASE_TIME_NANO,
    endTimeUnixNano: BASE_TIME_NANO + 1_234_567_891n,
    attributes: everyValueType(),
    droppedAttributesCount: 5,
    events: [
      { timeUnixNano: BASE_TIME_NANO + 1n, name: "exception", attributes: everyValueType(), droppedAttributesCount: 2 },
      { timeUnixNano: BASE_TIME_NANO + 999_999_999n, name: "", attributes: attrs({}), droppedAttributesCount: 0 },
    ],
    droppedEventsCount: 6,
    links: [
      { traceId: traceIdOf(77), spanId: spanIdOf(78), traceState: "k=v", attributes: everyValueType(), droppedAttributesCount: 4, flags: 0x101 },
      { traceId: traceIdOf(79), spanId: spanIdOf(80), traceState: "", attributes: attrs({}), droppedAttributesCount: 0, flags: 0 },
    ],
    droppedLinksCount: 7,
    status: { code: StatusCode.ERROR, message: "boom: 'quoted' \"double\" \\ back" },
    resource,
    scope,
    sampleWeight: 8.5,
  });
}

/** Log records with a body of every AnyValue type, correlated and not, with every field set. */
export function richLogs(): LogRecord[] {
  const bodies: AnyValue[] = ["a body", "", true, -9_223_372_036_854_775_808n, 9_007_199_254_740_993n, 0.1, 1, new Uint8Array([0, 255]), ["x", 1n, [null]], everyValueType(), null];
  const resource = makeResource(attrs([["service.name", "log-service"], ["host", "h1"]]), { schemaUrl: "https://example.com/r" });
  const scope = makeScope({ name: "log.scope", version: "", attributes: attrs({ s: 1n }) });
  return bodies.map((body, i) =>
    makeLog({
      timeUnixNano: BASE_TIME_NANO + BigInt(i) * 1_000n,
      observedTimeUnixNano: i === 0 ? 0n : BASE_TIME_NANO + BigInt(i) * 1_000n + 7n,
      severityNumber: (i % 24) + 1,
      severityText: i % 2 === 0 ? "ERROR" : "",
      body,
      attributes: i === 0 ? everyValueType() : attrs({ i: BigInt(i) }),
      droppedAttributesCount: i,
      flags: i % 2,
      traceId: i % 3 === 0 ? null : traceIdOf(500 + i),
      spanId: i % 3 === 0 ? null : spanIdOf(500 + i),
      eventName: i === 1 ? "browser.click" : "",
      resource,
      scope,
    }),
  );
}

/** Strings that break naive SQL building or LIKE patterns; each must match only itself. */
export const HOSTILE_STRINGS: readonly string[] = [
  "'",
  '"',
  "\\",
  "%",
  "_",
  "'; DROP TABLE spans; --",
  "a%b",
  "a_b",
  "axb",
  "a\\%b",
  "line1\nline2",
  "tab\there",
  "🚀 emoji",
  "日本語",
  "$1 ${x} ?",
  "' OR '1'='1",
];
