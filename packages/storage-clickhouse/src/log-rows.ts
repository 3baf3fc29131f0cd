import { anyValueToDisplayString } from "@skein/model";
import type { InstrumentationScope, LogRecord, Resource } from "@skein/model";
import type { ResourceDecoder } from "@skein/storage/stored-form";
import { decodeAttributes, decodeValue, encodeAttributes, encodeResource, encodeScope, encodeValue } from "@skein/storage/stored-form";
import { spanIdFromNumber, spanIdNumber, traceIdFromHalves, traceIdHalves } from "./id-columns.js";
import { jsonString } from "./well-formed.js";

// One `logs` row (sql/001-logs.sql) per log record: written as a JSONEachRow line, read back
// from the columns LOG_COLUMNS selects.

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

const resourceColumn = new WeakMap<Resource, string>();
const scopeColumn = new WeakMap<InstrumentationScope, string>();

function once<K extends object>(cache: WeakMap<K, string>, key: K, encode: (key: K) => string): string {
  let text = cache.get(key);
  if (text === undefined) {
    text = JSON.stringify(encode(key));
    cache.set(key, text);
  }
  return text;
}

/** The time a record is kept and dropped by: its time, or its observed time when it has none. */
export function logRetentionTime(log: LogRecord): bigint {
  return log.timeUnixNano === 0n ? log.observedTimeUnixNano : log.timeUnixNano;
}

/**
 * The JSONEachRow line (without newline) of one record. `day` is utcDayOf(logRetentionTime),
 * `ingestId` the write's id as a decimal string, `row` the record's index in the write. A
 * string body is stored as body_text with body_json ''; any other body as its display string
 * (what bodyContains searches) plus its typed JSON.
 */
export function logRowJson(log: LogRecord, day: string, ingestId: string, row: number): string {
  const [hi, lo] = log.traceId === null ? [0n, 0n] : traceIdHalves(log.traceId);
  const stringBody = typeof log.body === "string";
  const bodyText = stringBody ? (log.body as string) : anyValueToDisplayString(log.body);
  return (
    `{"day":"${day}","time_ns":"${log.timeUnixNano}","observed_time_ns":"${log.observedTimeUnixNano}",` +
    `"severity_number":${log.severityNumber},"severity_text":${jsonString(log.severityText)},"body_text":${jsonString(bodyText)},` +
    `"body_json":${stringBody ? '""' : JSON.stringify(encodeValue(log.body))},"trace_id_hi":"${hi}","trace_id_lo":"${lo}",` +
    `"span_id":"${spanIdNumber(log.spanId)}","service":${jsonString(log.service)},"flags":${log.flags},"event_name":${jsonString(log.eventName)},` +
    `"dropped_attributes_count":${log.droppedAttributesCount},"attributes_json":${JSON.stringify(encodeAttributes(log.attributes))},` +
    `"resource_json":${once(resourceColumn, log.resource, encodeResource)},"scope_json":${once(scopeColumn, log.scope, encodeScope)},` +
    `"ingest_id":"${ingestId}","ingest_row":${row}}`
  );
}

/** Inverse of logRowJson for a row selected as LOG_COLUMNS; `decoder` shares resources and scopes within one read. */
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
