import type { InstrumentationScope, Resource, Span, SpanKind, StatusCode } from "@skein/model";
import { spanDurationNano } from "@skein/model";
import type { ResourceDecoder } from "@skein/storage/stored-form";
import { decodeEvents, decodeLinks, encodeEventTimes, encodeEvents, encodeLinks, encodeScope } from "@skein/storage/stored-form";
import { decodeAttributeArrays, encodeAttributeArrays } from "./attribute-arrays.js";
import { spanIdFromNumber, spanIdNumber, traceIdFromHalves, traceIdHalves } from "./id-columns.js";
import { tsvLine, tsvString } from "./tsv-text.js";

// One `spans` row (sql/001-spans.sql) per span: written as a TabSeparated line (insert-format.ts)
// with the fields in SPAN_TABLE_COLUMNS order, read back from the columns SPAN_COLUMNS selects.

/** The columns of the spans table in table order: the order of the fields of a spanRowLine. */
export const SPAN_TABLE_COLUMNS = [
  "day", "trace_id_hi", "trace_id_lo", "span_id", "parent_span_id", "service", "name", "kind", "start_ns", "end_ns",
  "duration_ns", "status_code", "status_message", "trace_state", "flags", "sample_weight", "dropped_attributes_count",
  "dropped_events_count", "dropped_links_count", "attr_keys", "attr_types", "attr_values", "resource_keys",
  "resource_types", "resource_values", "resource_dropped_attributes_count", "resource_schema_url", "scope_json",
  "event_times", "events_json", "links_json", "ingest_id", "ingest_row",
] as const;
type SpanColumn = (typeof SPAN_TABLE_COLUMNS)[number];

/** The columns getTrace selects, in the shape of SpanRow. sample_weight as text keeps nan/inf (JSON output turns them into null). */
export const SPAN_COLUMNS =
  "trace_id_hi, trace_id_lo, span_id, parent_span_id, service, name, kind, start_ns, end_ns, status_code, status_message, " +
  "trace_state, flags, toString(sample_weight) AS sample_weight_text, dropped_attributes_count, dropped_events_count, " +
  "dropped_links_count, attr_keys, attr_types, attr_values, resource_keys, resource_types, resource_values, " +
  "resource_dropped_attributes_count, resource_schema_url, scope_json, event_times, events_json, links_json";

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
  resource_keys: string[];
  resource_types: number[];
  resource_values: string[];
  resource_dropped_attributes_count: number;
  resource_schema_url: string;
  scope_json: string;
  event_times: string;
  events_json: string;
  links_json: string;
}

type ResourceColumn = "resource_keys" | "resource_types" | "resource_values" | "resource_dropped_attributes_count" | "resource_schema_url";
type ResourceFields = Pick<Record<SpanColumn, string>, ResourceColumn>;

// Resources and scopes are shared by reference between the spans of a request: their fields
// are encoded once per object.
const resourceFields = new WeakMap<Resource, ResourceFields>();
const scopeField = new WeakMap<InstrumentationScope, string>();

function resourceFieldsOf(resource: Resource): ResourceFields {
  let fields = resourceFields.get(resource);
  if (fields === undefined) {
    const a = encodeAttributeArrays(resource.attributes);
    fields = {
      resource_keys: a.keys,
      resource_types: a.types,
      resource_values: a.values,
      resource_dropped_attributes_count: String(resource.droppedAttributesCount),
      resource_schema_url: tsvString(resource.schemaUrl),
    };
    resourceFields.set(resource, fields);
  }
  return fields;
}

function scopeFieldOf(scope: InstrumentationScope): string {
  let field = scopeField.get(scope);
  if (field === undefined) {
    field = tsvString(encodeScope(scope));
    scopeField.set(scope, field);
  }
  return field;
}

// Most spans have neither events nor links.
const NO_EVENTS = tsvString(encodeEvents([]));
const NO_LINKS = tsvString(encodeLinks([]));

/**
 * A Float64 field: the shortest round-trip decimal, `-0`, `nan`, `inf`, `-inf`. 18.16 reads it
 * as it reads a JSON number: exactly, except the smallest subnormals (5e-324 becomes 0).
 */
export function float64Field(value: number): string {
  if (Number.isFinite(value)) return Object.is(value, -0) ? "-0" : String(value);
  return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
}

/** The trace id columns of a span as decimal strings (what spanRowLine and the side rows need). */
export function traceIdColumns(traceId: Uint8Array): [hi: string, lo: string] {
  const [hi, lo] = traceIdHalves(traceId);
  return [hi.toString(), lo.toString()];
}

/**
 * The TabSeparated line (without newline) of one span. `day` is utcDayOf(start), `hi`/`lo` its
 * traceIdColumns, `ingestId` the write's id as a decimal string, `row` the span's index in the write.
 */
export function spanRowLine(span: Span, day: string, hi: string, lo: string, ingestId: string, row: number): string {
  const a = encodeAttributeArrays(span.attributes);
  const start = span.startTimeUnixNano;
  const resource = resourceFieldsOf(span.resource);
  const fields: Record<SpanColumn, string> = {
    day,
    trace_id_hi: hi,
    trace_id_lo: lo,
    span_id: spanIdNumber(span.spanId).toString(),
    parent_span_id: spanIdNumber(span.parentSpanId).toString(),
    service: tsvString(span.service),
    name: tsvString(span.name),
    kind: String(span.kind),
    start_ns: start.toString(),
    end_ns: span.endTimeUnixNano.toString(),
    duration_ns: spanDurationNano(span).toString(),
    status_code: String(span.status.code),
    status_message: tsvString(span.status.message),
    trace_state: tsvString(span.traceState),
    flags: String(span.flags),
    sample_weight: float64Field(span.sampleWeight),
    dropped_attributes_count: String(span.droppedAttributesCount),
    dropped_events_count: String(span.droppedEventsCount),
    dropped_links_count: String(span.droppedLinksCount),
    attr_keys: a.keys,
    attr_types: a.types,
    attr_values: a.values,
    resource_keys: resource.resource_keys,
    resource_types: resource.resource_types,
    resource_values: resource.resource_values,
    resource_dropped_attributes_count: resource.resource_dropped_attributes_count,
    resource_schema_url: resource.resource_schema_url,
    scope_json: scopeFieldOf(span.scope),
    event_times: span.events.length === 0 ? "" : tsvString(encodeEventTimes(span.events, start)),
    events_json: span.events.length === 0 ? NO_EVENTS : tsvString(encodeEvents(span.events)),
    links_json: span.links.length === 0 ? NO_LINKS : tsvString(encodeLinks(span.links)),
    ingest_id: ingestId,
    ingest_row: String(row),
  };
  return tsvLine(SPAN_TABLE_COLUMNS, fields);
}

/** Inverse of spanRowLine for a row selected as SPAN_COLUMNS; `decoder` shares resources and scopes within one read. */
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
    resource: resourceFromRow(row, decoder),
    scope: decoder.scope(row.scope_json),
    service: row.service,
    sampleWeight: parseFloat64Text(row.sample_weight_text),
  };
}

// The resources decoded by a read, keyed by the read's ResourceDecoder (one per read, as for
// scopes): the spans of a read that shared a resource at ingest share one object again.
const readResources = new WeakMap<ResourceDecoder, Map<string, Resource>>();

function resourceFromRow(row: SpanRow, decoder: ResourceDecoder): Resource {
  let resources = readResources.get(decoder);
  if (resources === undefined) readResources.set(decoder, (resources = new Map()));
  const key = JSON.stringify([row.resource_keys, row.resource_types, row.resource_values, row.resource_dropped_attributes_count, row.resource_schema_url]);
  let resource = resources.get(key);
  if (resource === undefined) {
    resource = {
      attributes: decodeAttributeArrays(row.resource_keys, row.resource_types, row.resource_values),
      droppedAttributesCount: row.resource_dropped_attributes_count,
      schemaUrl: row.resource_schema_url,
    };
    resources.set(key, resource);
  }
  return resource;
}

/** A Float64 as ClickHouse's toString prints it: `nan`, `inf`, `-inf` or a decimal. */
export function parseFloat64Text(text: string): number {
  if (text === "nan" || text === "-nan") return NaN;
  if (text === "inf" || text === "+inf") return Infinity;
  if (text === "-inf") return -Infinity;
  return Number(text);
}
