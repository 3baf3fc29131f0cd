import type { ApiLog } from "@skein/model/api";

/**
 * A log body as people read it: a string as-is (newlines kept), null/undefined as "" (never the
 * word "null"), anything structured as JSON indented by 2 spaces. Always a string, so it renders
 * through React as text, never as HTML.
 */
export function logBodyText(body: ApiLog["body"] | undefined): string {
  if (typeof body === "string") return body;
  if (body === null || body === undefined) return "";
  return JSON.stringify(body, null, 2);
}

/**
 * The time to show and sort a log by, as the API's decimal ns string: the event time, or the
 * observed time when the event time is "0" (OTLP: unknown). Both "0" stays "0".
 */
export function logTime(log: Pick<ApiLog, "timeUnixNano" | "observedTimeUnixNano">): string {
  return log.timeUnixNano === "0" ? log.observedTimeUnixNano : log.timeUnixNano;
}
