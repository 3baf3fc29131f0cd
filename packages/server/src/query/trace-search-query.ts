import type { ApiTraceSearchQuery } from "@skein/model";
import { API_TRACE_SEARCH_LIMIT } from "@skein/model";
import type { SpanFilter, TraceQuery } from "@skein/storage";
import { attribute, compare, intrinsic } from "@skein/storage";
import { parseAttributesParam } from "./attributes-param.js";
import { parseDurationParam } from "./duration-param.js";
import { InvalidParameterError } from "./errors.js";
import { parseLimitParam } from "./limit-param.js";
import { resolveTimeWindow } from "./time-window.js";

/**
 * Turns syntactically valid search parameters into a storage TraceQuery. Every span-level
 * condition (service, operation, attributes, durations, status, kind) goes into ONE `and` filter, so a
 * trace matches only when a single span satisfies all of them (DESIGN §4). Attribute keys match
 * span or resource attributes (scope "any"). Time: span start within [start, end], default the
 * last hour before `nowNanos`. Throws InvalidParameterError for values out of range.
 */
export function buildTraceQuery(params: ApiTraceSearchQuery, nowNanos: bigint): TraceQuery {
  const conditions: SpanFilter[] = [];
  if (params.service !== undefined) conditions.push(compare(intrinsic("service"), "=", params.service));
  if (params.operation !== undefined) conditions.push(compare(intrinsic("name"), "=", params.operation));
  if (params.attributes !== undefined) {
    for (const [key, value] of parseAttributesParam(params.attributes)) conditions.push(compare(attribute(key, "any"), "=", value));
  }
  const minDuration = params.minDuration !== undefined ? parseDurationParam("minDuration", params.minDuration) : undefined;
  const maxDuration = params.maxDuration !== undefined ? parseDurationParam("maxDuration", params.maxDuration) : undefined;
  if (minDuration !== undefined && maxDuration !== undefined && minDuration > maxDuration) {
    throw new InvalidParameterError(`minDuration (${params.minDuration}) is greater than maxDuration (${params.maxDuration})`);
  }
  if (minDuration !== undefined) conditions.push(compare(intrinsic("duration"), ">=", minDuration));
  if (maxDuration !== undefined) conditions.push(compare(intrinsic("duration"), "<=", maxDuration));
  if (params.status !== undefined) conditions.push(compare(intrinsic("status"), "=", params.status));
  if (params.kind !== undefined) conditions.push(compare(intrinsic("kind"), "=", params.kind));

  const query: TraceQuery = {
    ...resolveTimeWindow(params, nowNanos, "last-hour"),
    limit: parseLimitParam(params.limit, API_TRACE_SEARCH_LIMIT),
  };
  if (conditions.length === 1) query.spanFilter = conditions[0];
  else if (conditions.length > 1) query.spanFilter = { op: "and", filters: conditions };
  return query;
}
