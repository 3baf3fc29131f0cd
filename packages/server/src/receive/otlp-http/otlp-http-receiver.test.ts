import { bytesToHex } from "@skein/model";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { postOtlp } from "../shared/testdata/http-client.js";
import { fixtureJson, fixtureProto, invalidIdsLogsProto, invalidIdsTracesProto } from "../shared/testdata/otlp-fixtures.js";
import { readExportResponse } from "../shared/testdata/proto-read.js";
import { createHarness, type Harness } from "../shared/testdata/receiver-harness.js";
import { OtlpHttpReceiver } from "./otlp-http-receiver.js";

const PROTO = "application/x-protobuf";
const JSON_TYPE = "application/json";

describe("OtlpHttpReceiver: accepted exports", () => {
  let h: Harness;
  let receiver: OtlpHttpReceiver;

  beforeEach(async () => {
    h = createHarness();
    receiver = new OtlpHttpReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: 1 << 20, corsOrigins: [] }, h.deps);
    await receiver.start();
  });
  afterEach(() => receiver.shutdown());

  it("binds an ephemeral port", () => {
    expect(receiver.port).toBeGreaterThan(0);
  });

  it("takes protobuf traces and answers an empty protobuf response after consume resolved", async () => {
    const res = await postOtlp(receiver.port, "/v1/traces", PROTO, fixtureProto("traces"));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe(PROTO);
    expect(res.body.length).toBe(0);
    expect(h.traces.batches).toHaveLength(1);
    const spans = h.traces.batches[0]?.spans ?? [];
    expect(spans.map((s) => s.name)).toEqual(["POST /checkout", "SELECT orders"]);
    expect(bytesToHex(spans[1]?.parentSpanId ?? new Uint8Array(0))).toBe("eee19b7ec3c1b174");
    expect(spans[0]?.startTimeUnixNano).toBe(1700000000000000001n);
    expect(spans[0]?.service).toBe("checkout");
    expect(h.telemetry).toContainEqual(["itemsReceived", "otlp-http", "traces", 2]);
    expect(h.telemetry).toContainEqual(["itemsAccepted", "otlp-http", "traces", 2]);
    expect(h.telemetry).toContainEqual(["requestDuration", "otlp-http", "traces", "ok"]);
  });

  it("takes JSON traces (with a charset parameter) and answers {}", async () => {
    const res = await postOtlp(receiver.port, "/v1/traces", "application/json; charset=utf-8", fixtureJson("traces"));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(res.body.toString())).toEqual({});
    expect(h.traces.batches[0]?.spans.map((s) => s.attributes["http.response.status_code"] ?? null)).toEqual([200n, null]);
  });

  it("takes protobuf and JSON logs", async () => {
    expect((await postOtlp(receiver.port, "/v1/logs", PROTO, fixtureProto("logs"))).status).toBe(200);
    expect((await postOtlp(receiver.port, "/v1/logs", JSON_TYPE, fixtureJson("logs"))).status).toBe(200);
    expect(h.logs.batches).toHaveLength(2);
    for (const batch of h.logs.batches) {
      expect(batch.logs.map((l) => l.body)).toEqual(["payment declined", "order stored"]);
      expect(batch.logs[0]?.severityNumber).toBe(17);
      expect(bytesToHex(batch.logs[0]?.traceId ?? new Uint8Array(0))).toBe("5b8efff798038103d269b633813fc60c");
    }
    expect(h.traces.calls).toBe(0);
  });

  it("inflates gzip bodies (protobuf and JSON)", async () => {
    const gz = { "content-encoding": "gzip" };
    expect((await postOtlp(receiver.port, "/v1/traces", PROTO, gzipSync(fixtureProto("traces")), gz)).status).toBe(200);
    expect((await postOtlp(receiver.port, "/v1/logs", JSON_TYPE, gzipSync(fixtureJson("logs")), gz)).status).toBe(200);
    expect(h.traces.batches[0]?.spans).toHaveLength(2);
    expect(h.logs.batches[0]?.logs).toHaveLength(2);
  });

  it("answers partial success in protobuf for spans with invalid ids, storing the valid ones", async () => {
    const res = await postOtlp(receiver.port, "/v1/traces", PROTO, invalidIdsTracesProto());
    expect(res.status).toBe(200);
    const partial = readExportResponse(res.body);
    expect(partial?.rejected).toBe(2);
    expect(partial?.errorMessage).toMatch(/^2 spans rejected: .*span id must not be all zero.*trace id must not be all zero/);
    expect(h.traces.batches[0]?.spans).toHaveLength(2);
    expect(h.telemetry).toContainEqual(["itemsRejected", "otlp-http", "traces", "invalid_id", 2]);
    expect(h.telemetry).toContainEqual(["itemsAccepted", "otlp-http", "traces", 2]);
  });

  it("answers partial success in JSON (int64 count as a string)", async () => {
    const traces = await postOtlp(receiver.port, "/v1/traces", JSON_TYPE, fixtureJson("traces-invalid-ids"));
    expect(traces.status).toBe(200);
    const body = JSON.parse(traces.body.toString()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe("2");
    expect(body.partialSuccess.errorMessage).toContain("all zero");
    const logs = await postOtlp(receiver.port, "/v1/logs", JSON_TYPE, fixtureJson("logs-invalid-ids"));
    expect(JSON.parse(logs.body.toString())).toEqual({
      partialSuccess: { rejectedLogRecords: "1", errorMessage: expect.stringContaining("trace id must be 16 bytes, got 4") },
    });
    expect(h.logs.batches[0]?.logs.map((l) => l.body)).toEqual(["ok"]);
  });

  it("answers partial success for protobuf logs with a bad trace id length", async () => {
    const res = await postOtlp(receiver.port, "/v1/logs", PROTO, invalidIdsLogsProto());
    expect(readExportResponse(res.body)?.rejected).toBe(1);
    expect(h.logs.batches[0]?.logs).toHaveLength(2);
  });

  it("answers 200 with partial success but does not call consume when every item was rejected", async () => {
    const allBad = fixtureJson("traces").replace(/"spanId": "[0-9a-f]{16}"/g, '"spanId": "0000000000000000"');
    const res = await postOtlp(receiver.port, "/v1/traces", JSON_TYPE, allBad);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString()).partialSuccess.rejectedSpans).toBe("2");
    expect(h.traces.calls).toBe(0);
  });

  it("accepts an empty export request", async () => {
    const res = await postOtlp(receiver.port, "/v1/traces", PROTO, new Uint8Array(0));
    expect(res.status).toBe(200);
    expect(h.traces.calls).toBe(0);
  });

  it("acknowledges only after consume resolved, and passes an AbortSignal", async () => {
    h.traces.hang();
    let answered = false;
    const pending = postOtlp(receiver.port, "/v1/traces", PROTO, fixtureProto("traces")).then((res) => {
      answered = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(h.traces.calls).toBe(1);
    expect(answered).toBe(false);
    h.traces.release();
    expect((await pending).status).toBe(200);
    expect(h.traces.signals[0]).toBeInstanceOf(AbortSignal);
  });
});

describe("OtlpHttpReceiver: lifecycle", () => {
  it("shutdown is safe before start and idempotent; start after shutdown is refused", async () => {
    const h = createHarness();
    const receiver = new OtlpHttpReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: 1024, corsOrigins: [] }, h.deps);
    await receiver.shutdown();
    await receiver.shutdown();
    await expect(receiver.start()).rejects.toMatchObject({ code: "SKEIN_ERR_RECEIVER_LIFECYCLE" });
  });

  it("waits for in-flight requests on shutdown, then refuses connections", async () => {
    const h = createHarness();
    const receiver = new OtlpHttpReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: 1 << 20, corsOrigins: [] }, h.deps);
    await receiver.start();
    await expect(receiver.start()).rejects.toMatchObject({ code: "SKEIN_ERR_RECEIVER_LIFECYCLE" });
    const port = receiver.port;
    h.traces.hang();
    const inFlight = postOtlp(port, "/v1/traces", PROTO, fixtureProto("traces"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    let closed = false;
    const stopping = receiver.shutdown();
    const closing = stopping.then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    h.traces.release();
    expect((await inFlight).status).toBe(200);
    await closing;
    expect(receiver.shutdown()).toBe(stopping);
    await expect(postOtlp(port, "/v1/traces", PROTO, fixtureProto("traces"))).rejects.toThrow(/ECONNREFUSED/);
  });

  it("rejects start when the port is taken", async () => {
    const h = createHarness();
    const first = new OtlpHttpReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: 1024, corsOrigins: [] }, h.deps);
    await first.start();
    const second = new OtlpHttpReceiver({ host: "127.0.0.1", port: first.port, maxRequestBytes: 1024, corsOrigins: [] }, h.deps);
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
    await second.shutdown();
    await first.shutdown();
  });
});
