import { afterEach, describe, expect, it, vi } from "vitest";
import { apiSpan, apiTrace, spanIdOf, TRACE_ID } from "../testing/api-fixtures.js";
import { api, apiUrl } from "./api-client.js";
import { ApiCallError, isNotFound } from "./api-error.js";
import { checkTraceResponse, FULLY_VALIDATED_SPANS } from "./trace-response-check.js";

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown): void {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status })));
}

describe("apiUrl", () => {
  it("leaves out absent and empty parameters and encodes the rest", () => {
    expect(apiUrl("/api/v1/traces", { service: "a b&c", operation: "", limit: undefined })).toBe("/api/v1/traces?service=a+b%26c");
    expect(apiUrl("/api/v1/services", {})).toBe("/api/v1/services");
  });
});

describe("api client", () => {
  it("returns the checked answer", async () => {
    answer(200, { services: ["a", "b"] });
    await expect(api.services()).resolves.toEqual(["a", "b"]);
  });

  it("reports an unreachable server as kind 'unreachable'", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const error = await api.services().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).kind).toBe("unreachable");
  });

  it("carries the API's code and message for an error answer", async () => {
    answer(404, { error: { code: "SKEIN_ERR_TRACE_NOT_FOUND", message: "trace x was not found" } });
    const error = await api.trace(TRACE_ID).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "http", status: 404, code: "SKEIN_ERR_TRACE_NOT_FOUND", message: "trace x was not found" });
    expect(isNotFound(error)).toBe(true);
  });

  it("refuses an answer that does not match the schema, naming where", async () => {
    answer(200, { services: [1] });
    await expect(api.services()).rejects.toMatchObject({ kind: "invalid", message: expect.stringContaining("services.0") });
  });

  it("refuses a non-JSON body", async () => {
    answer(502, "<html>bad gateway</html>");
    await expect(api.services()).rejects.toMatchObject({ kind: "http", status: 502 });
  });
});

describe("checkTraceResponse", () => {
  const many = (n: number) => apiTrace(Array.from({ length: n }, (_, i) => apiSpan({ spanId: spanIdOf(i + 1) })));

  it("accepts a valid trace of any size", () => {
    expect(checkTraceResponse(many(FULLY_VALIDATED_SPANS + 50))).toBeUndefined();
  });

  it("finds a bad span id past the fully validated prefix", () => {
    const trace = many(FULLY_VALIDATED_SPANS + 50);
    (trace.spans[FULLY_VALIDATED_SPANS + 10] as { spanId: string }).spanId = "XYZ";
    expect(checkTraceResponse(trace)).toBe(`spans.${FULLY_VALIDATED_SPANS + 10}.spanId: not 16 lowercase hex characters`);
  });

  it("applies the full schema to the first spans (an unknown kind is caught)", () => {
    const trace = many(3);
    (trace.spans[1] as { kind: string }).kind = "sideways";
    expect(checkTraceResponse(trace)).toMatch(/^spans\.1\.kind: /);
  });

  it("catches bad times and shapes structurally", () => {
    const trace = many(FULLY_VALIDATED_SPANS + 3);
    (trace.spans[FULLY_VALIDATED_SPANS + 1] as { durationNano: unknown }).durationNano = 5;
    expect(checkTraceResponse(trace)).toBe(`spans.${FULLY_VALIDATED_SPANS + 1}.durationNano: not nanoseconds as a decimal string`);
    expect(checkTraceResponse({ traceId: "nope", spans: [] })).toMatch(/^traceId/);
    expect(checkTraceResponse(null)).toBeDefined();
  });
});
