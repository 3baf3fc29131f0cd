import type { ApiTraceSummary } from "@skein/model";
import { bytesToHex } from "@skein/model";
import type { TraceSummary } from "@skein/storage";

/** A search hit in the native API shape: hex trace id, ns as decimal strings. */
export function summaryToApi(summary: TraceSummary): ApiTraceSummary {
  return {
    traceId: bytesToHex(summary.traceId),
    rootService: summary.rootService,
    rootName: summary.rootName,
    startTimeUnixNano: summary.startTimeUnixNano.toString(),
    durationNano: summary.durationNano.toString(),
    spanCount: summary.spanCount,
    errorCount: summary.errorCount,
    services: summary.services.map((s) => ({ name: s.name, spanCount: s.spanCount, errorCount: s.errorCount })),
  };
}
