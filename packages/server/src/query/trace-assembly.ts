import type { Span } from "@skein/model";
import type { TraceReader } from "@skein/storage";
import { collectChunks } from "./collect.js";

/**
 * Reads every span of one trace and orders them for display: start time ascending, ties by span
 * id bytes ascending, so the same trace always renders the same. Returns an empty array for an
 * unknown trace. The whole trace is held in memory: the response carries all of it.
 */
export async function assembleTrace(reader: TraceReader, traceId: Uint8Array, signal?: AbortSignal): Promise<Span[]> {
  const spans = await collectChunks(reader.getTrace(traceId, signal));
  return spans.sort(compareSpans);
}

export function compareSpans(a: Span, b: Span): number {
  if (a.startTimeUnixNano !== b.startTimeUnixNano) return a.startTimeUnixNano < b.startTimeUnixNano ? -1 : 1;
  return Buffer.compare(a.spanId, b.spanId);
}
