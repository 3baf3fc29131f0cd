import { describe, expect, it } from "vitest";
import { apiErrorResponseSchema, apiLogsQuerySchema, apiSpanSchema, apiTraceSearchQuerySchema } from "./index.js";

const span = {
  traceId: "5c000000000000000000000000000001",
  spanId: "5a00000000000001",
  parentSpanId: null,
  name: "GET /",
  kind: "server",
  service: "frontend",
  startTimeUnixNano: "1700000000123456789",
  endTimeUnixNano: "1700000000124456789",
  durationNano: "1000000",
  status: { code: "unset" },
  attributes: { big: "1152921504606846977", n: 1, nested: { list: [true, null] } },
  resource: { "service.name": "frontend" },
  scope: { name: "x" },
  events: [],
  links: [],
};

describe("response schemas", () => {
  it("accept the documented span shape", () => {
    expect(apiSpanSchema.parse(span)).toEqual(span);
  });

  it.each([
    ["upper-case hex id", { traceId: "5C000000000000000000000000000001" }],
    ["ns as a JSON number", { startTimeUnixNano: 1700000000123456789 }],
    ["an unknown kind", { kind: "SERVER" }],
    ["an empty-string parent", { parentSpanId: "" }],
  ])("reject %s", (_what, patch) => {
    expect(apiSpanSchema.safeParse({ ...span, ...patch }).success).toBe(false);
  });

  it("error bodies carry a SKEIN_ERR code", () => {
    expect(apiErrorResponseSchema.safeParse({ error: { code: "SKEIN_ERR_INVALID_ID", message: "m" } }).success).toBe(true);
    expect(apiErrorResponseSchema.safeParse({ error: { code: "E_BAD", message: "m" } }).success).toBe(false);
  });
});

describe("request schemas (syntax only)", () => {
  it("accept well-formed search parameters", () => {
    const params = { service: "a", minDuration: "1m30s", maxDuration: "250ms", start: "2026-01-02T15:04:05.123456789+02:00", end: "1700000000000", status: "error", limit: "20" };
    expect(apiTraceSearchQuerySchema.parse(params)).toEqual(params);
  });

  it.each([
    [{ minDuration: "250" }],
    [{ start: "yesterday" }],
    [{ status: "ERROR" }],
    [{ limit: "1e3" }],
    [{ limit: ["1", "2"] }],
    [{ unknown: "x" }],
  ])("reject %j", (params) => {
    expect(apiTraceSearchQuerySchema.safeParse(params).success).toBe(false);
  });

  it("accept severity numbers and names; reject other shapes", () => {
    expect(apiLogsQuerySchema.safeParse({ minSeverity: "error" }).success).toBe(true);
    expect(apiLogsQuerySchema.safeParse({ minSeverity: "17" }).success).toBe(true);
    expect(apiLogsQuerySchema.safeParse({ minSeverity: "-1" }).success).toBe(false);
  });
});
