import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { apiErrorResponseSchema, bytesToHex } from "@skein/model";
import { StorageClosedError, StorageUnavailableError } from "@skein/storage";
import { makeSpan, traceIdOf } from "@skein/storage/testing";
import Fastify, { errorCodes } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InternalError } from "../errors.js";
import { installErrorHandlers } from "./query-error-handler.js";
import { registerQueryRoutes } from "./query-routes.js";
import { queryApiServerOptions } from "./server-options.js";
import type { QueryTestApp } from "./testdata/query-test-app.js";
import { errorCodeOf, startQueryTestApp, wrapStorage } from "./testdata/query-test-app.js";

const TRACE_HEX = bytesToHex(traceIdOf(1));
let t: QueryTestApp;
beforeAll(async () => {
  t = await startQueryTestApp({ spans: [makeSpan({ traceId: traceIdOf(1) })] });
});
afterAll(() => t.close());

describe("hostile and malformed input", () => {
  const cases: [string, string][] = [
    ["/api/v1/traces?limit=1e400", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?limit=99999999999999999999", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?limit=-5", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?limit=10%3B%20DROP%20TABLE%20spans", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?limit=1&limit=2", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?minDuration=-1ms", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?minDuration=1ms'%20OR%20'1'='1", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?maxDuration=99999999999999999999h", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?start=-1", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?end=2024-01-01T00:00:00Z;DELETE", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?status=ERROR'--", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?attributes=%7Bnot%20json", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?attributes=%7B%22a%22%3A%7B%22b%22%3A1%7D%7D", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?attributes=%5B1%5D", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?attributes=%7B%22a%22%3A1e400%7D", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?service=" + "x".repeat(2000), "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/traces?servic=frontend", "SKEIN_ERR_UNKNOWN_PARAMETER"],
    ["/api/v1/traces?__proto__=x", "SKEIN_ERR_UNKNOWN_PARAMETER"],
    ["/api/v1/traces?constructor[prototype][x]=1", "SKEIN_ERR_UNKNOWN_PARAMETER"],
    ["/api/v1/traces/" + "f".repeat(31) + "g", "SKEIN_ERR_INVALID_ID"],
    ["/api/v1/traces/" + "a".repeat(2000), "SKEIN_ERR_INVALID_ID"],
    ["/api/v1/traces/%E0%A4%A", "SKEIN_ERR_BAD_REQUEST"],
    ["/api/v1/logs?traceId=%27%20OR%201%3D1", "SKEIN_ERR_INVALID_ID"],
    ["/api/v1/logs?minSeverity=99999999999999999999", "SKEIN_ERR_INVALID_PARAMETER"],
    ["/api/v1/health?verbose=1", "SKEIN_ERR_UNKNOWN_PARAMETER"],
  ];

  const rows = cases.map(([url, code]) => ({ name: url.length > 90 ? `${url.slice(0, 90)}…` : url, url, code }));
  it.each(rows)("$name → 400 $code, and the next request still works", async ({ url, code }) => {
    const { status, body } = await t.get(url);
    expect(status).toBe(400);
    expect(apiErrorResponseSchema.parse(body).error.code).toBe(code);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    const ok = await t.get(`/api/v1/traces/${TRACE_HEX}`);
    expect(ok.status).toBe(200);
  });

  it("answers 414 for an over-long URL or path segment", async () => {
    const long = await t.get(`/api/v1/traces?service=${"x".repeat(9000)}`);
    expect(long.status).toBe(414);
    expect(errorCodeOf(long.body)).toBe("SKEIN_ERR_URI_TOO_LONG");
    const segment = await t.get(`/api/v1/services/${"s".repeat(2000)}/operations`);
    expect(segment.status).toBe(414);
    expect(errorCodeOf(segment.body)).toBe("SKEIN_ERR_URI_TOO_LONG");
  });

  it("refuses bad trace ids with a coded 400 even on a Fastify without queryApiServerOptions", async () => {
    const app = Fastify({ logger: false });
    await registerQueryRoutes(app, { storage: t.storage });
    for (const id of ["a".repeat(5000), "", "%20"]) {
      const response = await app.inject({ url: `/api/v1/traces/${id}` });
      expect(response.statusCode, id.slice(0, 10)).toBe(400);
      expect(errorCodeOf(response.json())).toBe("SKEIN_ERR_INVALID_ID");
    }
    expect((await app.inject({ url: `/api/v1/traces/${TRACE_HEX}` })).statusCode).toBe(200);
    await app.close();
  });

  it("answers a coded 404 for unknown API routes and methods", async () => {
    for (const [method, url] of [
      ["GET", "/api/v1/nope"],
      ["GET", `/api/v1/traces/${TRACE_HEX}/extra`],
      ["POST", "/api/v1/traces"],
      ["DELETE", `/api/v1/traces/${TRACE_HEX}`],
    ] as const) {
      const response = await t.app.inject({ method, url });
      expect(response.statusCode).toBe(404);
      expect(errorCodeOf(response.json())).toBe("SKEIN_ERR_ROUTE_NOT_FOUND");
    }
  });
});

describe("health", () => {
  it("is ok while the storage answers, 503 with Retry-After once it does not", async () => {
    const own = await startQueryTestApp();
    expect(await own.get("/api/v1/health")).toMatchObject({ status: 200, body: { status: "ok" } });
    await own.storage.shutdown();
    const down = await own.get("/api/v1/health");
    expect(down.status).toBe(503);
    expect(down.headers["retry-after"]).toBe("1");
    expect(errorCodeOf(down.body)).toBe("SKEIN_ERR_STORAGE_UNAVAILABLE");
    // Other routes report the closed storage as 503 too.
    expect((await own.get("/api/v1/services")).status).toBe(503);
    await own.close();
  });
});

describe("unexpected errors", () => {
  it("answer 500 with a generic message and log the detail", async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const own = await startQueryTestApp();
    const app = Fastify({ logger: { level: "error", stream } });
    const storage = wrapStorage(own.storage, {
      traces: {
        writer: own.storage.traces.writer,
        reader: {
          getTrace: (id, signal) => own.storage.traces.reader.getTrace(id, signal),
          findTraces: (query, signal) => own.storage.traces.reader.findTraces(query, signal),
          getOperations: (service, signal) => own.storage.traces.reader.getOperations(service, signal),
          getServices: () => Promise.reject(new Error("disk /secret/path exploded")),
        },
      },
    });
    await registerQueryRoutes(app, { storage });
    const response = await app.inject({ method: "GET", url: "/api/v1/services" });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: "SKEIN_ERR_INTERNAL", message: new InternalError().message } });
    expect(response.body).not.toContain("secret");
    expect(lines.join("")).toContain("disk /secret/path exploded");
    await app.close();
    await own.close();
  });

  it("storage failures answer 503 with a fixed message; the engine's text (URL, password, hosts) goes to the log only", async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const own = await startQueryTestApp();
    const app = Fastify({ logger: { level: "error", stream } });
    const engineText = "ClickHouse at http://skein:hunter2@ch-7.internal.corp:8123 failed the query: code 241: Memory limit (for query) exceeded";
    const storage = wrapStorage(own.storage, {
      kind: "clickhouse",
      traces: {
        writer: own.storage.traces.writer,
        reader: {
          getTrace: (id, signal) => own.storage.traces.reader.getTrace(id, signal),
          findTraces: (query, signal) => own.storage.traces.reader.findTraces(query, signal),
          getOperations: () => Promise.reject(new StorageClosedError("closed while reading /var/lib/skein/spool/segment-7")),
          getServices: () => Promise.reject(new StorageUnavailableError(engineText)),
        },
      },
    });
    await registerQueryRoutes(app, { storage });

    const down = await app.inject({ method: "GET", url: "/api/v1/services" });
    expect(down.statusCode).toBe(503);
    expect(down.headers["retry-after"]).toBe("1");
    expect(down.json()).toEqual({ error: { code: "SKEIN_ERR_STORAGE_UNAVAILABLE", message: "the clickhouse storage is not answering; the server log has the cause" } });
    const closed = await app.inject({ method: "GET", url: "/api/v1/services/shop/operations" });
    expect(closed.statusCode).toBe(503);
    expect(closed.json()).toEqual({ error: { code: "SKEIN_ERR_STORAGE_CLOSED", message: "the clickhouse storage is not started or is shutting down; retry in a moment" } });
    for (const body of [down.body, closed.body]) {
      for (const leak of ["hunter2", "ch-7.internal", "http://", "Memory limit", "/var/lib"]) expect(body).not.toContain(leak);
    }
    expect(lines.join("")).toContain(engineText);
    await app.close();
    await own.close();
  });

  it("leave routes outside /api/v1 to the app's own handlers", async () => {
    const app = Fastify({ logger: false });
    await registerQueryRoutes(app, { storage: t.storage });
    app.get("/other", async () => {
      throw Object.assign(new Error("teapot"), { statusCode: 418 });
    });
    expect((await app.inject({ url: "/other" })).json()).toMatchObject({ statusCode: 418, message: "teapot" });
    expect((await app.inject({ url: "/elsewhere" })).json()).toMatchObject({ statusCode: 404, error: "Not Found" });
    await app.close();
  });
});

describe("Fastify's own errors get Skein codes", () => {
  it.each([
    [new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), 413, "SKEIN_ERR_PAYLOAD_TOO_LARGE"],
    [new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE("text/xml"), 415, "SKEIN_ERR_UNSUPPORTED_MEDIA_TYPE"],
    [Object.assign(new Error("slow down"), { statusCode: 429 }), 429, "SKEIN_ERR_RATE_LIMITED"],
    [new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), 400, "SKEIN_ERR_BAD_REQUEST"],
    [new TypeError("x is undefined"), 500, "SKEIN_ERR_INTERNAL"],
  ])("%s → %i %s", async (error, status, code) => {
    const app = Fastify({ logger: false });
    await app.register(async (api) => {
      installErrorHandlers(api, () => new InternalError());
      api.get("/boom", async () => {
        throw error;
      });
    });
    const response = await app.inject({ url: "/boom" });
    expect(response.statusCode).toBe(status);
    expect(errorCodeOf(response.json())).toBe(code);
    await app.close();
  });

  it("answers over-large headers at the connection level with a coded 431", async () => {
    const app = Fastify({ logger: false, ...queryApiServerOptions() });
    await registerQueryRoutes(app, { storage: t.storage });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1");
      let data = "";
      socket.on("data", (chunk) => (data += String(chunk)));
      socket.on("close", () => resolve(data));
      socket.on("error", reject);
      socket.write(`GET /api/v1/traces?service=${"x".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    });
    await app.close();
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toEqual({ error: { code: "SKEIN_ERR_HEADERS_TOO_LARGE", message: expect.any(String) } });
  });
});
