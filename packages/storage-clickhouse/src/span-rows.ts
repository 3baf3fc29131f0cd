import type { InstrumentationScope, Resource, Span, SpanKind, StatusCode } from "@skein/model";
import { spanDurationNano } from "@skein/model";
import type { ResourceDecoder } from "@skein/storage/stored-form";
import { decodeEvents, decodeLinks, encodeEventTimes, encodeEvents, encodeLinks, encodeResource, encodeScope } from "@skein/storage/stored-form";
import { decodeAttributeArrays, encodeAttributeArrays } from "./attribute-arrays.js";
import { spanIdFromNumber, spanIdNumber, traceIdFromHalves, traceIdHalves } from "./id-columns.js";
import { jsonString } from "./well-formed.js";

// One `spans` row (sql/001-spans.sql) per span: written as a JSONEachRow line, read back from
// the columns SPAN_COLUMNS selects.

/** The columns getTrace selects, in the shape of SpanRow. sample_weight as text keeps nan/inf (JSON output turns them into null). */
export const SPAN_COLUMNS =
  "trace_id_hi, trace_id_lo, span_id, parent_span_id, service, name, kind, start_ns, end_ns, status_code, status_message, " +
  "trace_state, flags, toString(sample_weight) AS sample_weight_text, dropped_attributes_count, dropped_events_count, " +
  "dropped_links_count, attr_keys, attr_types, attr_values, resource_json, scope_json, event_times, events_json, links_json";

/** A row selected as SPAN_COLUMNS, as JSONEachRow parses it (64-bit integers are decimal strings). */
export interface SpanRow {
  trace_id_hi: string;
  trace_id_lo: string;
  span_id: string;
  parent_span_id: string;
  service: string;
  name: string;
  kind: number;
  start_ns: string;
  end_ns: string;
  status_code: number;
  status_message: string;
  trace_state: string;
  flags: number;
  sample_weight_text: string;
  dropped_attributes_count: number;
  dropped_events_count: number;
  dropped_links_count: number;
  attr_keys: string[];
  attr_types: number[];
  attr_values: string[];
  resource_json: string;
  scope_json: string;
  event_times: string;
  events_json: string;
  links_json: string;
}

// Resources and scopes are shared by reference between the spans of a request: their columns
// are encoded once per object.
const resourceColumns = new WeakMap<Resource, string>();
const scopeColumns = new WeakMap<InstrumentationScope, string>();

function resourceFragment(resource: Resource): string {
  let text = resourceColumns.get(resource);
  if (text === undefined) {
    const a = encodeAttributeArrays(resource.attributes);
    text = `"resource_keys":${a.keys},"resource_types":${a.types},"resource_values":${a.values},"resource_json":${JSON.stringify(encodeResource(resource))}`;
    resourceColumns.set(resource, text);
  }
  return text;
}

function scopeFragment(scope: InstrumentationScope): string {
  let text = scopeColumns.get(scope);
  if (text === undefined) {
    text = `"scope_json":${JSON.stringify(encodeScope(scope))}`;
    scopeColumns.set(scope, text);
  }
  return text;
}

// Most spans have neither events nor links.
const NO_EVENTS = `"event_times":"","events_json":${JSON.stringify(encodeEvents([]))},`;
const NO_LINKS = `"links_json":${JSON.stringify(encodeLinks([]))},`;

/** A Float64 in a JSON line: numbers as JSON, nan/inf/-inf quoted (which ClickHouse parses). */
function float(value: number): string {
  if (Number.isFinite(value)) return JSON.stringify(value);
  return Number.isNaN(value) ? '"nan"' : value > 0 ? '"inf"' : '"-inf"';
}

/** The trace id columns of a span as decimal strings (what spanRowJson and the side rows need). */
export function traceIdColumns(traceId: Uint8Array): [hi: string, lo: string] {
  const [hi, lo] = traceIdHalves(traceId);
  return [hi.toString(), lo.toString()];
}

/**
 * The JSONEachRow line (without newline) of one span. `day` is utcDayOf(start), `hi`/`lo` its
 * traceIdColumns, `ingestId` the write's id as a decimal string, `row` the span's index in the write.
 */
export function spanRowJson(span: Span, day: string, hi: string, lo: string, ingestId: string, row: number): string {
  const a = encodeAttributeArrays(span.attributes);
  const start = span.startTimeUnixNano;
  return (
    `{"day":"${day}","trace_id_hi":"${hi}","trace_id_lo":"${lo}","span_id":"${spanIdNumber(span.spanId)}",` +
    `"parent_span_id":"${spanIdNumber(span.parentSpanId)}","service":${jsonString(span.service)},"name":${jsonString(span.name)},` +
    `"kind":${span.kind},"start_ns":"${start}","end_ns":"${span.endTimeUnixNano}","duration_ns":"${spanDurationNano(span)}",` +
    `"status_code":${span.status.code},"status_message":${jsonString(span.status.message)},"trace_state":${jsonString(span.traceState)},` +
    `"flags":${span.flags},"sample_weight":${float(span.sampleWeight)},"dropped_attributes_count":${span.droppedAttributesCount},` +
    `"dropped_events_count":${span.droppedEventsCount},"dropped_links_count":${span.droppedLinksCount},` +
    `"attr_keys":${a.keys},"attr_types":${a.types},"attr_values":${a.values},${resourceFragment(span.resource)},${scopeFragment(span.scope)},` +
    (span.events.length === 0 ? NO_EVENTS : `"event_times":${JSON.stringify(encodeEventTimes(span.events, start))},"events_json":${JSON.stringify(encodeEvents(span.events))},`) +
    (span.links.length === 0 ? NO_LINKS : `"links_json":${JSON.stringify(encodeLinks(span.links))},`) +
    `"ingest_id":"${ingestId}","ingest_row":${row}}`
  );
}

/** Inverse of spanRowJson for a row selected as SPAN_COLUMNS; `decoder` shares resources and scopes within one read. */
export function spanFromRow(row: SpanRow, decoder: ResourceDecoder): Span {
  const start = BigInt(row.start_ns);
  return {
    traceId: traceIdFromHalves(row.trace_id_hi, row.trace_id_lo),
    spanId: spanIdFromNumber(row.span_id) ?? new Uint8Array(8),
    parentSpanId: spanIdFromNumber(row.parent_span_id),
    traceState: row.trace_state,
    flags: row.flags,
    name: row.name,
    kind: row.kind as SpanKind,
    startTimeUnixNano: start,
    endTimeUnixNano: BigInt(row.end_ns),
    attributes: decodeAttributeArrays(row.attr_keys, row.attr_types, row.attr_values),
    droppedAttributesCount: row.dropped_attributes_count,
    events: decodeEvents(row.events_json, row.event_times, start),
    droppedEventsCount: row.dropped_events_count,
    links: decodeLinks(row.links_json),
    droppedLinksCount: row.dropped_links_count,
    status: { code: row.status_code as StatusCode, message: row.status_message },
    resource: decoder.resource(row.resource_json),
    scope: decoder.scope(row.scope_json),
    service: row.service,
    sampleWeight: parseFloat64Text(row.sample_weight_text),
  };
}

/** A Float64 as ClickHouse's toString prints it: `nan`, `inf`, `-inf` or a decimal. */
export function parseFloat64Text(text: string): number {
  if (text === "nan" || text === "-nan") return NaN;
  if (text === "inf" || text === "+inf") return Infinity;
  if (text === "-inf") return -Infinity;
  return Number(text);
}
