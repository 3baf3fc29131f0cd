import type { ApiCriticalPathResponse } from "@skein/model";
import { bytesToHex } from "@skein/model";
import type { QueryService } from "../query-service.js";
import { criticalPath } from "./critical-path.js";
import { buildSpanTree, traceRoot } from "./span-tree.js";

/**
 * `GET /traces/{traceId}/critical-path`: the critical path of the trace's root span (see
 * traceRoot for which span that is; orphans and other roots are not on it). Throws the
 * QueryService's InvalidIdError / TraceNotFoundError.
 */
export async function traceCriticalPath(queries: QueryService, traceIdHex: string, signal?: AbortSignal): Promise<ApiCriticalPathResponse> {
  const spans = await queries.getTraceSpans(traceIdHex, signal);
  const tree = buildSpanTree(spans);
  const root = traceRoot(tree)!; // getTraceSpans never returns an empty trace
  return {
    traceId: bytesToHex(spans[0]!.traceId),
    segments: criticalPath(tree, root).map((s) => ({
      spanId: bytesToHex(spans[s.span]!.spanId),
      startTimeUnixNano: s.start.toString(),
      endTimeUnixNano: s.end.toString(),
    })),
  };
}
