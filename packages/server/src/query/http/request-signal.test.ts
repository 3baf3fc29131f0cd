import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { TraceReader, TraceSummary } from "@skein/storage";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { registerQueryRoutes } from "./query-routes.js";
import { startQueryTestApp, wrapStorage } from "./testdata/query-test-app.js";

describe("request signal", () => {
  it("aborts the storage read when the client goes away, and not after a normal response", async () => {
    const own = await startQueryTestApp();
    const seen: AbortSignal[] = [];
    let reached!: () => void;
    const readerReached = new Promise<void>((resolve) => (reached = resolve));
    const memory = own.storage.traces.reader;
    const reader: TraceReader = {
      getTrace: memory.getTrace.bind(memory),
      getServices: memory.getServices.bind(memory),
      getOperations: async (_service, signal) => {
        seen.push(signal!);
        return [];
      },
      async *findTraces(_query, signal): AsyncIterable<TraceSummary[]> {
        seen.push(signal!);
        reached();
        await new Promise((resolve) => signal!.addEventListener("abort", resolve, { once: true }));
        yield [];
      },
    };
    const app = Fastify({ logger: false });
    await registerQueryRoutes(app, { storage: wrapStorage(own.storage, { traces: { reader, writer: own.storage.traces.writer } }) });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;

    expect((await app.inject({ url: "/api/v1/services/a/operations" })).statusCode).toBe(200);
    expect(seen[0]!.aborted).toBe(false);

    const req = httpRequest({ host: "127.0.0.1", port, path: "/api/v1/traces" });
    req.on("error", () => {});
    req.end();
    await readerReached;
    req.destroy();
    await expect.poll(() => seen[1]!.aborted, { timeout: 2000 }).toBe(true);
    expect(seen[0]!.aborted).toBe(false);
    await app.close();
    await own.close();
  });
});
