import type { DuckDBBlobValue, DuckDBValue } from "@duckdb/node-api";
import type { Span, SpanKind, StatusCode } from "@skein/model";
import type { ResourceDecoder } from "@skein/storage/stored-form";
import { decodeEvents, decodeLinks, decodeSplitAttributes } from "@skein/storage/stored-form";

/** The spans table's columns in table order; see sql/spans.sql. */
export const SPAN_COLUMNS =
  "trace_id, span_id, parent_span_id, service, name, kind, start_ns, end_ns, status_code, status_message, trace_state, " +
  "flags, sample_weight, dropped_attributes_count, dropped_events_count, dropped_links_count, attribute_keys, " +
  "attribute_values, event_times, events_json, links_json, resource_json, scope_json";

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

