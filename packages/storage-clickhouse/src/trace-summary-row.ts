// The row shape traceSearchSql returns (JSONEachRow) and its mapping to TraceSummary.
import { compareCodePoints } from "@skein/storage";
import type { TraceSummary } from "@skein/storage";
import { traceIdFromHalves } from "./id-columns.js";

/** A UInt64 as JSONEachRow writes it: a decimal string (quoted 64-bit integers, the default), or a number. */
type UInt64Json = string | number;

/**
 * One JSONEachRow row of traceSearchSql, summarizing all spans of one trace. Times are ns.
 * `services` holds one `[service, spanCount, errorCount]` per service of the trace (a
 * ClickHouse Array(Tuple(String, UInt64, UInt64))), in no particular order.
 */
export interface TraceSummaryRow {
  trace_id_hi: UInt64Json;
  trace_id_lo: UInt64Json;
  /** Earliest span start. */
  start_ns: UInt64Json;
  /** Latest span end. */
  end_ns: UInt64Json;
  span_count: UInt64Json;
  error_count: UInt64Json;
  root_service: string;
  root_name: string;
  services: [string, UInt64Json, UInt64Json][];
}

/** The TraceSummary of one row: duration = end − start (0 if negative), services sorted by name in code point order. */
export function summaryFromRow(row: TraceSummaryRow): TraceSummary {
  const start = BigInt(row.start_ns);
  const end = BigInt(row.end_ns);
  return {
    traceId: traceIdFromHalves(BigInt(row.trace_id_hi), BigInt(row.trace_id_lo)),
    rootService: row.root_service,
    rootName: row.root_name,
    startTimeUnixNano: start,
    durationNano: end > start ? end - start : 0n,
    spanCount: Number(row.span_count),
    errorCount: Number(row.error_count),
    services: row.services
      .map(([name, spanCount, errorCount]) => ({ name, spanCount: Number(spanCount), errorCount: Number(errorCount) }))
      .sort((a, b) => compareCodePoints(a.name, b.name)),
  };
}
