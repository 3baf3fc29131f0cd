import { anyValueToDisplayString } from "@skein/model";
import type { InstrumentationScope, LogRecord, Resource } from "@skein/model";
import type { ResourceDecoder } from "@skein/storage/stored-form";
import { decodeAttributes, decodeValue, encodeAttributes, encodeResource, encodeScope, encodeValue } from "@skein/storage/stored-form";
import { spanIdFromNumber, spanIdNumber, traceIdFromHalves, traceIdHalves } from "./id-columns.js";
import { tsvLine, tsvString } from "./tsv-text.js";

// One `logs` row (sql/001-logs.sql) per log record: written as a TabSeparated line
// (insert-format.ts) with the fields in LOG_TABLE_COLUMNS order, read back from the columns
// LOG_COLUMNS selects.

/** The columns of the logs table in table order: the order of the fields of a logRowLine. */
export const LOG_TABLE_COLUMNS = [
  "day", "time_ns", "observed_time_ns", "severity_number", "severity_text", "body_text", "body_json", "trace_id_hi",
  "trace_id_lo", "span_id", "service", "flags", "event_name", "dropped_attributes_count", "attributes_json",
  "resource_json", "scope_json", "ingest_id", "ingest_row",
] as const;
type LogColumn = (typeof LOG_TABLE_COLUMNS)[number];

/** The columns findLogs selects, in the shape of LogRow. */
export const LOG_COLUMNS =
  "time_ns, observed_time_ns, severity_number, severity_text, body_text, body_json, trace_id_hi, trace_id_lo, span_id, " +
  "service, flags, event_name, dropped_attributes_count, attributes_json, resource_json, scope_json";

/** A row selected as LOG_COLUMNS, as JSONEachRow parses it (64-bit integers are decimal strings). */
export interface LogRow {
  time_ns: string;
  observed_time_ns: string;
  severity_number: number;
  severity_text: string;
  body_text: string;
  body_json: string;
  trace_id_hi: string;
  trace_id_lo: string;
  span_id: string;
  service: string;
  flags: number;
  event_name: string;
  dropped_attributes_count: number;
  attributes_json: string;
  resource_json: string;
  scope_json: string;
}

// Resources and scopes are shared by reference between the records of a request: their fields
// are encoded once per object.
const resourceField = new WeakMap<Resource, string>();
const scopeField = new WeakMap<InstrumentationScope, string>();

function once<K extends object>(cache: WeakMap<K, string>, key: K, encode: (key: K) => string): string {
  let field = cache.get(key);
  if (field === undefined) {
    field = tsvString(encode(key));
    cache.set(key, field);
  }
  return field;
}

/** The time a record is kept and dropped by: its time, or its observed time when it has none. */
export function logRetentionTime(log: LogRecord): bigint {
  return log.timeUnixNano === 0n ? log.observedTimeUnixNano : log.timeUnixNano;
}

/**
 * The TabSeparated line (without newline) of one record. `day` is utcDayOf(logRetentionTime),
 * `ingestId` the write's id as a decimal string, `row` the record's index in the write. A
 * string body is stored as body_text with body_json ''; any other body as its display string
 * (what bodyContains searches) plus its typed JSON.
 */
export function logRowLine(log: LogRecord, day: string, ingestId: string, row: number): string {
  const [hi, lo] = log.traceId === null ? [0n, 0n] : traceIdHalves(log.traceId);
  const stringBody = typeof log.body === "string";
  const fields: Record<LogColumn, string> = {
    day,
    time_ns: log.timeUnixNano.toString(),
    observed_time_ns: log.observedTimeUnixNano.toString(),
    severity_number: String(log.severityNumber),
    severity_text: tsvString(log.severityText),
    body_text: tsvString(stringBody ? (log.body as string) : anyValueToDisplayString(log.body)),
    body_json: stringBody ? "" : tsvString(encodeValue(log.body)),
    trace_id_hi: hi.toString(),
    trace_id_lo: lo.toString(),
    span_id: spanIdNumber(log.spanId).toString(),
    service: tsvString(log.service),
    flags: String(log.flags),
    event_name: tsvString(log.eventName),
    dropped_attributes_count: String(log.droppedAttributesCount),
    attributes_json: tsvString(encodeAttributes(log.attributes)),
    resource_json: once(resourceField, log.resource, encodeResource),
    scope_json: once(scopeField, log.scope, encodeScope),
    ingest_id: ingestId,
    ingest_row: String(row),
  };
  return tsvLine(LOG_TABLE_COLUMNS, fields);
}

/** Inverse of logRowLine for a row selected as LOG_COLUMNS; `decoder` shares resources and scopes within one read. */
export function logFromRow(row: LogRow, decoder: ResourceDecoder): LogRecord {
  const uncorrelated = row.trace_id_hi === "0" && row.trace_id_lo === "0";
  return {
    timeUnixNano: BigInt(row.time_ns),
    observedTimeUnixNano: BigInt(row.observed_time_ns),
    severityNumber: row.severity_number,
    severityText: row.severity_text,
    body: row.body_json === "" ? row.body_text : decodeValue(row.body_json),
    attributes: decodeAttributes(row.attributes_json),
    droppedAttributesCount: row.dropped_attributes_count,
    flags: row.flags,
    traceId: uncorrelated ? null : traceIdFromHalves(row.trace_id_hi, row.trace_id_lo),
    spanId: spanIdFromNumber(row.span_id),
    eventName: row.event_name,
    resource: decoder.resource(row.resource_json),
    scope: decoder.scope(row.scope_json),
    service: row.service,
  };
}
