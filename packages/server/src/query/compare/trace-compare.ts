import type { ApiTraceCompareResponse, Span } from "@skein/model";
import { InvalidIdError, bytesToHex, parseTraceIdHex } from "@skein/model";
import { summarizeTrace } from "@skein/storage";
import { TraceNotFoundError } from "../errors.js";
import type { QueryService } from "../query-service.js";
import { diffTraces } from "./trace-diff.js";

/** TraceNotFoundError whose message says which compared trace (`a` or `b`) is missing. */
class ComparedTraceNotFoundError extends TraceNotFoundError {
  constructor(parameter: "a" | "b", traceIdHex: string) {
    super(traceIdHex);
    this.message = `${parameter}: ${this.message}`;
  }
}

/**
 * `GET /traces/compare?a=&b=`: both ids are validated before anything is read (InvalidIdError
 * naming the parameter), then both traces loaded; a missing one → TraceNotFoundError naming it
 * (a is reported first when both are missing). Durations are each trace's span-time extent.
 */
export async function compareTraces(queries: QueryService, aHex: string, bHex: string, signal?: AbortSignal): Promise<ApiTraceCompareResponse> {
  const aId = parseNamedId("a", aHex);
  const bId = parseNamedId("b", bHex);
  const [a, b] = await Promise.allSettled([load(queries, "a", aId, signal), load(queries, "b", bId, signal)]);
  if (a.status === "rejected") throw a.reason;
  if (b.status === "rejected") throw b.reason;
  return { a: describe(a.value), b: describe(b.value), entries: diffTraces(a.value, b.value) };
}

function parseNamedId(parameter: "a" | "b", hex: string): string {
  try {
    return bytesToHex(parseTraceIdHex(hex));
  } catch (error) {
    if (error instanceof InvalidIdError) throw new InvalidIdError(`${parameter}: ${error.message}`);
    throw error;
  }
}

async function load(queries: QueryService, parameter: "a" | "b", traceIdHex: string, signal?: AbortSignal): Promise<Span[]> {
  try {
    return await queries.getTraceSpans(traceIdHex, signal);
  } catch (error) {
    if (error instanceof TraceNotFoundError) throw new ComparedTraceNotFoundError(parameter, traceIdHex);
    throw error;
  }
}

function describe(spans: Span[]): ApiTraceCompareResponse["a"] {
  const summary = summarizeTrace(spans);
  return { traceId: bytesToHex(summary.traceId), durationNano: summary.durationNano.toString(), spanCount: spans.length };
}
