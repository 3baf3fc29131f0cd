import { apiSpan, apiTrace, spanIdOf } from "../../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../../trace/trace-model.js";

export const MS = 1_000_000;

/** frontend "GET /" 0–100 ms with backend "query" 10–40 (error) and 30–70 (overlapping), frontend "render" 80–90. */
export function statsTrace() {
  return buildTraceModel(
    apiTrace([
      apiSpan({ spanId: spanIdOf(1), name: "GET /", service: "frontend", startOffsetNs: 0, durationNs: 100 * MS }),
      apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: "query", service: "backend", startOffsetNs: 10 * MS, durationNs: 30 * MS, status: { code: "error" } }),
      apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(1), name: "query", service: "backend", startOffsetNs: 30 * MS, durationNs: 40 * MS }),
      apiSpan({ spanId: spanIdOf(4), parentSpanId: spanIdOf(1), name: "render", service: "frontend", startOffsetNs: 80 * MS, durationNs: 10 * MS }),
    ]),
  );
}
