import type { DuckDBAppender, DuckDBValue } from "@duckdb/node-api";
import { anyValueToDisplayString } from "@skein/model";
import type { LogRecord } from "@skein/model";
import { encodeResource, encodeScope } from "@skein/storage/stored-form";
import type { ResourceDecoder } from "@skein/storage/stored-form";
import { bytesOf } from "./span-row.js";
import { decodeAttributes, decodeValue, encodeAttributes, encodeValue } from "@skein/storage/stored-form";

/** The logs table's columns in table (and appender) order; see sql/logs.sql. */
export const LOG_COLUMNS =
  "time_ns, observed_time_ns, severity_number, severity_text, body_text, body_json, trace_id, span_id, service, flags, " +
  "event_name, dropped_attributes_count, attributes_json, resource_json, scope_json";

/** Appends one log record as one row. */
export function appendLogRow(appender: DuckDBAppender, log: LogRecord): void {
  appender.appendUBigInt(log.timeUnixNano);
  appender.appendUBigInt(log.observedTimeUnixNano);
  appender.appendUTinyInt(log.severityNumber);
  appender.appendVarchar(log.severityText);
  if (typeof log.body === "string") {
    appender.appendVarchar(log.body);
    appender.appendNull();
  } else {
    appender.appendVarchar(anyValueToDisplayString(log.body));
    appender.appendVarchar(encodeValue(log.body));
  }
  if (log.traceId === null) appender.appendNull();
  else appender.appendBlob(log.traceId);
  if (log.spanId === null) appender.appendNull();
  else appender.appendBlob(log.spanId);
  appender.appendVarchar(log.service);
  appender.appendUInteger(log.flags);
  appender.appendVarchar(log.eventName);
  appender.appendUInteger(log.droppedAttributesCount);
  appender.appendVarchar(encodeAttributes(log.attributes));
  appender.appendVarchar(encodeResource(log.resource));
  appender.appendVarchar(encodeScope(log.scope));
  appender.endRow();
}

/** Inverse of appendLogRow for one row selected as LOG_COLUMNS. */
export function logFromRow(row: readonly DuckDBValue[], decoder: ResourceDecoder): LogRecord {
  const bodyJson = row[5] as string | null;
  return {
    timeUnixNano: row[0] as bigint,
    observedTimeUnixNano: row[1] as bigint,
    severityNumber: row[2] as number,
    severityText: row[3] as string,
    body: bodyJson === null ? (row[4] as string) : decodeValue(bodyJson),
    traceId: row[6] === null ? null : bytesOf(row[6]!),
    spanId: row[7] === null ? null : bytesOf(row[7]!),
    service: row[8] as string,
    flags: row[9] as number,
    eventName: row[10] as string,
    droppedAttributesCount: row[11] as number,
    attributes: decodeAttributes(row[12] as string),
    resource: decoder.resource(row[13] as string),
    scope: decoder.scope(row[14] as string),
  };
}
