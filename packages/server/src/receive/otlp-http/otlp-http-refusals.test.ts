import { StorageBackloggedError, StorageUnavailableError } from "@skein/storage";
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OverloadedError } from "../../pipeline/errors.js";
import { gzipBomb, peakArrayBufferGrowth } from "../shared/testdata/gzip-bomb.js";
import { httpRequest, postOtlp } from "../shared/testdata/http-client.js";
import { fixtureJson, fixtureProto } from "../shared/testdata/otlp-fixtures.js";
import { readRpcStatus } from "../shared/testdata/proto-read.js";
import { createHarness, type Harness } from "../shared/testdata/receiver-harness.js";
import { OtlpHttpReceiver } from "./otlp-http-receiver.js";

const PROTO = "application/x-protobuf";
const JSON_TYPE = "application/json";
const LIMIT = 64 * 1024;

describe("OtlpHttpReceiver: refused requests", () => {
  let h: Harness;
  let receiver: OtlpHttpReceiver;

  beforeEach(async () => {
    h = createHarness();
    receiver = new OtlpHttpReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: LIMIT, corsOrigins: [] }, h.deps);
    await receiver.start();
  });

  // After every bad request the server must still answer a good one correctly.
  afterEach(async () => {
    h.traces.succeed();
    const before = h.traces.batches.length;
    const res = await postOtlp(receiver.port, "/v1/traces", PROTO, fixtureProto("traces"));
    expect(res.status).toBe(200);
    expect(h.traces.batches).toHaveLength(before + 1);
    await receiver.shutdown();
  });

  /** The single warn line of a refused request: names the reason, never quotes the body. */
  function expectOneWarning(reason: string): void {
    const warnings = h.logLines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ reason, receiver: "otlp-http" });
    expect(h.telemetry.filter((c) => c[0] === "requestRejected")).toEqual([["requestRejected", "otlp-http", expect.any(String), reason]]);
  }

  it("400 with a protobuf Status for a malformed protobuf body", async () => {
    const res = await postOtlp(receiver.port, "/v1/traces", PROTO, Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01));
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe(PROTO);
    const status = readRpcStatus(res.body);
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^malformed OTLP protobuf traces payload: ./);
    expectOneWarning("malformed");
    expect(h.traces.calls).toBe(0);
  });

  it("400 with a JSON Status for malformed JSON, naming what was wrong", async () => {
    const res = await postOtlp(receiver.port, "/v1/logs", JSON_TYPE, '{"resourceLogs": [ {"scopeLogs": 7 ');
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body.toString()) as { code: number; message: string };
    expect(body.code).toBe(3);
    expect(body.message).toMatch(/^malformed OTLP json logs payload: ./);
    expectOneWarning("malformed");
  });

  it("400 for JSON that is not UTF-8", async () => {
    const res = await postOtlp(receiver.port, "/v1/traces", JSON_TYPE, Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString()).message).toContain("not valid UTF-8");
  });

  it("400 for a body that claims gzip but is not", async () => {
    const res = await postOtlp(receiver.port, "/v1/traces", PROTO, fixtureProto("traces"), { "content-encoding": "gzip" });
    expect(res.status).toBe(400);
    expect(readRpcStatus(res.body).message).toMatch(/^invalid gzip body/);
    expectOneWarning("malformed");
  });

  it("413 for a declared Content-Length over the limit, without reading the body", async () => {
    const res = await postOtlp(receiver.port, "/v1/traces", PROTO, new Uint8Array(LIMIT + 1));
    expect(res.status).toBe(413);
    expect(readRpcStatus(res.body).message).toBe(`request body of ${LIMIT + 1} bytes exceeds the limit of ${LIMIT} bytes`);
    expect(res.headers.connection).toBe("close");
    expectOneWarning("too_large");
  });

  it("413 for a chunked body that grows over the limit", async () => {
    const res = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: receiver.port, method: "POST", path: "/v1/logs", headers: { "content-type": JSON_TYPE } }, (r) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => resolve({ status: r.statusCode ?? 0, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      for (let i = 0; i < 4; i++) req.write(Buffer.alloc(LIMIT / 2, 0x20));
      req.end();
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body.toString()).message).toBe(`request body exceeds the limit of ${LIMIT} bytes`);
    expectOneWarning("too_large");
  });

  it("413 for a gzip bomb, stopping inflation at the limit", async () => {
    const bomb = await gzipBomb(64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(LIMIT);
    const { result: res, growthBytes } = await peakArrayBufferGrowth(() => postOtlp(receiver.port, "/v1/traces", PROTO, bomb, { "content-encoding": "gzip" }));
    expect(res.status).toBe(413);
    expect(readRpcStatus(res.body).message).toBe(`inflated request body exceeds the limit of ${LIMIT} bytes`);
    expect(growthBytes).toBeLessThan(8 * 1024 * 1024);
    expectOneWarning("too_large");
  });

  it("415 for other content types, listing the supported ones", async () => {
    const res = await postOtlp(receiver.port, "/v1/traces", "text/plain", "hello");
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body.toString()).message).toBe('unsupported Content-Type "text/plain"; supported: application/x-protobuf, application/json');
    expectOneWarning("unsupported_media_type");
  });

  it("415 for a missing or syntactically invalid Content-Type, a foreign charset or Content-Encoding", async () => {
    const missing = await httpRequest(receiver.port, { path: "/v1/traces", body: "{}" });
    expect(missing.status).toBe(415);
    expect(JSON.parse(missing.body.toString()).message).toContain("missing Content-Type");
    expect((await postOtlp(receiver.port, "/v1/traces", "nonsense", "{}")).status).toBe(415);
    expect((await postOtlp(receiver.port, "/v1/traces", "application/json; charset=latin1", "{}")).status).toBe(415);
    const br = await postOtlp(receiver.port, "/v1/traces", PROTO, fixtureProto("traces"), { "content-encoding": "br" });
    expect(br.status).toBe(415);
    expect(JSON.parse(br.body.toString()).message).toContain("supported: gzip, identity");
    expect(h.telemetry.filter((c) => c[0] === "requestRejected")).toHaveLength(4);
  });

  it("404 for other paths, 405 with Allow for other methods", async () => {
    expect((await postOtlp(receiver.port, "/v1/metrics", PROTO, new Uint8Array(0))).status).toBe(404);
    const get = await httpRequest(receiver.port, { method: "GET", path: "/v1/traces" });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
    expect((await httpRequest(receiver.port, { method: "OPTIONS", path: "/v1/logs" })).status).toBe(405);
  });

  it("429 with Retry-After and a RESOURCE_EXHAUSTED Status when the consumer is overloaded", async () => {
    h.traces.failWith(new OverloadedError("queue full", 7));
    const res = await postOtlp(receiver.port, "/v1/traces", PROTO, fixtureProto("traces"));
    expect(res.status).toBe(429);
    expect(res.headers["retry-after"]).toBe("7");
    const status = readRpcStatus(res.body);
    expect(status).toMatchObject({ code: 8, retryDelaySeconds: 7 });
    expect(status.message).toContain("overloaded");
    h.traces.failWith(new OverloadedError("queue full"));
    const json = await postOtlp(receiver.port, "/v1/traces", JSON_TYPE, fixtureJson("traces"));
    expect(json.status).toBe(429);
    expect(json.headers["retry-after"]).toBe("1");
    expect(JSON.parse(json.body.toString()).code).toBe(8);
    expect(h.traces.batches).toHaveLength(0);
    expect(h.telemetry).toContainEqual(["itemsRejected", "otlp-http", "traces", "overloaded", 2]);
    expect(h.telemetry.filter((c) => c[0] === "itemsAccepted")).toHaveLength(0);
  });

  it("503 with Retry-After and a RESOURCE_EXHAUSTED Status when storage's spool is full; nothing acknowledged", async () => {
    h.traces.failWith(new StorageBackloggedError("ClickHouse is down and the spool is full", 9));
    const res = await postOtlp(receiver.port, "/v1/traces", PROTO, fixtureProto("traces"));
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("9");
    expect(readRpcStatus(res.body)).toMatchObject({
      code: 8,
      retryDelaySeconds: 9,
      message: "storage is backlogged, retry later: ClickHouse is down and the spool is full",
    });
    h.logs.failWith(new StorageBackloggedError("spool full"));
    const json = await postOtlp(receiver.port, "/v1/logs", JSON_TYPE, fixtureJson("logs"));
    expect(json.status).toBe(503);
    expect(json.headers["retry-after"]).toBe("5");
    expect(JSON.parse(json.body.toString())).toEqual({ code: 8, message: "storage is backlogged, retry later: spool full" });
    expect(h.traces.batches).toHaveLength(0);
    expect(h.logs.batches).toHaveLength(0);
    expect(h.telemetry).toContainEqual(["itemsRejected", "otlp-http", "traces", "storage_backlogged", 2]);
    expect(h.telemetry).toContainEqual(["requestRejected", "otlp-http", "logs", "storage_backlogged"]);
    expect(h.telemetry.filter((c) => c[0] === "itemsAccepted")).toHaveLength(0);
    // Refusals come in floods while storage is down: counted, not logged at warn.
    expect(h.logLines).toEqual([]);
    h.logs.succeed();
  });

  it("503 with Retry-After when storage fails; nothing acknowledged", async () => {
    h.logs.failWith(new StorageUnavailableError("disk full"));
    const res = await postOtlp(receiver.port, "/v1/logs", JSON_TYPE, fixtureJson("logs"));
    expect(res.status).toBe(503);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(res.body.toString())).toEqual({ code: 14, message: "could not store log records, retry later: disk full" });
    expect(h.logs.batches).toHaveLength(0);
    expect(h.telemetry).toContainEqual(["itemsRejected", "otlp-http", "logs", "storage_error", 2]);
    expect(h.telemetry).toContainEqual(["requestDuration", "otlp-http", "logs", "error"]);
    expect(h.telemetry.filter((c) => c[0] === "itemsAccepted")).toHaveLength(0);
    expectOneWarning("storage_error");
  });

  it("survives a client that disconnects in the middle of the body", async () => {
    const req = request({ host: "127.0.0.1", port: receiver.port, method: "POST", path: "/v1/traces", headers: { "content-type": PROTO, "content-length": "1000" } });
    req.on("error", () => {});
    req.write(Buffer.alloc(100));
    await new Promise((resolve) => setTimeout(resolve, 50));
    req.destroy();
    await expect.poll(() => h.telemetry.some((c) => c[0] === "requestDuration")).toBe(true);
    expect(h.telemetry).toEqual([["requestDuration", "otlp-http", "traces", "error"]]);
    expect(h.traces.calls).toBe(0);
  });

  it("aborts the consume signal when the client disconnects while waiting", async () => {
    h.traces.hang();
    const body = Buffer.from(fixtureProto("traces"));
    const req = request({ host: "127.0.0.1", port: receiver.port, method: "POST", path: "/v1/traces", headers: { "content-type": PROTO, "content-length": String(body.length) } });
    req.on("error", () => {});
    req.end(body);
    await expect.poll(() => h.traces.calls).toBe(1);
    req.destroy();
    await expect.poll(() => h.traces.signals[0]?.aborted).toBe(true);
    h.traces.release();
  });
});
