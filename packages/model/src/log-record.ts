import type { AnyValue, Attributes } from "./any-value.js";
import type { InstrumentationScope, Resource } from "./resource.js";

/**
 * One log record, lossless against OTLP. Times are exact nanoseconds since the Unix epoch
 * (0 = unknown). Trace and span ids are null when the record is not correlated.
 */
export interface LogRecord {
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  /** 0 (unspecified) to 24, as OTLP SeverityNumber. */
  severityNumber: number;
  severityText: string;
  body: AnyValue;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
  traceId: Uint8Array | null;
  spanId: Uint8Array | null;
  eventName: string;
  resource: Resource;
  scope: InstrumentationScope;
  service: string;
}

/** OTLP severity ranges: TRACE 1–4, DEBUG 5–8, INFO 9–12, WARN 13–16, ERROR 17–20, FATAL 21–24. */
export const SEVERITY_NAMES = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;

/** The lowest severity number of a named level (`"error"` → 17), or undefined if unknown. */
export function severityNumberOfName(name: string): number | undefined {
  const upper = name.toUpperCase();
  const alias = upper === "WARNING" ? "WARN" : upper === "CRITICAL" ? "FATAL" : upper;
  const index = (SEVERITY_NAMES as readonly string[]).indexOf(alias);
  return index < 0 ? undefined : index * 4 + 1;
}
