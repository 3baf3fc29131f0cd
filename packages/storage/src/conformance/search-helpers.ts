import { bytesToHex } from "@skein/model";
import type { SpanFilter } from "../filter.js";
import type { TraceQuery, TraceSummary } from "../queries.js";
import type { Storage } from "../storage.js";
import { collect, traceIdOf } from "../testing/fixtures.js";

/** The summaries findTraces returns, drained. Default limit 1000. */
export function findTraces(storage: Storage, query: Partial<TraceQuery>): Promise<TraceSummary[]> {
  return collect(storage.traces.reader.findTraces({ limit: 1000, ...query }));
}

/** The trace ids (hex, in returned order) matching `spanFilter`. */
export async function matchingIds(storage: Storage, spanFilter?: SpanFilter, query: Partial<TraceQuery> = {}): Promise<string[]> {
  const found = await findTraces(storage, { ...query, ...(spanFilter === undefined ? {} : { spanFilter }) });
  return found.map((s) => bytesToHex(s.traceId));
}

/** Hex of traceIdOf(n) for each n, for expectations. */
export const ids = (...numbers: number[]): string[] => numbers.map((n) => bytesToHex(traceIdOf(n)));
