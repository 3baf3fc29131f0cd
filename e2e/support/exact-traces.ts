import { getJson } from "./api-client.js";
import type { RawTrace } from "./otlp-payloads.js";
import { sleep } from "./skein-process.js";

/** What GET /api/v1/traces/{id} holds for one trace, compared with what was acked. */
export type TraceState = "missing" | "partial" | "exact" | "duplicated";

/** The span ids the API returns for a trace (sorted, duplicates kept), or undefined on 404. */
export async function storedSpanIds(apiUrl: string, traceId: string): Promise<string[] | undefined> {
  const res = await getJson<{ spans: { spanId: string }[] }>(`${apiUrl}/api/v1/traces/${traceId}`);
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw new Error(`GET trace ${traceId}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.body.spans.map((s) => s.spanId).sort();
}

/**
 * "exact" when the API returns every acked span of `trace` exactly once and nothing else;
 * "duplicated" when some span id comes back more than once (a replay stored it twice).
 */
export async function traceState(apiUrl: string, trace: RawTrace): Promise<TraceState> {
  const ids = await storedSpanIds(apiUrl, trace.traceId);
  if (ids === undefined) return "missing";
  if (new Set(ids).size !== ids.length) return "duplicated";
  const expected = trace.spans.map((s) => s.spanId).sort();
  if (ids.length === expected.length && ids.every((id, i) => id === expected[i])) return "exact";
  if (ids.every((id) => expected.includes(id))) return "partial";
  throw new Error(`trace ${trace.traceId} holds span ids that were never sent: ${ids.join(",")}`);
}

/** Runs `check` over `items` with at most `parallel` at a time; results in input order. */
async function mapLimited<T, R>(items: readonly T[], parallel: number, check: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await check(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

/**
 * Polls the query API until every trace in `traces` is "exact", and fails at once when one is
 * "duplicated" (at any time) or, after `timeoutMs`, with how many are still missing or partial.
 * Each round re-reads only the traces not yet exact.
 */
export async function waitForExactTraces(apiUrl: string, traces: readonly RawTrace[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...traces];
  for (;;) {
    const states = await mapLimited(pending, 4, (t) => traceState(apiUrl, t));
    const duplicated = pending.filter((_, i) => states[i] === "duplicated");
    if (duplicated.length > 0) {
      throw new Error(`${duplicated.length} acked trace(s) hold a span more than once, e.g. ${duplicated[0]!.traceId}`);
    }
    pending = pending.filter((_, i) => states[i] !== "exact");
    if (pending.length === 0) return;
    if (Date.now() > deadline) {
      const missing = states.filter((s) => s === "missing").length;
      throw new Error(
        `after ${timeoutMs} ms, ${pending.length} of ${traces.length} acked traces are not complete ` +
          `(${missing} missing, ${pending.length - missing} partial), e.g. ${pending[0]!.traceId}`,
      );
    }
    await sleep(250);
  }
}

/** One pass over all `traces`: the ones that are not "exact" (empty when all are). */
export async function tracesNotExact(apiUrl: string, traces: readonly RawTrace[]): Promise<{ trace: RawTrace; state: TraceState }[]> {
  const states = await mapLimited(traces, 4, (t) => traceState(apiUrl, t));
  return traces.map((trace, i) => ({ trace, state: states[i]! })).filter((r) => r.state !== "exact");
}
