import {
  apiErrorResponseSchema,
  apiLogsResponseSchema,
  apiOperationsResponseSchema,
  apiServicesResponseSchema,
  apiStatusResponseSchema,
  apiTraceSearchResponseSchema,
  type ApiLog,
  type ApiLogsQuery,
  type ApiOperationsResponse,
  type ApiStatusResponse,
  type ApiTraceResponse,
  type ApiTraceSearchQuery,
  type ApiTraceSummary,
} from "@skein/model/api";
import type { z } from "zod";
import { ApiCallError } from "./api-error.js";
import { checkTraceResponse } from "./trace-response-check.js";

/**
 * The UI's only door to the server: the native HTTP API (DESIGN §7), every answer checked against
 * the shared zod schema. Each call takes an AbortSignal so a page that navigates away cancels it.
 * Errors are ApiCallError with a message meant for people.
 */
export const api = {
  status: async (signal?: AbortSignal): Promise<ApiStatusResponse> => getJson("/api/v1/status", {}, apiStatusResponseSchema, signal),

  services: async (signal?: AbortSignal): Promise<string[]> =>
    (await getJson("/api/v1/services", {}, apiServicesResponseSchema, signal)).services,

  operations: async (service: string, signal?: AbortSignal): Promise<ApiOperationsResponse["operations"]> =>
    (await getJson(`/api/v1/services/${encodeURIComponent(service)}/operations`, {}, apiOperationsResponseSchema, signal)).operations,

  searchTraces: async (query: ApiTraceSearchQuery, signal?: AbortSignal): Promise<ApiTraceSummary[]> =>
    (await getJson("/api/v1/traces", query, apiTraceSearchResponseSchema, signal)).traces,

  /**
   * Checked by checkTraceResponse (full schema for the first spans, structure for the rest: large
   * traces). Marks `TRACE_DATA_ARRIVED_MARK` (performance API) once the body is in, for the `ui` benchmark.
   */
  trace: async (traceId: string, signal?: AbortSignal): Promise<ApiTraceResponse> =>
    getJson(`/api/v1/traces/${encodeURIComponent(traceId)}`, {}, traceResponseValidator, signal, TRACE_DATA_ARRIVED_MARK),

  logs: async (query: ApiLogsQuery, signal?: AbortSignal): Promise<ApiLog[]> =>
    (await getJson("/api/v1/logs", query, apiLogsResponseSchema, signal)).logs,
};

/** Performance mark set when a trace's JSON body has fully arrived (before parsing). */
export const TRACE_DATA_ARRIVED_MARK = "skein:trace-data-arrived";

/** Builds `path?query`, leaving out absent and empty parameters (the API treats `x=` as absent anyway). */
export function apiUrl(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, value);
  const text = params.toString();
  return text === "" ? path : `${path}?${text}`;
}

/** What getJson checks an answer with: a zod schema, or anything with the same safeParse shape. */
interface AnswerValidator<T> {
  safeParse(body: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

const traceResponseValidator: AnswerValidator<ApiTraceResponse> = {
  safeParse(body) {
    const problem = checkTraceResponse(body);
    return problem === undefined ? { success: true, data: body as ApiTraceResponse } : { success: false, error: { issues: [{ path: [], message: problem }] } };
  },
};

export async function getJson<T>(
  path: string,
  query: Record<string, string | undefined>,
  schema: AnswerValidator<T> | z.ZodType<T>,
  signal: AbortSignal | undefined,
  bodyArrivedMark?: string,
): Promise<T> {
  const url = apiUrl(path, query);
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiCallError("unreachable", "Skein's server did not answer. Check that `skein start` is running and reachable from this browser, then retry.");
  }
  let body: unknown;
  try {
    const text = await response.text();
    if (bodyArrivedMark !== undefined) performance.mark(bodyArrivedMark);
    body = JSON.parse(text);
  } catch {
    if (signal?.aborted) throw signal.reason;
    throw new ApiCallError(response.ok ? "invalid" : "http", `the server answered ${response.status} without a JSON body for ${path}`, response.status);
  }
  if (!response.ok) {
    const parsed = apiErrorResponseSchema.safeParse(body);
    if (parsed.success) throw new ApiCallError("http", parsed.data.error.message, response.status, parsed.data.error.code);
    throw new ApiCallError("http", `the server answered ${response.status} for ${path}`, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiCallError("invalid", `the server's answer to ${path} does not match this UI (at ${issue?.path.join(".") || "the top"}: ${issue?.message}); reload the page, and if it persists the UI and server versions differ`);
  }
  return parsed.data as T;
}
