import { apiLogsResponseSchema, bytesToHex } from "@skein/model";
import { BASE_TIME_NANO, attrs, makeLog, makeResource, makeScope, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryTestApp } from "./testdata/query-test-app.js";
import { HOUR, MS, TEST_NOW_NANO, errorCodeOf, startQueryTestApp } from "./testdata/query-test-app.js";

const TRACE = traceIdOf(4);
const logs = [
  makeLog({ timeUnixNano: BASE_TIME_NANO, body: "user logged in", service: "auth" }),
  makeLog({
    timeUnixNano: BASE_TIME_NANO + MS,
    severityNumber: 17,
    severityText: "ERROR",
    body: attrs({ msg: "Payment DECLINED", amount: 1_152_921_504_606_846_977n }),
    attributes: attrs({ raw: new Uint8Array([255]), retries: 3n }),
    resource: makeResource(attrs({ "service.name": "payment", region: "eu" })),
    scope: makeScope({ name: "pino", version: "" }),
    traceId: TRACE,
    spanId: spanIdOf(1),
  }),
  makeLog({ timeUnixNano: BASE_TIME_NANO + 2n * MS, severityNumber: 13, severityText: "WARN", body: "slow charge", service: "payment", traceId: TRACE, spanId: spanIdOf(2) }),
  // Correlated with the trace but two hours old: found by traceId (all time), not by default window.
  makeLog({ timeUnixNano: TEST_NOW_NANO - 2n * HOUR, severityNumber: 21, severityText: "FATAL", body: "old crash", service: "payment", traceId: TRACE, spanId: spanIdOf(1) }),
];

let t: QueryTestApp;
beforeAll(async () => {
  t = await startQueryTestApp({ logs });
});
afterAll(() => t.close());

async function bodies(query: string): Promise<unknown[]> {
  const { status, body } = await t.get(`/api/v1/logs${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return apiLogsResponseSchema.parse(body).logs.map((l) => l.body);
}

describe("GET /api/v1/logs", () => {
  it("returns records newest first in the API shape, over the last hour by default", async () => {
    const { body } = await t.get("/api/v1/logs");
    const records = (body as { logs: unknown[] }).logs;
    expect(records).toHaveLength(3);
    expect(records[2]).toMatchObject({ body: "user logged in", traceId: null, spanId: null, service: "auth", severityNumber: 9, severityText: "INFO" });
    expect(records[1]).toEqual({
      timeUnixNano: "1700000000124456789",
      observedTimeUnixNano: "1700000000124457789",
      severityNumber: 17,
      severityText: "ERROR",
      body: { msg: "Payment DECLINED", amount: "1152921504606846977" },
      attributes: { raw: "/w==", retries: 3 },
      resource: { "service.name": "payment", region: "eu" },
      service: "payment",
      scope: { name: "pino" },
      traceId: bytesToHex(TRACE),
      spanId: bytesToHex(spanIdOf(1)),
    });
  });

  it("searches all time when a traceId is given, unless bounded", async () => {
    expect(await bodies(`?traceId=${bytesToHex(TRACE)}`)).toEqual(["slow charge", { msg: "Payment DECLINED", amount: "1152921504606846977" }, "old crash"]);
    expect(await bodies(`?traceId=${bytesToHex(TRACE)}&start=${(TEST_NOW_NANO - HOUR) / MS}`)).toHaveLength(2);
    expect(await bodies(`?traceId=${bytesToHex(TRACE)}&spanId=${bytesToHex(spanIdOf(1))}`)).toEqual([expect.any(Object), "old crash"]);
    expect(await bodies("?traceId=4")).toEqual([]); // left-padded: a different trace
  });

  it("bounds by end (RFC 3339 with ns), start defaulting to an hour before it", async () => {
    expect(await bodies("?end=2023-11-14T22:13:20.124456788Z")).toEqual(["user logged in"]);
    expect(await bodies("?end=2023-11-14T22:13:20.124456789Z")).toHaveLength(2);
    expect(await bodies(`?end=${(TEST_NOW_NANO - HOUR - HOUR / 2n) / MS}`)).toEqual(["old crash"]);
  });

  it("filters by service, minimum severity (number or name) and body substring", async () => {
    expect(await bodies("?service=auth")).toEqual(["user logged in"]);
    expect(await bodies("?minSeverity=13")).toEqual(["slow charge", expect.any(Object)]);
    expect(await bodies("?minSeverity=error")).toEqual([expect.objectContaining({ msg: "Payment DECLINED" })]);
    expect(await bodies("?minSeverity=Warning")).toHaveLength(2);
    expect(await bodies("?q=declined")).toHaveLength(1);
    expect(await bodies("?q=LOGGED%20IN")).toEqual(["user logged in"]);
    expect(await bodies(`?q=${encodeURIComponent("' OR 1=1 --")}`)).toEqual([]);
  });

  it("treats empty parameters as absent, as forms send them", async () => {
    expect(await bodies("?service=&minSeverity=&q=&traceId=&spanId=&start=&end=&limit=")).toHaveLength(3);
  });

  it("applies limit, default 100 and at most 5000", async () => {
    expect(await bodies("?limit=1")).toEqual(["slow charge"]);
    expect(await bodies("?limit=5000")).toHaveLength(3);
    expect((await t.get("/api/v1/logs?limit=5001")).status).toBe(400);
  });

  it.each([
    ["minSeverity=0", "SKEIN_ERR_INVALID_PARAMETER"],
    ["minSeverity=25", "SKEIN_ERR_INVALID_PARAMETER"],
    ["minSeverity=loud", "SKEIN_ERR_INVALID_PARAMETER"],
    ["minSeverity=-1", "SKEIN_ERR_INVALID_PARAMETER"],
    ["traceId=xyz", "SKEIN_ERR_INVALID_ID"],
    ["traceId=" + "a".repeat(33), "SKEIN_ERR_INVALID_ID"],
    ["traceId=" + "a".repeat(65), "SKEIN_ERR_INVALID_PARAMETER"],
    ["traceId=00000000000000000000000000000000", "SKEIN_ERR_INVALID_ID"],
    ["spanId=0000000000000000", "SKEIN_ERR_INVALID_ID"],
    ["spanId=abc", "SKEIN_ERR_INVALID_ID"],
    ["start=yesterday", "SKEIN_ERR_INVALID_PARAMETER"],
    ["levle=", "SKEIN_ERR_UNKNOWN_PARAMETER"],
    ["level=error", "SKEIN_ERR_UNKNOWN_PARAMETER"],
  ])("refuses %s", async (query, code) => {
    const { status, body } = await t.get(`/api/v1/logs?${query}`);
    expect(status).toBe(400);
    expect(errorCodeOf(body)).toBe(code);
  });
});
