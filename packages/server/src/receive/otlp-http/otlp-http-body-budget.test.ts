import { describe, expect, it } from "vitest";
import { fixtureProto } from "../shared/testdata/otlp-fixtures.js";
import { postOtlp } from "../shared/testdata/http-client.js";
import { readRpcStatus } from "../shared/testdata/proto-read.js";
import { createHarness } from "../shared/testdata/receiver-harness.js";
import { BodyBudget, bodyBudgetCapacity, bodyReservation } from "./otlp-http-body-budget.js";
import { OtlpHttpReceiver } from "./otlp-http-receiver.js";

describe("BodyBudget", () => {
  it("reserves while there is room, always admits a lone request, and frees on release", () => {
    const budget = new BodyBudget(100);
    expect(budget.tryReserve(150)).toBe(true); // alone: admitted even above capacity
    expect(budget.tryReserve(1)).toBe(false);
    budget.release(150);
    expect(budget.tryReserve(60)).toBe(true);
    expect(budget.tryReserve(40)).toBe(true);
    expect(budget.tryReserve(1)).toBe(false);
    budget.release(40);
    expect(budget.reservedBytes).toBe(60);
  });

  it("reserves the declared length, ×10 for gzip, the limit when unknown, never above the limit", () => {
    expect(bodyReservation(1000, false, 1 << 20)).toBe(1000);
    expect(bodyReservation(1000, true, 1 << 20)).toBe(10_000);
    expect(bodyReservation(Number.NaN, false, 1 << 20)).toBe(1 << 20);
    expect(bodyReservation(1 << 20, true, 1 << 20)).toBe(1 << 20);
    expect(bodyBudgetCapacity(16 << 20)).toBe(128 << 20);
    expect(bodyBudgetCapacity(64 << 20)).toBe(512 << 20);
  });
});

describe("OtlpHttpReceiver: bodies in flight", () => {
  it("answers 429 with Retry-After before reading a body once the budget is full, and recovers", async () => {
    const h = createHarness();
    // 1 MiB per request → a 128 MiB budget; each unknown-length (chunked) request reserves 1 MiB,
    // so 128 held requests fill it. Hold commits so reservations stay taken.
    const limit = 1 << 20;
    const receiver = new OtlpHttpReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: limit, corsOrigins: [] }, h.deps);
    await receiver.start();
    try {
      h.traces.hang();
      const body = fixtureProto("traces");
      const held = Array.from({ length: 128 }, () => postOtlp(receiver.port, "/v1/traces", "application/x-protobuf", body, { "transfer-encoding": "chunked" }));
      await expect.poll(() => h.traces.calls, { timeout: 10_000 }).toBe(128);
      const refused = await postOtlp(receiver.port, "/v1/traces", "application/x-protobuf", body, { "transfer-encoding": "chunked" });
      expect(refused.status).toBe(429);
      expect(refused.headers["retry-after"]).toBe("1");
      expect(readRpcStatus(refused.body).message).toMatch(/too many request bodies in flight/);
      expect(h.telemetry).toContainEqual(["requestRejected", "otlp-http", "traces", "overloaded"]);
      h.traces.release();
      expect((await Promise.all(held)).map((r) => r.status)).toEqual(Array(128).fill(200));
      const again = await postOtlp(receiver.port, "/v1/traces", "application/x-protobuf", body, { "transfer-encoding": "chunked" });
      expect(again.status).toBe(200);
    } finally {
      await receiver.shutdown();
    }
  });
});
