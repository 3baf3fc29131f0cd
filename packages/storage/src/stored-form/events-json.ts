import { bytesToHex } from "@skein/model";
import type { SpanEvent, SpanLink } from "@skein/model";
import { attributesFromJson, encodeAttributes } from "./typed-json.js";

// Span events and links in their stored form: JSON with typed-JSON attributes.

/**
 * Event times as ns offsets from the span start, comma-separated decimals (may be negative). They
 * are kept apart from the event bodies so that repeated events (the same exception) compress to a
 * dictionary entry.
 */
export function encodeEventTimes(events: SpanEvent[], start: bigint): string {
  return events.map((e) => (e.timeUnixNano - start).toString()).join(",");
}

export function encodeEvents(events: SpanEvent[]): string {
  const parts = events.map((e) => `{"n":${JSON.stringify(e.name)},"a":${encodeAttributes(e.attributes)},"d":${e.droppedAttributesCount}}`);
  return `[${parts.join(",")}]`;
}

export function encodeLinks(links: SpanLink[]): string {
  const parts = links.map(
    (l) =>
      `{"t":"${bytesToHex(l.traceId)}","s":"${bytesToHex(l.spanId)}","ts":${JSON.stringify(l.traceState)},"a":${encodeAttributes(l.attributes)},` +
      `"d":${l.droppedAttributesCount},"f":${l.flags}}`,
  );
  return `[${parts.join(",")}]`;
}

interface EventJson {
  n: string;
  a: Record<string, unknown>;
  d: number;
}

/** Inverse of encodeEvents + encodeEventTimes; `start` is the span start the times are relative to. */
export function decodeEvents(text: string, times: string, start: bigint): SpanEvent[] {
  const offsets = times.split(",");
  return (JSON.parse(text) as EventJson[]).map((e, i) => ({
    timeUnixNano: start + BigInt(offsets[i]!),
    name: e.n,
    attributes: attributesFromJson(e.a),
    droppedAttributesCount: e.d,
  }));
}

interface LinkJson {
  t: string;
  s: string;
  ts: string;
  a: Record<string, unknown>;
  d: number;
  f: number;
}

/** Inverse of encodeLinks. */
export function decodeLinks(text: string): SpanLink[] {
  return (JSON.parse(text) as LinkJson[]).map((l) => ({
    traceId: new Uint8Array(Buffer.from(l.t, "hex")),
    spanId: new Uint8Array(Buffer.from(l.s, "hex")),
    traceState: l.ts,
    attributes: attributesFromJson(l.a),
    droppedAttributesCount: l.d,
    flags: l.f,
  }));
}
