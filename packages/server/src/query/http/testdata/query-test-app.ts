import type { LogRecord, Span } from "@skein/model";
import type { Storage } from "@skein/storage";
import { BASE_TIME_NANO, MemoryStorage } from "@skein/storage/testing";
import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import { registerQueryRoutes } from "../query-routes.js";
import { queryApiServerOptions } from "../server-options.js";

/** "now" for tests: 10 minutes after the fixtures' BASE_TIME_NANO, so default windows cover it. */
export const TEST_NOW_NANO = BASE_TIME_NANO + 600_000_000_000n;
export const MS = 1_000_000n;
export const HOUR = 3_600_000_000_000n;

export interface QueryTestApp {
  app: FastifyInstance;
  storage: MemoryStorage;
  /** GET a path; returns status and parsed JSON body. */
  get(url: string): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * A Fastify app with only the native query API, over a started MemoryStorage holding `spans`
 * and `logs`, with the clock pinned at TEST_NOW_NANO. `wrap` may replace the storage the routes
 * see (e.g. to remove capabilities) while data is still written to the memory store.
 */
export async function startQueryTestApp(
  data: { spans?: Span[]; logs?: LogRecord[] } = {},
  wrap: (storage: MemoryStorage) => Storage = (s) => s,
): Promise<QueryTestApp> {
  const storage = new MemoryStorage();
  await storage.start();
  if (data.spans !== undefined) await storage.traces.writer.writeSpans({ spans: data.spans });
  if (data.logs !== undefined) await storage.logs.writer.writeLogs({ logs: data.logs });
  const app = Fastify({ logger: false, ...queryApiServerOptions() });
  await registerQueryRoutes(app, { storage: wrap(storage), clock: () => TEST_NOW_NANO });
  await app.ready();
  return {
    app,
    storage,
    async get(url) {
      const response = await app.inject({ method: "GET", url });
      const body: unknown = response.body.length > 0 ? JSON.parse(response.body) : undefined;
      return { status: response.statusCode, body, headers: response.headers };
    },
    async close() {
      await app.close();
      await storage.shutdown();
    },
  };
}

/** `{error:{code}}` matcher helper: the code of an error body, or undefined. */
export function errorCodeOf(body: unknown): string | undefined {
  return (body as { error?: { code?: string } } | undefined)?.error?.code;
}

/** A Storage that delegates to `inner` with some members replaced (capabilities, a failing reader). */
export function wrapStorage(inner: Storage, overrides: { kind?: string; capabilities?: Storage["capabilities"]; traces?: Storage["traces"]; metrics?: Storage["metrics"]; alerts?: Storage["alerts"] }): Storage {
  return {
    kind: overrides.kind ?? inner.kind,
    capabilities: overrides.capabilities ?? inner.capabilities,
    traces: overrides.traces ?? inner.traces,
    logs: inner.logs,
    metrics: overrides.metrics ?? inner.metrics,
    alerts: overrides.alerts ?? inner.alerts,
    start: () => inner.start(),
    shutdown: () => inner.shutdown(),
    sizeBytes: () => inner.sizeBytes(),
    deleteBefore: (cutoff, signal) => inner.deleteBefore(cutoff, signal),
  };
}
