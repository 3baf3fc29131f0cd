import type { ApiLog, LogRecord } from "@skein/model";
import { anyValueToPlainJson, attributesToPlainJson, bytesToHex } from "@skein/model";
import { scopeToApi } from "./span-json.js";

/** A log record in the native API shape (DESIGN §7); uncorrelated records carry null ids. */
export function logToApi(log: LogRecord): ApiLog {
  return {
    timeUnixNano: log.timeUnixNano.toString(),
    observedTimeUnixNano: log.observedTimeUnixNano.toString(),
    severityNumber: log.severityNumber,
    severityText: log.severityText,
    body: anyValueToPlainJson(log.body),
    attributes: attributesToPlainJson(log.attributes),
    resource: attributesToPlainJson(log.resource.attributes),
    service: log.service,
    scope: scopeToApi(log.scope),
    traceId: log.traceId !== null && log.traceId.length > 0 ? bytesToHex(log.traceId) : null,
    spanId: log.spanId !== null && log.spanId.length > 0 ? bytesToHex(log.spanId) : null,
  };
}
