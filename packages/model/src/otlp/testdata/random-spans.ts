import type { AnyValue } from "../../any-value.js";
import type { InstrumentationScope, Resource } from "../../resource.js";
import type { Span, SpanKind, StatusCode } from "../../span.js";
import { attrs } from "./sample-telemetry.js";
import { mulberry32 } from "./semconv-spans.js";

/**
 * Random spans for differential tests: every AnyValue type nested a few levels, unicode strings,
 * extreme integers and times, and (with `invalidIds`) ids of the wrong length or all zero.
 */
export function randomSpans(seed: number, count: number, invalidIds: boolean): Span[] {
  const rand = mulberry32(seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const chars = ["a", "Z", "0", " ", ".", "é", "✓", "😀", "\u0000", "ß", "中"];
  const str = (max: number): string => Array.from({ length: int(max) }, () => chars[int(chars.length)]).join("");
  const u64 = (): bigint => (rand() < 0.5 ? [0n, 1n, 2n ** 64n - 1n, 2n ** 53n + 1n][int(4)]! : BigInt(int(2 ** 31)) * BigInt(int(2 ** 31)) * 4n + BigInt(int(4)));
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(256));
  const value = (depth: number): AnyValue => {
    switch (int(depth > 2 ? 7 : 9)) {
      case 0: return str(40);
      case 1: return rand() < 0.5;
      case 2: return [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 9007199254740993n, BigInt(int(1e9))][int(6)]!;
      case 3: return [0.5, -0, 1e308, -2.5e-308, Infinity, -Infinity, rand()][int(7)]!;
      case 4: return bytes(int(5));
      case 5: return null;
      case 6: return str(3);
      case 7: return Array.from({ length: int(4) }, () => value(depth + 1));
      default: return attributes(depth + 1, 4);
    }
  };
  const attributes = (depth: number, max: number) => {
    const out = attrs({});
    for (let i = int(max); i > 0; i--) out[str(12)] = value(depth);
    return out;
  };
  const id = (n: number): Uint8Array => {
    if (invalidIds && rand() < 0.1) return [new Uint8Array(n), bytes(int(20))][int(2)]!;
    const b = bytes(n);
    b[0] = 1 + int(255);
    return b;
  };
  const resources = Array.from({ length: 1 + int(3) }, (): Resource => {
    const a = attributes(0, 5);
    if (rand() < 0.7) a["service.name"] = rand() < 0.9 ? str(10) : 7n;
    return { attributes: a, droppedAttributesCount: int(3), schemaUrl: str(5) };
  });
  const scopes = resources.map(() => Array.from({ length: 1 + int(3) }, (): InstrumentationScope => ({ name: str(8), version: str(4), attributes: attributes(0, 3), droppedAttributesCount: int(2), schemaUrl: str(5) })));
  const spans: Span[] = [];
  resources.forEach((resource, r) =>
    scopes[r]!.forEach((scope) => {
      for (let i = 1 + int(count); i > 0; i--) {
        spans.push({
          traceId: id(16),
          spanId: id(8),
          parentSpanId: rand() < 0.3 ? null : id(8),
          traceState: str(10),
          flags: [0, 1, 0x301, 0xffffffff][int(4)]!,
          name: str(20),
          kind: int(6) as SpanKind,
          startTimeUnixNano: u64(),
          endTimeUnixNano: u64(),
          attributes: attributes(0, 12),
          droppedAttributesCount: int(3),
          events: Array.from({ length: int(3) }, () => ({ timeUnixNano: u64(), name: str(10), attributes: attributes(0, 4), droppedAttributesCount: int(2) })),
          droppedEventsCount: int(3),
          links: Array.from({ length: int(3) }, () => ({ traceId: bytes(16), spanId: bytes(int(2) === 0 ? 8 : int(10)), traceState: str(6), attributes: attributes(0, 3), droppedAttributesCount: int(2), flags: int(1024) })),
          droppedLinksCount: int(3),
          status: { code: int(3) as StatusCode, message: str(10) },
          resource,
          scope,
          service: typeof resource.attributes["service.name"] === "string" && resource.attributes["service.name"] !== "" ? resource.attributes["service.name"] : "unknown_service",
          sampleWeight: 1,
        });
      }
    }),
  );
  return spans;
}
