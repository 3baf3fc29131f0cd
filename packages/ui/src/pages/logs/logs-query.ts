import type { ApiLogsQuery } from "@skein/model/api";
import { DEFAULT_TIME_RANGE, readTimeRange, resolveTimeRange, writeTimeRange, type TimeRange } from "../../format/time-range.js";

/**
 * The logs explorer's query as the URL holds it (the single source of truth: a submitted form
 * becomes a URL, a URL becomes an API call). Every field is kept as the person typed it except
 * ids, which are trimmed and lower-cased on the way to the API.
 */
export interface LogsQueryState {
  /** Case-insensitive substring of the body; "" = any. */
  q: string;
  service: string;
  /** A level name, "" = any severity. */
  minSeverity: MinSeverity | "";
  /** Up to 32 hex characters as typed (checked by traceIdProblem before sending); "" = any trace. */
  traceId: string;
  /** 16 hex characters, usually arriving from a trace page link; "" = any span. */
  spanId: string;
  range: TimeRange;
  limit: LogsLimit;
}

export const MIN_SEVERITIES = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
export type MinSeverity = (typeof MIN_SEVERITIES)[number];

/** The limits the form offers; the API's maximum is 5000. */
export const LOGS_LIMITS = [100, 500, 1000, 5000] as const;
export type LogsLimit = (typeof LOGS_LIMITS)[number];
export const DEFAULT_LOGS_LIMIT: LogsLimit = 100;

export const EMPTY_LOGS_QUERY: LogsQueryState = { q: "", service: "", minSeverity: "", traceId: "", spanId: "", range: DEFAULT_TIME_RANGE, limit: DEFAULT_LOGS_LIMIT };

/** URL → state. Unreadable values fall back to "any" / the defaults (the URL is ours, but people edit URLs). */
export function readLogsQuery(params: URLSearchParams): LogsQueryState {
  const severity = (params.get("minSeverity") ?? "").toUpperCase();
  const limit = Number(params.get("limit"));
  return {
    q: params.get("q") ?? "",
    service: params.get("service") ?? "",
    minSeverity: MIN_SEVERITIES.find((name) => name === severity) ?? "",
    traceId: params.get("traceId") ?? "",
    spanId: params.get("spanId") ?? "",
    range: readTimeRange(params),
    limit: LOGS_LIMITS.find((l) => l === limit) ?? DEFAULT_LOGS_LIMIT,
  };
}

/** State → URL, in a fixed key order, leaving out empty filters and the default limit. */
export function writeLogsQuery(state: LogsQueryState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q !== "") params.set("q", state.q);
  if (state.service !== "") params.set("service", state.service);
  if (state.minSeverity !== "") params.set("minSeverity", state.minSeverity);
  if (state.traceId.trim() !== "") params.set("traceId", state.traceId.trim());
  if (state.spanId.trim() !== "") params.set("spanId", state.spanId.trim());
  writeTimeRange(params, state.range);
  if (state.limit !== DEFAULT_LOGS_LIMIT) params.set("limit", String(state.limit));
  return params;
}

/**
 * State → API parameters at `nowMs`. With a trace id and a preset range the window is left out,
 * so the API searches all time for that trace (its logs are few and the person wants all of
 * them); a custom range always applies. Throws (resolveTimeRange) on an unreadable custom range.
 */
export function toApiLogsQuery(state: LogsQueryState, nowMs: number): ApiLogsQuery {
  const traceId = state.traceId.trim().toLowerCase();
  const spanId = state.spanId.trim().toLowerCase();
  const bounds = traceId !== "" && state.range.kind === "preset" ? {} : resolveTimeRange(state.range, nowMs);
  const query: ApiLogsQuery = { ...bounds, limit: String(state.limit) };
  if (state.q !== "") query.q = state.q;
  if (state.service !== "") query.service = state.service;
  if (state.minSeverity !== "") query.minSeverity = state.minSeverity;
  if (traceId !== "") query.traceId = traceId;
  if (spanId !== "") query.spanId = spanId;
  return query;
}

/** True when any filter beyond the time range and limit is set (decides "no data" vs "no results"). */
export function hasLogFilters(state: LogsQueryState): boolean {
  return state.q !== "" || state.service !== "" || state.minSeverity !== "" || state.traceId.trim() !== "" || state.spanId.trim() !== "";
}

/** Why a typed trace id cannot be sent, in words for the form; undefined when it is fine or empty. */
export function traceIdProblem(text: string): string | undefined {
  const id = text.trim();
  if (id === "") return undefined;
  if (!/^[0-9a-fA-F]+$/.test(id)) return "A trace id is hexadecimal: digits 0–9 and letters a–f only.";
  if (id.length > 32) return `A trace id has at most 32 hex characters; this one has ${id.length}.`;
  if (/^0+$/.test(id)) return "An all-zero trace id is invalid in OpenTelemetry.";
  return undefined;
}

/** The same for a span id (exactly 16 hex characters, not all zero). */
export function spanIdProblem(text: string): string | undefined {
  const id = text.trim();
  if (id === "") return undefined;
  if (!/^[0-9a-fA-F]{16}$/.test(id) || /^0+$/.test(id)) return "A span id is 16 hex characters (not all zero).";
  return undefined;
}

/** Why the time range cannot be sent (a custom range with an end cleared, or backwards); undefined when fine. */
export function rangeProblem(range: TimeRange): string | undefined {
  try {
    resolveTimeRange(range);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
