import { SEVERITY_NAMES, anyValueToDisplayString, bytesToHex, type ApiAlertExemplar, type LogRecord } from "@skein/model";
import { and, compare, intrinsic, type SpanFilter, type Storage } from "@skein/storage";
import type { AlertMeasurement } from "./alert-measure.js";
import { thresholdOf, type AlertRule } from "./alert-rule.js";
import { truncate } from "./alert-text.js";

/** Exemplar traces per notification. */
export const EXEMPLAR_TRACES = 3;
/** Error logs quoted per exemplar trace. */
export const EXEMPLAR_ERROR_LOGS = 5;
/** Longest log body quoted, in characters (keeps an event well under the 256 KiB storage bound). */
export const MAX_QUOTED_LOG_BODY = 1000;
/** OTLP SeverityNumber of ERROR. */
const ERROR_SEVERITY = 17;
/** Error logs are looked up from this long before the window (a long request logs before its span starts)… */
export const LOG_LOOKBACK_MS = 3_600_000;
/** …up to this long after the evaluation (clock skew between the services and Skein). */
export const LOG_LOOKAHEAD_MS = 5 * 60_000;
const NS_PER_MS = 1_000_000n;

/**
 * The traces a notification points at: the newest (by trace start) with a span of the population
 * the rule measured — its service (and operation; without one and when the measurement counted
 * SERVER and CONSUMER spans, a span of those kinds) — starting in the measured window that shows
 * the problem: status ERROR for an error-rate rule, a duration of at least the effective threshold
 * for a latency rule. Each with its error logs (severity ≥ ERROR, newest first, at most 5, looked
 * up from LOG_LOOKBACK_MS before the window to LOG_LOOKAHEAD_MS after the evaluation so the log
 * store reads a bounded time range). Fewer than three when fewer exist (sampling may have dropped
 * them; the rollups count spans before sampling).
 */
export async function findExemplars(
  storage: Pick<Storage, "traces" | "logs">,
  rule: AlertRule,
  measurement: Pick<AlertMeasurement, "range" | "measuredAtMs" | "requestKindsOnly">,
  traceUrl: (traceIdHex: string) => string,
  signal?: AbortSignal,
): Promise<ApiAlertExemplar[]> {
  const range = measurement.range;
  const traceIds: Uint8Array[] = [];
  const query = {
    spanFilter: exemplarFilter(rule, measurement.requestKindsOnly),
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
      const logRange = {
        startTimeMinUnixNano: BigInt(range.startUnixMs - LOG_LOOKBACK_MS) * NS_PER_MS,
        startTimeMaxUnixNano: BigInt(Math.max(measurement.measuredAtMs, range.endUnixMs) + LOG_LOOKAHEAD_MS) * NS_PER_MS,
      };
      return { traceId: hex, url: traceUrl(hex), errorLogs: await errorLogsOf(storage, traceId, logRange, signal) };
    }),
  );
}

/**
 * Same-span conditions: the rule's service, its operation if any (else, when `requestKindsOnly`,
 * kind server or consumer), and the problem it watches.
 */
export function exemplarFilter(rule: AlertRule, requestKindsOnly: boolean): SpanFilter {
  const conditions: SpanFilter[] = [compare(intrinsic("service"), "=", rule.service)];
  if (rule.operation !== null) conditions.push(compare(intrinsic("name"), "=", rule.operation));
  else if (requestKindsOnly) conditions.push({ op: "or", filters: [compare(intrinsic("kind"), "=", "server"), compare(intrinsic("kind"), "=", "consumer")] });
  if (rule.condition.type === "error-rate") conditions.push(compare(intrinsic("status"), "=", "error"));
  else conditions.push(compare(intrinsic("duration"), ">=", BigInt(thresholdOf(rule.condition))));
  return and(...conditions);
}

async function errorLogsOf(
  storage: Pick<Storage, "logs">,
  traceId: Uint8Array,
  range: { startTimeMinUnixNano: bigint; startTimeMaxUnixNano: bigint },
  signal?: AbortSignal,
): Promise<ApiAlertExemplar["errorLogs"]> {
  const logs: ApiAlertExemplar["errorLogs"] = [];
  for await (const chunk of storage.logs.reader.findLogs({ traceId, ...range, minSeverity: ERROR_SEVERITY, limit: EXEMPLAR_ERROR_LOGS }, signal)) {
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
