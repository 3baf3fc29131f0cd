import { API_LOG_LIMIT, type ApiLog } from "@skein/model/api";
import { api } from "../../api/api-client.js";

/** The most logs the page loads for one trace: the API's maximum. More are summarised in a note. */
export const TRACE_LOG_LIMIT = API_LOG_LIMIT.max;

/** A trace's logs, or why they could not be loaded (the trace stays usable either way). */
export type LogsResult = { readonly ok: true; readonly logs: ApiLog[] } | { readonly ok: false; readonly reason: string };

/** Loads up to TRACE_LOG_LIMIT logs of a trace; never rejects except on abort (a failure is a result). */
export function loadTraceLogs(traceId: string, signal: AbortSignal): Promise<LogsResult> {
  return api.logs({ traceId, limit: String(TRACE_LOG_LIMIT) }, signal).then(
    (logs): LogsResult => ({ ok: true, logs }),
    (error: unknown): LogsResult => {
      if (signal.aborted) throw error;
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    },
  );
}
