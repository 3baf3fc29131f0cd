import { apiOperationsResponseSchema, apiServicesResponseSchema } from "@skein/model";
import { SpanKind } from "@skein/model";
import { makeSpan } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryTestApp } from "./testdata/query-test-app.js";
import { errorCodeOf, startQueryTestApp } from "./testdata/query-test-app.js";

let t: QueryTestApp;
beforeAll(async () => {
  t = await startQueryTestApp({
    spans: [
      makeSpan({ service: "payment", name: "charge", kind: SpanKind.CLIENT }),
      makeSpan({ service: "payment", name: "charge", kind: SpanKind.SERVER }),
      makeSpan({ service: "payment", name: "authorize", kind: SpanKind.INTERNAL }),
      makeSpan({ service: "frontend", name: "GET /" }),
      makeSpan({ service: "a/b c", name: "odd" }),
    ],
  });
});
afterAll(() => t.close());

describe("GET /api/v1/services", () => {
  it("lists distinct services, sorted", async () => {
    const { status, body } = await t.get("/api/v1/services");
    expect(status).toBe(200);
    expect(apiServicesResponseSchema.parse(body)).toEqual({ services: ["a/b c", "frontend", "payment"] });
  });

  it("refuses query parameters", async () => {
    const { status, body } = await t.get("/api/v1/services?limit=1");
    expect(status).toBe(400);
    expect(errorCodeOf(body)).toBe("SKEIN_ERR_UNKNOWN_PARAMETER");
  });
});

describe("GET /api/v1/services/{service}/operations", () => {
  it("lists (name, kind) in the storage's order: name, then kind name", async () => {
    const { status, body } = await t.get("/api/v1/services/payment/operations");
    expect(status).toBe(200);
    expect(apiOperationsResponseSchema.parse(body)).toEqual({
      operations: [
        { name: "authorize", kind: "internal" },
        { name: "charge", kind: "client" },
        { name: "charge", kind: "server" },
      ],
    });
  });

  it("decodes percent-encoded service names, and answers an empty list for unknown ones", async () => {
    expect((await t.get(`/api/v1/services/${encodeURIComponent("a/b c")}/operations`)).body).toEqual({ operations: [{ name: "odd", kind: "server" }] });
    expect((await t.get(`/api/v1/services/${encodeURIComponent("x' OR 1=1")}/operations`)).body).toEqual({ operations: [] });
  });
});
