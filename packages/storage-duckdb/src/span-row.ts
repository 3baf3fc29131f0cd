import { bytesToHex } from "@skein/model";
import type { DuckDBBlobValue, DuckDBValue } from "@duckdb/node-api";
import type { Span, SpanEvent, SpanKind, SpanLink, StatusCode } from "@skein/model";
import type { ResourceDecoder } from "./resource-json.js";
import { attributesFromJson, decodeSplitAttributes, encodeAttributes } from "./typed-json.js";

/** The spans table's columns in table order; see sql/spans.sql. */
export const SPAN_COLUMNS =
  "trace_id, span_id, parent_span_id, service, name, kind, start_ns, end_ns, status_code, status_message, trace_state, " +
  "flags, sample_weight, dropped_attributes_count, dropped_events_count, dropped_links_count, attribute_keys, " +
  "attribute_values, event_times, events_json, links_json, resource_json, scope_json";

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

/** A plain Uint8Array copy (the binding's may be a Buffer over shared memory). */
export function bytesOf(value: DuckDBValue): Uint8Array {
  return new Uint8Array((value as DuckDBBlobValue).bytes);
}

/** One `spans` row selected as SPAN_COLUMNS as a Span (the inverse of stagedSpanLine + loading). */
export function spanFromRow(row: readonly DuckDBValue[], decoder: ResourceDecoder): Span {
  const eventTimes = row[18] as string | null;
  const eventsJson = row[19] as string | null;
  const linksJson = row[20] as string | null;
  return {
    traceId: bytesOf(row[0]!),
    spanId: bytesOf(row[1]!),
    parentSpanId: row[2] === null ? null : bytesOf(row[2]!),
    service: row[3] as string,
    name: row[4] as string,
    kind: row[5] as SpanKind,
    startTimeUnixNano: row[6] as bigint,
    endTimeUnixNano: row[7] as bigint,
    status: { code: row[8] as StatusCode, message: row[9] as string },
    traceState: row[10] as string,
    flags: row[11] as number,
    sampleWeight: row[12] as number,
    droppedAttributesCount: row[13] as number,
    droppedEventsCount: row[14] as number,
    droppedLinksCount: row[15] as number,
    attributes: decodeSplitAttributes(row[16] as string, row[17] as string),
    events: eventsJson === null ? [] : decodeEvents(eventsJson, eventTimes ?? "", row[6] as bigint),
    links: linksJson === null ? [] : decodeLinks(linksJson),
    resource: decoder.resource(row[21] as string),
    scope: decoder.scope(row[22] as string),
  };
}

interface EventJson {
  n: string;
  a: Record<string, unknown>;
  d: number;
}

function decodeEvents(text: string, times: string, start: bigint): SpanEvent[] {
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

function decodeLinks(text: string): SpanLink[] {
  return (JSON.parse(text) as LinkJson[]).map((l) => ({
    traceId: new Uint8Array(Buffer.from(l.t, "hex")),
    spanId: new Uint8Array(Buffer.from(l.s, "hex")),
    traceState: l.ts,
    attributes: attributesFromJson(l.a),
    droppedAttributesCount: l.d,
    flags: l.f,
  }));
}
