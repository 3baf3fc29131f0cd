import type { ApiOperationMetrics } from "@skein/model/api";
import { describe, expect, it } from "vitest";
import { defaultEndpoint, serviceHrefWith } from "./service-query.js";

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
