import { API_DURATION_PATTERN, API_TRACE_SEARCH_LIMIT, apiTraceSearchQuerySchema, type ApiTraceSearchQuery } from "@skein/model/api";
import { readTimeRange, resolveTimeRange, writeTimeRange, type TimeRange } from "../../format/time-range.js";
import { attributesParameter } from "./search-attributes.js";
import { parseApiDuration } from "@skein/model/api";

/**
 * A trace search as the URL holds it (the single source of truth: shareable, Back works):
 * `service`, `operation`, repeated `attr=key=value`, `minDuration`, `maxDuration` (as typed, with a
 * unit), `errors=1`, `kind` (a span kind), `range` or `start`+`end`, `limit`. Empty strings mean "not set".
 */
export interface SearchQuery {
  service: string;
  operation: string;
  /** Filter texts as typed (`key=value`), one per form row; blank rows are dropped from the URL. */
  attributes: string[];
  minDuration: string;
  maxDuration: string;
  errorsOnly: boolean;
  /** A span kind name (`server`, `client`, …) that must hold on the matching span; "" = any kind. */
  kind: string;
  timeRange: TimeRange;
  /** Decimal text; "" = the API's default (API_TRACE_SEARCH_LIMIT.default). */
  limit: string;
}

/** Problems with a query, per form field, as messages for people. Empty when the query can be sent. */
export type SearchQueryErrors = Partial<Record<"attributes" | "minDuration" | "maxDuration" | "kind" | "timeRange" | "limit", string>>;

/** Every span kind the API accepts (`unspecified` included, though the form does not offer it). */
export const SEARCH_SPAN_KINDS: readonly string[] = apiTraceSearchQuerySchema.shape.kind.unwrap().options;

export function readSearchQuery(params: URLSearchParams): SearchQuery {
  return {
    service: params.get("service") ?? "",
    operation: params.get("operation") ?? "",
    attributes: params.getAll("attr").filter((text) => text.trim() !== ""),
    minDuration: params.get("minDuration") ?? "",
    maxDuration: params.get("maxDuration") ?? "",
    errorsOnly: params.get("errors") === "1" || params.get("errors") === "true",
    kind: params.get("kind") ?? "",
    timeRange: readTimeRange(params),
    limit: params.get("limit") ?? "",
  };
}

/** The URL parameters of a query; unset fields are left out so URLs stay short. */
export function writeSearchQuery(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  const setIf = (key: string, value: string) => value.trim() !== "" && params.set(key, value.trim());
  setIf("service", query.service);
  setIf("operation", query.operation);
  for (const text of query.attributes) if (text.trim() !== "") params.append("attr", text.trim());
  setIf("minDuration", query.minDuration);
  setIf("maxDuration", query.maxDuration);
  if (query.errorsOnly) params.set("errors", "1");
  setIf("kind", query.kind);
  writeTimeRange(params, query.timeRange);
  setIf("limit", query.limit);
  return params;
}

/** True when anything narrows the search beyond the time range (then "no results" is not "no data"). */
export function hasSearchFilters(query: SearchQuery): boolean {
  return (
    query.service !== "" ||
    query.operation !== "" ||
    query.attributes.some((text) => text.trim() !== "") ||
    query.minDuration.trim() !== "" ||
    query.maxDuration.trim() !== "" ||
    query.errorsOnly ||
    query.kind.trim() !== ""
  );
}

/**
 * Checks a query and builds the API parameters, a preset range resolved against `nowMs`.
 * Every problem is reported per field, so the form can show all of them before anything is sent.
 */
export function checkSearchQuery(query: SearchQuery, nowMs: number): { ok: true; api: ApiTraceSearchQuery } | { ok: false; errors: SearchQueryErrors } {
  const errors: SearchQueryErrors = {};
  const api: ApiTraceSearchQuery = {};
  if (query.service !== "") api.service = query.service;
  if (query.operation !== "") api.operation = query.operation;

  const attributes = attributesParameter(query.attributes);
  if (attributes.ok) api.attributes = attributes.json;
  else errors.attributes = attributes.error;

  for (const field of ["minDuration", "maxDuration"] as const) {
    const text = query[field].trim();
    if (text === "") continue;
    if (API_DURATION_PATTERN.test(text)) api[field] = text;
    else errors[field] = `"${text}" is not a duration: give a number with a unit, such as 250ms, 1.5s, 2m, 100us`;
  }
  // The server refuses min > max with a 400; say it on the field instead.
  const min = api.minDuration !== undefined ? parseApiDuration(api.minDuration) : undefined;
  const max = api.maxDuration !== undefined ? parseApiDuration(api.maxDuration) : undefined;
  if (min !== undefined && max !== undefined && min > max) {
    errors.maxDuration = `the max duration (${api.maxDuration}) is shorter than the min duration (${api.minDuration}); raise it or lower the min`;
  }

  if (query.errorsOnly) api.status = "error";

  const kind = query.kind.trim();
  if (kind !== "") {
    const parsed = apiTraceSearchQuerySchema.shape.kind.safeParse(kind);
    if (parsed.success) api.kind = parsed.data;
    else errors.kind = `"${kind}" is not a span kind: choose one of ${SEARCH_SPAN_KINDS.join(", ")}`;
  }

  try {
    Object.assign(api, resolveTimeRange(query.timeRange, nowMs));
  } catch (error) {
    errors.timeRange = (error as Error).message;
  }

  const limit = query.limit.trim();
  if (limit !== "") {
    const value = Number(limit);
    if (/^[0-9]+$/.test(limit) && value >= 1 && value <= API_TRACE_SEARCH_LIMIT.max) api.limit = String(value);
    else errors.limit = `the limit must be a whole number from 1 to ${API_TRACE_SEARCH_LIMIT.max}`;
  }

  return Object.keys(errors).length === 0 ? { ok: true, api: dropUndefined(api) } : { ok: false, errors };
}

function dropUndefined(api: ApiTraceSearchQuery): ApiTraceSearchQuery {
  return Object.fromEntries(Object.entries(api).filter(([, value]) => value !== undefined)) as ApiTraceSearchQuery;
}

