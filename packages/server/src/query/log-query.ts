import type { ApiLogsQuery } from "@skein/model";
import { API_LOG_LIMIT, parseSpanIdHex, parseTraceIdHex, severityNumberOfName } from "@skein/model";
import type { LogQuery } from "@skein/storage";
import { InvalidParameterError } from "./errors.js";
import { parseLimitParam } from "./limit-param.js";
import { resolveTimeWindow } from "./time-window.js";

/**
 * Turns syntactically valid log parameters into a storage LogQuery. Time window: all time when a
 * traceId is given (a trace's logs are few and the caller wants all of them), else the last hour
 * before `nowNanos`; explicit start/end always win. Throws InvalidParameterError / InvalidIdError.
 */
export function buildLogQuery(params: ApiLogsQuery, nowNanos: bigint): LogQuery {
  const query: LogQuery = {
    ...resolveTimeWindow(params, nowNanos, params.traceId !== undefined ? "all-time" : "last-hour"),
    limit: parseLimitParam(params.limit, API_LOG_LIMIT),
  };
  if (params.traceId !== undefined) query.traceId = parseTraceIdHex(params.traceId);
  if (params.spanId !== undefined) query.spanId = parseSpanIdHex(params.spanId);
  if (params.service !== undefined) query.service = params.service;
  if (params.minSeverity !== undefined) query.minSeverity = parseSeverity(params.minSeverity);
  if (params.q !== undefined) query.bodyContains = params.q;
  return query;
}

/** `1`–`24`, or a level name in any case (TRACE, DEBUG, INFO, WARN/WARNING, ERROR, FATAL/CRITICAL). */
export function parseSeverity(text: string): number {
  const number = /^[0-9]{1,2}$/.test(text) ? Number(text) : severityNumberOfName(text);
  if (number === undefined || number < 1 || number > 24) {
    throw new InvalidParameterError(
      `minSeverity must be a number from 1 to 24 or a level name (TRACE, DEBUG, INFO, WARN, ERROR, FATAL); got ${JSON.stringify(text.slice(0, 32))}`,
    );
  }
  return number;
}
