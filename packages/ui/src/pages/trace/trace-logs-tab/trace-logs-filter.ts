import type { ApiLog } from "@skein/model/api";
import { plainJsonText } from "../../../format/plain-json.js";

export interface TraceLogsFilter {
  /** Case-insensitive substring of the body, the service or an attribute value; "" = any. */
  readonly text: string;
  /** Lowest OTLP severity number shown (1 TRACE … 21 FATAL); 0 = any, including unspecified. */
  readonly minSeverity: number;
}

export const NO_TRACE_LOGS_FILTER: TraceLogsFilter = { text: "", minSeverity: 0 };

export const SEVERITY_CHOICES: ReadonlyArray<{ label: string; value: number }> = [
  { label: "Any level", value: 0 },
  { label: "TRACE+", value: 1 },
  { label: "DEBUG+", value: 5 },
  { label: "INFO+", value: 9 },
  { label: "WARN+", value: 13 },
  { label: "ERROR+", value: 17 },
  { label: "FATAL", value: 21 },
];

/** A log and its position in TraceLogs.all (a stable key while the trace is shown). */
export interface IndexedLog {
  readonly index: number;
  readonly log: ApiLog;
}

/** The logs that pass `filter`, order kept. */
export function filterTraceLogs(logs: readonly ApiLog[], filter: TraceLogsFilter): IndexedLog[] {
  const needle = filter.text.trim().toLowerCase();
  const result: IndexedLog[] = [];
  logs.forEach((log, index) => {
    if (log.severityNumber < filter.minSeverity) return;
    if (needle !== "" && !searchableText(log).includes(needle)) return;
    result.push({ index, log });
  });
  return result;
}

function searchableText(log: ApiLog): string {
  return `${plainJsonText(log.body)}\n${log.service}\n${Object.values(log.attributes).map(plainJsonText).join("\n")}`.toLowerCase();
}
