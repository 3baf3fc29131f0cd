import { HttpClient } from "./http-client.js";

/** Traces checked for their log line. */
export const TRACES_CHECKED = 20;

/**
 * What Skein received from the instrumented runs, read back through its HTTP API: proof that
 * the "instrumented" figures measured a working SDK, not one that silently did nothing.
 */
export interface ExportCheck {
  /** traces of the instrumented service found in the time window (at most TRACES_CHECKED) */
  serviceTraces: number;
  /** of those traces, how many have at least one log carrying their trace id (the request's pino line) */
  tracesWithLogs: number;
  /** per service name: whether any log of it was stored */
  logsByService: Record<string, boolean>;
}

interface Found {
  traces?: Array<{ traceId: string }>;
  logs?: unknown[];
}

/**
 * Looks up traces of `service` that started within `window` (unix ms; a fixed-load phase, in
 * which the SDK drops nothing, unlike under the throughput phase's overload) and whether each
 * has its log line, polling until all have one or `timeoutMs` passes (the SDK exports in
 * batches, so the last ones arrive late). Then whether each of `logServices` has any stored log.
 */
export async function checkExports(apiUrl: string, service: string, window: { start: number; end: number }, logServices: readonly string[], timeoutMs = 10_000): Promise<ExportCheck> {
  const http = new HttpClient(apiUrl, 1);
  const get = async (path: string): Promise<Found> => ((await http.getJson(path)).json ?? {}) as Found;
  const out: ExportCheck = { serviceTraces: 0, tracesWithLogs: 0, logsByService: {} };
  const search = `/api/v1/traces?service=${encodeURIComponent(service)}&start=${Math.floor(window.start)}&end=${Math.ceil(window.end)}&limit=${TRACES_CHECKED}`;
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const traces = (await get(search)).traces ?? [];
      out.serviceTraces = traces.length;
      out.tracesWithLogs = 0;
      for (const t of traces) if (((await get(`/api/v1/logs?traceId=${t.traceId}&limit=1`)).logs?.length ?? 0) > 0) out.tracesWithLogs++;
      if ((out.serviceTraces === TRACES_CHECKED && out.tracesWithLogs === TRACES_CHECKED) || Date.now() > deadline) break;
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
