import { status, type ServiceError } from "@grpc/grpc-js";
import { StorageBackloggedError, StorageUnavailableError } from "@skein/storage";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OverloadedError } from "../../pipeline/errors.js";
import { LOGS_EXPORT, RawOtlpGrpcClient, TRACE_EXPORT } from "../shared/testdata/grpc-client.js";
import { fixtureProto, invalidIdsLogsProto, invalidIdsTracesProto } from "../shared/testdata/otlp-fixtures.js";
import { readExportResponse, readRpcStatus } from "../shared/testdata/proto-read.js";
import { createHarness, type Harness } from "../shared/testdata/receiver-harness.js";
import { OtlpGrpcReceiver } from "./otlp-grpc-receiver.js";

const LIMIT = 64 * 1024;

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (err) {
    return err as ServiceError;
  }
  throw new Error("expected the call to fail");
}

describe("OtlpGrpcReceiver", () => {
  let h: Harness;
  let receiver: OtlpGrpcReceiver;
  let client: RawOtlpGrpcClient;

  beforeEach(async () => {
    h = createHarness();
    receiver = new OtlpGrpcReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: LIMIT }, h.deps);
    await receiver.start();
    client = new RawOtlpGrpcClient(receiver.port);
  });

  // After every bad call the server must still answer a good one.
  afterEach(async () => {
    h.traces.succeed();
    const fresh = new RawOtlpGrpcClient(receiver.port);
    expect((await fresh.export(TRACE_EXPORT, fixtureProto("traces"))).length).toBe(0);
    fresh.close();
    client.close();
    await receiver.shutdown();
  });

  it("exports traces and logs, answering an empty response after consume resolved", async () => {
    expect((await client.export(TRACE_EXPORT, fixtureProto("traces"))).length).toBe(0);
    expect((await client.export(LOGS_EXPORT, fixtureProto("logs"))).length).toBe(0);
    expect(h.traces.batches[0]?.spans.map((s) => s.name)).toEqual(["POST /checkout", "SELECT orders"]);
    expect(h.logs.batches[0]?.logs.map((l) => l.body)).toEqual(["payment declined", "order stored"]);
    expect(h.telemetry).toContainEqual(["itemsAccepted", "otlp-grpc", "logs", 2]);
    expect(h.telemetry).toContainEqual(["requestDuration", "otlp-grpc", "traces", "ok"]);
  });

  it("accepts gzip-compressed messages", async () => {
    const gzipClient = new RawOtlpGrpcClient(receiver.port, { gzip: true });
    await gzipClient.export(TRACE_EXPORT, fixtureProto("traces"));
    await gzipClient.export(LOGS_EXPORT, fixtureProto("logs"));
    gzipClient.close();
    expect(h.traces.batches[0]?.spans).toHaveLength(2);
    expect(h.logs.batches[0]?.logs).toHaveLength(2);
  });

  it("answers partial success for items with invalid ids", async () => {
    const traces = readExportResponse(await client.export(TRACE_EXPORT, invalidIdsTracesProto()));
    expect(traces?.rejected).toBe(2);
    expect(traces?.errorMessage).toContain("must not be all zero");
    const logs = readExportResponse(await client.export(LOGS_EXPORT, invalidIdsLogsProto()));
    expect(logs).toEqual({ rejected: 1, errorMessage: expect.stringContaining("trace id must be 16 bytes, got 4") });
    expect(h.traces.batches[0]?.spans).toHaveLength(2);
    expect(h.telemetry).toContainEqual(["itemsRejected", "otlp-grpc", "traces", "invalid_id", 2]);
  });

  it("INVALID_ARGUMENT with the decoder's message for a malformed message", async () => {
    const err = await failure(client.export(TRACE_EXPORT, Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01)));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.details).toMatch(/^malformed OTLP protobuf traces payload: ./);
    expect(h.telemetry).toContainEqual(["requestRejected", "otlp-grpc", "traces", "malformed"]);
    expect(h.logLines.filter((l) => l.level === 40)).toHaveLength(1);
    expect(h.traces.calls).toBe(0);
  });

  it("RESOURCE_EXHAUSTED for a message over maxRequestBytes, plain or as a gzip bomb", async () => {
    const big = await failure(client.export(LOGS_EXPORT, new Uint8Array(LIMIT + 1)));
    expect(big.code).toBe(status.RESOURCE_EXHAUSTED);
    const gzipClient = new RawOtlpGrpcClient(receiver.port, { gzip: true });
    // 32 MiB of zeros compress to ~32 KiB: under the limit on the wire, far over it inflated.
    const bomb = await failure(gzipClient.export(LOGS_EXPORT, new Uint8Array(32 * 1024 * 1024)));
    gzipClient.close();
    expect(bomb.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(h.logs.calls).toBe(0);
  });

  it("RESOURCE_EXHAUSTED with RetryInfo when the consumer is overloaded; nothing acknowledged", async () => {
    h.traces.failWith(new OverloadedError("queue full", 3));
    const err = await failure(client.export(TRACE_EXPORT, fixtureProto("traces")));
    expect(err.code).toBe(status.RESOURCE_EXHAUSTED);
    const details = err.metadata.get("grpc-status-details-bin")[0];
    expect(details).toBeInstanceOf(Buffer);
    expect(readRpcStatus(details as Buffer)).toMatchObject({ code: 8, retryDelaySeconds: 3 });
    expect(h.traces.batches).toHaveLength(0);
    expect(h.telemetry).toContainEqual(["itemsRejected", "otlp-grpc", "traces", "overloaded", 2]);
  });

  it("RESOURCE_EXHAUSTED with RetryInfo when storage's spool is full; nothing acknowledged", async () => {
    h.logs.failWith(new StorageBackloggedError("ClickHouse is down and the spool is full", 12));
    const err = await failure(client.export(LOGS_EXPORT, fixtureProto("logs")));
    expect(err.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(err.details).toBe("storage is backlogged, retry later: ClickHouse is down and the spool is full");
    const details = err.metadata.get("grpc-status-details-bin")[0];
    expect(readRpcStatus(details as Buffer)).toMatchObject({ code: 8, retryDelaySeconds: 12 });
    expect(h.logs.batches).toHaveLength(0);
    expect(h.telemetry).toContainEqual(["itemsRejected", "otlp-grpc", "logs", "storage_backlogged", 2]);
    expect(h.telemetry).toContainEqual(["requestRejected", "otlp-grpc", "logs", "storage_backlogged"]);
    h.logs.succeed();
  });

  it("UNAVAILABLE when storage fails; nothing acknowledged", async () => {
    h.logs.failWith(new StorageUnavailableError("disk full"));
    const err = await failure(client.export(LOGS_EXPORT, fixtureProto("logs")));
    expect(err.code).toBe(status.UNAVAILABLE);
    expect(err.details).toBe("could not store log records, retry later: disk full");
    expect(h.logs.batches).toHaveLength(0);
    expect(h.telemetry).toContainEqual(["requestRejected", "otlp-grpc", "logs", "storage_error"]);
    expect(h.telemetry.filter((c) => c[0] === "itemsAccepted")).toHaveLength(0);
  });

  it("aborts the consume signal when the client cancels", async () => {
    h.traces.hang();
    const controller = new AbortController();
    const call = failure(client.export(TRACE_EXPORT, fixtureProto("traces"), controller.signal));
    await expect.poll(() => h.traces.calls).toBe(1);
    controller.abort();
    expect((await call).code).toBe(status.CANCELLED);
    await expect.poll(() => h.traces.signals[0]?.aborted).toBe(true);
    h.traces.release();
  });
});

describe("OtlpGrpcReceiver: lifecycle", () => {
  it("shutdown is safe before start and idempotent; start after shutdown is refused", async () => {
    const receiver = new OtlpGrpcReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: LIMIT }, createHarness().deps);
    const first = receiver.shutdown();
    expect(receiver.shutdown()).toBe(first);
    await first;
    await expect(receiver.start()).rejects.toMatchObject({ code: "SKEIN_ERR_RECEIVER_LIFECYCLE" });
  });

  it("waits for in-flight calls on shutdown", async () => {
    const h = createHarness();
    const receiver = new OtlpGrpcReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: LIMIT }, h.deps);
    await receiver.start();
    const client = new RawOtlpGrpcClient(receiver.port);
    h.traces.hang();
    const call = client.export(TRACE_EXPORT, fixtureProto("traces"));
    await expect.poll(() => h.traces.calls).toBe(1);
    let closed = false;
    const closing = receiver.shutdown().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    h.traces.release();
    expect((await call).length).toBe(0);
    await closing;
    client.close();
  });
});
