import { HttpClient } from "./http-client.js";

/** Traces checked per workload. */
export const TRACES_CHECKED = 20;

/**
 * What Skein received from the instrumented runs, read back through its HTTP API: proof that
 * the "instrumented" figures measured a working SDK, not one that silently did nothing.
 */
export interface ExportCheck {
  /** traces of the instrumented service found in the checkout window (at most TRACES_CHECKED) */
  serviceTraces: number;
  /** of those traces, how many have at least one log carrying their trace id (the request's pino line) */
  tracesWithLogs: number;
  /** traces found in the quote window (at most TRACES_CHECKED) */
  quoteTraces: number;
  /** of those, how many hold the server span, the fetch's client span and both pino lines */
  quoteTracesComplete: number;
  /** per service name: whether any log of it was stored */
  logsByService: Record<string, boolean>;
}

interface Found {
  traces?: Array<{ traceId: string }>;
  spans?: Array<{ kind?: string }>;
  logs?: unknown[];
}

/** Wall-clock bounds, unix ms. */
export interface Window {
  start: number;
  end: number;
}

/**
 * Looks up traces of `service` that started within each window (unix ms; fixed-load phases, in
 * which the SDK drops nothing, unlike under the throughput phase's overload): checkout traces
 * must have their log line, quote traces a server span, a client span and two log lines. Polls
 * until all are complete or `timeoutMs` passes (the SDK exports in batches, so the last ones
 * arrive late). Then whether each of `logServices` has any stored log.
 */
export async function checkExports(apiUrl: string, service: string, windows: { checkout: Window; quote: Window }, logServices: readonly string[], timeoutMs = 10_000): Promise<ExportCheck> {
  const http = new HttpClient(apiUrl, 1);
  const get = async (path: string): Promise<Found> => ((await http.getJson(path)).json ?? {}) as Found;
  const search = (w: Window): string => `/api/v1/traces?service=${encodeURIComponent(service)}&start=${Math.floor(w.start)}&end=${Math.ceil(w.end)}&limit=${TRACES_CHECKED}`;
  const logCount = async (traceId: string): Promise<number> => (await get(`/api/v1/logs?traceId=${traceId}&limit=10`)).logs?.length ?? 0;
  const out: ExportCheck = { serviceTraces: 0, tracesWithLogs: 0, quoteTraces: 0, quoteTracesComplete: 0, logsByService: {} };
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkout = (await get(search(windows.checkout))).traces ?? [];
      out.serviceTraces = checkout.length;
      out.tracesWithLogs = 0;
      for (const t of checkout) if ((await logCount(t.traceId)) > 0) out.tracesWithLogs++;
      const quote = (await get(search(windows.quote))).traces ?? [];
      out.quoteTraces = quote.length;
      out.quoteTracesComplete = 0;
      for (const t of quote) {
        const kinds = ((await get(`/api/v1/traces/${t.traceId}`)).spans ?? []).map((s) => s.kind);
        if (kinds.includes("server") && kinds.includes("client") && (await logCount(t.traceId)) >= 2) out.quoteTracesComplete++;
      }
      const complete = out.tracesWithLogs === TRACES_CHECKED && out.quoteTracesComplete === TRACES_CHECKED;
      if (complete || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const name of logServices) {
      out.logsByService[name] = ((await get(`/api/v1/logs?service=${encodeURIComponent(name)}&limit=1`)).logs?.length ?? 0) > 0;
    }
    return out;
  } finally {
    http.close();
  }
}
