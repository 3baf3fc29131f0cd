import type { ApiServiceMetrics } from "@skein/model/api";
import { describe, expect, it } from "vitest";
import { nextSort, readServiceSort, sortServices, writeServiceSort } from "./services-sort.js";

function svc(name: string, rate: number, errorRate: number, p95: number | null): ApiServiceMetrics {
  return { name, rate, errorRate, p95, count: rate * 60, errorCount: 0, p50: p95, p99: p95, series: [] };
}
const list = [svc("payment", 2, 0.5, 9e6), svc("checkout", 5, 0.1, null), svc("frontend", 5, 0, 3e6)];
const names = (s: ApiServiceMetrics[]) => s.map((x) => x.name);

describe("sortServices", () => {
  it("sorts by name A→Z by default, and Z→A descending", () => {
    expect(names(sortServices(list, { key: "name", descending: false }))).toEqual(["checkout", "frontend", "payment"]);
    expect(names(sortServices(list, { key: "name", descending: true }))).toEqual(["payment", "frontend", "checkout"]);
  });

  it("sorts figures with ties broken by name", () => {
    expect(names(sortServices(list, { key: "rate", descending: true }))).toEqual(["checkout", "frontend", "payment"]);
    expect(names(sortServices(list, { key: "errors", descending: true }))).toEqual(["payment", "checkout", "frontend"]);
    expect(names(sortServices(list, { key: "errors", descending: false }))).toEqual(["frontend", "checkout", "payment"]);
  });

  it("puts services without a p95 last in either order", () => {
    expect(names(sortServices(list, { key: "p95", descending: true }))).toEqual(["payment", "frontend", "checkout"]);
    expect(names(sortServices(list, { key: "p95", descending: false }))).toEqual(["frontend", "payment", "checkout"]);
  });
});

describe("service sort in the URL", () => {
  it("round-trips, defaults to name A→Z, and figures default to biggest first", () => {
    expect(readServiceSort(new URLSearchParams(""))).toEqual({ key: "name", descending: false });
    expect(readServiceSort(new URLSearchParams("sort=p95"))).toEqual({ key: "p95", descending: true });
    expect(readServiceSort(new URLSearchParams("sort=bogus&order=desc"))).toEqual({ key: "name", descending: true });
    const params = new URLSearchParams();
    writeServiceSort(params, { key: "rate", descending: false });
    expect(readServiceSort(params)).toEqual({ key: "rate", descending: false });
  });

  it("flips the same column and starts another in its default order", () => {
    expect(nextSort({ key: "rate", descending: true }, "rate")).toEqual({ key: "rate", descending: false });
    expect(nextSort({ key: "rate", descending: false }, "name")).toEqual({ key: "name", descending: false });
    expect(nextSort({ key: "name", descending: false }, "errors")).toEqual({ key: "errors", descending: true });
  });
});
