import type { DecodedLogs, Rejection } from "../batch.js";
import type { LogRecord } from "../log-record.js";
import { serviceNameOf } from "../resource.js";
import type { InstrumentationScope, Resource } from "../resource.js";
import { groupByResourceAndScope } from "./group-by-scope.js";
import { logIdsProblem, optionalLogId } from "./id-checks.js";
import { idToJson, jsonAnyValue, jsonAttributes, jsonResource, jsonScope, toJsonAnyValue, toJsonKeyValues, toJsonResource, toJsonScope } from "./json-any-value.js";
import { parseOtlpJson, decodingJson } from "./json-parse.js";
import { asArray, asEnum, asHexId, asObject, asString, asUint32, asUint64, field } from "./json-reader.js";
import type { JsonObject } from "./json-reader.js";
import type { OtlpJsonLogRecord, OtlpLogsJson } from "./otlp-json-types.js";

const SEVERITY_NUMBERS = ["SEVERITY_NUMBER_UNSPECIFIED"];
for (const level of ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]) {
  SEVERITY_NUMBERS.push(`SEVERITY_NUMBER_${level}`, `SEVERITY_NUMBER_${level}2`, `SEVERITY_NUMBER_${level}3`, `SEVERITY_NUMBER_${level}4`);
}

/**
 * Decodes an OTLP/JSON ExportLogsServiceRequest (`{"resourceLogs": […]}`). Throws OtlpDecodeError
 * naming the path for invalid JSON or wrong types. Empty or all-zero ids → null; a non-empty id
 * that is not hex or has the wrong length rejects that record.
 */
export function decodeOtlpLogsJson(text: string): DecodedLogs {
  return decodingJson("ExportLogsServiceRequest", () => decodeOtlpLogsJsonUnguarded(text));
}

function decodeOtlpLogsJsonUnguarded(text: string): DecodedLogs {
  const root = parseOtlpJson(text, "ExportLogsServiceRequest");
  const logs: LogRecord[] = [];
  const rejected: Rejection[] = [];
  const resourceLogs = asArray(field(root, "resourceLogs", "resource_logs"), "resourceLogs");
  for (let r = 0; r < resourceLogs.length; r++) {
    const rWhere = `resourceLogs[${r}]`;
    const rl = asObject(resourceLogs[r], rWhere) ?? {};
    const resource = jsonResource(rl, rWhere);
    const service = serviceNameOf(resource);
    const scopeLogs = asArray(field(rl, "scopeLogs", "scope_logs"), `${rWhere}.scopeLogs`);
    for (let s = 0; s < scopeLogs.length; s++) {
      const sWhere = `${rWhere}.scopeLogs[${s}]`;
      const sl = asObject(scopeLogs[s], sWhere) ?? {};
      const scope = jsonScope(sl, sWhere);
      const list = asArray(field(sl, "logRecords", "log_records"), `${sWhere}.logRecords`);
      for (let i = 0; i < list.length; i++) {
        const where = `${sWhere}.logRecords[${i}]`;
        const log = decodeLogRecord(asObject(list[i], where) ?? {}, where, resource, scope, service);
        if (typeof log === "string") rejected.push({ reason: `log record ${i} of ${sWhere}: ${log}` });
        else logs.push(log);
      }
    }
  }
  return { batch: { logs }, rejected };
}

function decodeLogRecord(o: JsonObject, where: string, resource: Resource, scope: InstrumentationScope, service: string): LogRecord | string {
  const traceId = asHexId(field(o, "traceId", "trace_id"), `${where}.traceId`);
  const spanId = asHexId(field(o, "spanId", "span_id"), `${where}.spanId`);
  if (traceId === null) return "trace id is not hex";
  if (spanId === null) return "span id is not hex";
  const problem = logIdsProblem(traceId, spanId);
  if (problem !== undefined) return problem;
  return {
    timeUnixNano: asUint64(field(o, "timeUnixNano", "time_unix_nano"), `${where}.timeUnixNano`),
    observedTimeUnixNano: asUint64(field(o, "observedTimeUnixNano", "observed_time_unix_nano"), `${where}.observedTimeUnixNano`),
    severityNumber: asEnum(field(o, "severityNumber", "severity_number"), `${where}.severityNumber`, SEVERITY_NUMBERS),
    severityText: asString(field(o, "severityText", "severity_text"), `${where}.severityText`),
    body: jsonAnyValue(o["body"], `${where}.body`),
    attributes: jsonAttributes(o["attributes"], `${where}.attributes`),
    droppedAttributesCount: asUint32(field(o, "droppedAttributesCount", "dropped_attributes_count"), `${where}.droppedAttributesCount`),
    flags: asUint32(o["flags"], `${where}.flags`),
    traceId: optionalLogId(traceId),
    spanId: optionalLogId(spanId),
    eventName: asString(field(o, "eventName", "event_name"), `${where}.eventName`),
    resource,
    scope,
    service,
  };
}

/**
 * Log records → the OTLP/JSON object `{resourceLogs: […]}`, grouped by resource and scope object
 * identity. Lossless: decodeOtlpLogsJson(JSON.stringify(result)) gives the records back.
 */
export function encodeOtlpLogsJson(logs: readonly LogRecord[]): OtlpLogsJson {
  return {
    resourceLogs: groupByResourceAndScope(logs).map((group) => ({
      resource: toJsonResource(group.resource),
      ...(group.resource.schemaUrl === "" ? {} : { schemaUrl: group.resource.schemaUrl }),
      scopeLogs: group.scopes.map((sg) => ({
        scope: toJsonScope(sg.scope),
        ...(sg.scope.schemaUrl === "" ? {} : { schemaUrl: sg.scope.schemaUrl }),
        logRecords: sg.items.map(toJsonLogRecord),
      })),
    })),
  };
}

function toJsonLogRecord(log: LogRecord): OtlpJsonLogRecord {
  const out: OtlpJsonLogRecord = {
    timeUnixNano: log.timeUnixNano.toString(),
    observedTimeUnixNano: log.observedTimeUnixNano.toString(),
    attributes: toJsonKeyValues(log.attributes),
  };
  if (log.severityNumber !== 0) out.severityNumber = log.severityNumber;
  if (log.severityText !== "") out.severityText = log.severityText;
  if (log.body !== null) out.body = toJsonAnyValue(log.body);
  if (log.droppedAttributesCount !== 0) out.droppedAttributesCount = log.droppedAttributesCount;
  if (log.flags !== 0) out.flags = log.flags;
  if (log.traceId !== null) out.traceId = idToJson(log.traceId);
  if (log.spanId !== null) out.spanId = idToJson(log.spanId);
  if (log.eventName !== "") out.eventName = log.eventName;
  return out;
}
