import { SEVERITY_NAMES, anyValueToDisplayString, bytesToHex, parseApiDuration, type ApiAlertExemplar, type LogRecord } from "@skein/model";
import { and, compare, intrinsic, type SpanFilter, type Storage } from "@skein/storage";
import { alertWindow } from "./alert-measure.js";
import { truncate } from "./alert-text.js";
import type { AlertRule } from "./alert-rule.js";

/** Exemplar traces per notification. */
export const EXEMPLAR_TRACES = 3;
/** Error logs quoted per exemplar trace. */
export const EXEMPLAR_ERROR_LOGS = 5;
/** Longest log body quoted, in characters (keeps an event well under the 256 KiB storage bound). */
export const MAX_QUOTED_LOG_BODY = 1000;
/** OTLP SeverityNumber of ERROR. */
const ERROR_SEVERITY = 17;

/**
 * The traces a notification points at: the newest (by trace start) with a span of the rule's
 * service (and operation) starting in the rule's window that shows the problem — status ERROR for
 * an error-rate rule, a duration of at least the threshold for a latency rule — each with its
 * error logs (severity ≥ ERROR, newest first, at most 5). Fewer than three when fewer exist
 * (sampling may have dropped them; the rollups count spans before sampling).
 */
export async function findExemplars(
  storage: Pick<Storage, "traces" | "logs">,
  rule: AlertRule,
  nowMs: number,
  traceUrl: (traceIdHex: string) => string,
  signal?: AbortSignal,
): Promise<ApiAlertExemplar[]> {
  const range = alertWindow(nowMs, rule.windowMs);
  const traceIds: Uint8Array[] = [];
  const query = {
    spanFilter: exemplarFilter(rule),
    startTimeMinUnixNano: BigInt(range.startUnixMs) * 1_000_000n,
    startTimeMaxUnixNano: BigInt(range.endUnixMs) * 1_000_000n - 1n,
    limit: EXEMPLAR_TRACES,
  };
  for await (const chunk of storage.traces.reader.findTraces(query, signal)) {
    for (const summary of chunk) if (traceIds.length < EXEMPLAR_TRACES) traceIds.push(summary.traceId);
  }
  return Promise.all(
    traceIds.map(async (traceId) => {
      const hex = bytesToHex(traceId);
      return { traceId: hex, url: traceUrl(hex), errorLogs: await errorLogsOf(storage, traceId, signal) };
    }),
  );
}

/** Same-span conditions: the rule's service, its operation if any, and the problem it watches. */
export function exemplarFilter(rule: AlertRule): SpanFilter {
  const conditions: SpanFilter[] = [compare(intrinsic("service"), "=", rule.service)];
  if (rule.operation !== null) conditions.push(compare(intrinsic("name"), "=", rule.operation));
  if (rule.condition.type === "error-rate") conditions.push(compare(intrinsic("status"), "=", "error"));
  else conditions.push(compare(intrinsic("duration"), ">=", parseApiDuration(rule.condition.threshold)!));
  return and(...conditions);
}

async function errorLogsOf(storage: Pick<Storage, "logs">, traceId: Uint8Array, signal?: AbortSignal): Promise<ApiAlertExemplar["errorLogs"]> {
  const logs: ApiAlertExemplar["errorLogs"] = [];
  for await (const chunk of storage.logs.reader.findLogs({ traceId, minSeverity: ERROR_SEVERITY, limit: EXEMPLAR_ERROR_LOGS }, signal)) {
    for (const record of chunk) if (logs.length < EXEMPLAR_ERROR_LOGS) logs.push(quoteLog(record));
  }
  return logs;
}

function quoteLog(record: LogRecord): ApiAlertExemplar["errorLogs"][number] {
  const body = anyValueToDisplayString(record.body);
  return {
    timeUnixNano: String(record.timeUnixNano !== 0n ? record.timeUnixNano : record.observedTimeUnixNano),
    severityText: record.severityText !== "" ? record.severityText : (SEVERITY_NAMES[Math.min(5, Math.floor((record.severityNumber - 1) / 4))] ?? "ERROR"),
    body: truncate(body, MAX_QUOTED_LOG_BODY),
    spanId: record.spanId === null ? null : bytesToHex(record.spanId),
  };
}
