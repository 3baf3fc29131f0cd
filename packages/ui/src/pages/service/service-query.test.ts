import type { ApiOperationMetrics } from "@skein/model/api";
import { describe, expect, it } from "vitest";
import { defaultEndpoint, heatmapSpans, serviceHrefWith } from "./service-query.js";

function op(name: string, kind: ApiOperationMetrics["kind"]): ApiOperationMetrics {
  return { name, kind, count: 1, errorCount: 0, rate: 1, errorRate: 0, p50: 1, p95: 1, p99: 1 };
}

describe("serviceHrefWith", () => {
  it("sets or removes the operation and keeps the range", () => {
    expect(serviceHrefWith("check out", "?range=6h", "POST /pay")).toBe("/services/check%20out?range=6h&operation=POST+%2Fpay");
    expect(serviceHrefWith("checkout", "?range=6h&operation=x", undefined)).toBe("/services/checkout?range=6h");
    expect(serviceHrefWith("checkout", "", undefined)).toBe("/services/checkout");
  });
});

describe("defaultEndpoint", () => {
  it("is the busiest server or consumer operation, else the busiest one", () => {
    expect(defaultEndpoint([op("SELECT", "client"), op("GET /", "server"), op("consume", "consumer")])).toBe("GET /");
    expect(defaultEndpoint([op("SELECT", "client"), op("work", "internal")])).toBe("SELECT");
    expect(defaultEndpoint([])).toBeUndefined();
  });
});

describe("heatmapSpans", () => {
  it("without an operation: server spans, else consumer spans, else every kind (the RED requests rule)", () => {
    expect(heatmapSpans([op("SELECT", "client"), op("consume", "consumer"), op("GET /", "server")], undefined)).toEqual({ kind: "server", label: "server spans" });
    expect(heatmapSpans([op("SELECT", "client"), op("consume", "consumer")], undefined)).toEqual({ kind: "consumer", label: "consumer spans" });
    expect(heatmapSpans([op("SELECT", "client"), op("work", "internal")], undefined)).toEqual({ kind: undefined, label: "spans of every kind" });
    expect(heatmapSpans([op("SELECT", "client")], undefined).kind).toBeUndefined();
    expect(heatmapSpans([], undefined).kind).toBeUndefined();
  });

  it("with an operation: its kind; the requests rule when the name has several; every kind when it is not listed", () => {
    const ops = [op("GET /", "server"), op("SELECT", "client"), op("GET /", "client"), op("work", "internal"), op("work", "client")];
    expect(heatmapSpans(ops, "SELECT")).toEqual({ kind: "client", label: "client spans" });
    expect(heatmapSpans(ops, "GET /").kind).toBe("server");
    expect(heatmapSpans(ops, "work").kind).toBeUndefined();
    expect(heatmapSpans(ops, "gone").kind).toBeUndefined();
  });
});
