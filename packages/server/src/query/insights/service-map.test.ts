import { LATENCY_BUCKET_RELATIVE_ERROR } from "@skein/model";
import { describe, expect, it } from "vitest";
import { MINUTE_MS, metricsRangeOf } from "./metrics-range.js";
import { computeServiceMap } from "./service-map.js";
import { uniqueNodeNames } from "./service-map-names.js";
import { storageWithRollups } from "./testdata/metrics-storage.js";
import { BASE_MINUTE_MS, graphRow } from "./testdata/rollup-fixtures.js";
import { shopMinute, shopRollups } from "./testdata/shop-rollups.js";

const MS = 1_000_000;
/** Long after every fixture: no clipping at now. */
const LATER_MS = BASE_MINUTE_MS + 10_000 * MINUTE_MS;
const range = metricsRangeOf(BASE_MINUTE_MS, BASE_MINUTE_MS + 10 * MINUTE_MS, LATER_MS);
const near = (actual: number | null, exact: number) => actual !== null && Math.abs(actual - exact) / exact <= LATENCY_BUCKET_RELATIVE_ERROR;

describe("computeServiceMap", () => {
  it("has every service with span metrics and every edge endpoint, with exact edges", async () => {
    const storage = await storageWithRollups(shopRollups());
    try {
      const map = await computeServiceMap(storage.metrics.reader, range);
      expect(map.nodes.map((n) => [n.name, n.type])).toEqual([
        ["api.stripe.com", "external"],
        ["batch", "service"],
        ["frontend", "service"],
        ["orders", "queue"],
        ["payment", "service"],
        ["postgres", "database"],
        ["worker", "service"],
      ]);
      expect(map.edges.map((e) => [e.source, e.target, e.callCount, e.errorCount])).toEqual([
        ["frontend", "orders", 4, 0],
        ["frontend", "payment", 12, 1],
        ["orders", "worker", 4, 0],
        ["payment", "api.stripe.com", 3, 2],
        ["payment", "postgres", 12, 0],
      ]);
      const node = (name: string) => map.nodes.find((n) => n.name === name)!;
      // Services: their requests (frontend's SERVER spans, not its CLIENT spans).
      expect(node("frontend").rate).toBeCloseTo(20 / 600, 12);
      expect(node("frontend").errorRate).toBeCloseTo(5 / 20, 12);
      expect(near(node("frontend").p95, 300 * MS)).toBe(true);
      expect(node("batch").errorRate).toBeCloseTo(0.5 / 2.5, 12);
      // Other nodes: their incoming edges.
      expect(node("api.stripe.com").rate).toBeCloseTo(3 / 600, 12);
      expect(node("api.stripe.com").errorRate).toBeCloseTo(2 / 3, 12);
      expect(near(node("postgres").p95, 5 * MS)).toBe(true);
      expect(near(map.edges[1]!.p95, 50 * MS)).toBe(true);
    } finally {
      await storage.shutdown();
    }
  });

  it("counts only the minutes of the range", async () => {
    const storage = await storageWithRollups(shopRollups());
    try {
      const map = await computeServiceMap(storage.metrics.reader, metricsRangeOf(shopMinute(1), shopMinute(7), LATER_MS));
      expect(map.edges.map((e) => [e.source, e.target, e.callCount])).toEqual([
        ["frontend", "orders", 4],
        ["orders", "worker", 4],
      ]);
      expect(map.nodes.map((n) => n.name)).toEqual(["batch", "frontend", "orders", "worker"]);
      const empty = await computeServiceMap(storage.metrics.reader, metricsRangeOf(shopMinute(30), shopMinute(40), LATER_MS));
      expect(empty).toEqual({ nodes: [], edges: [] });
    } finally {
      await storage.shutdown();
    }
  });

  it("suffixes non-service nodes whose names collide and uses those names in edges", async () => {
    const storage = await storageWithRollups({
      serviceGraph: [
        graphRow(BASE_MINUTE_MS, ["api", "service"], ["cache", "service"], false, MS, 1),
        graphRow(BASE_MINUTE_MS, ["api", "service"], ["cache", "database"], false, MS, 2),
        graphRow(BASE_MINUTE_MS, ["api", "service"], ["cache", "external"], true, MS, 3),
        graphRow(BASE_MINUTE_MS, ["api", "service"], ["events", "queue"], false, MS, 4),
        graphRow(BASE_MINUTE_MS, ["api", "service"], ["events", "database"], false, MS, 5),
      ],
    });
    try {
      const map = await computeServiceMap(storage.metrics.reader, range);
      expect(map.nodes.map((n) => [n.name, n.type])).toEqual([
        ["api", "service"],
        ["cache", "service"],
        ["cache (database)", "database"],
        ["cache (external)", "external"],
        ["events (database)", "database"],
        ["events (queue)", "queue"],
      ]);
      expect(map.edges.map((e) => [e.target, e.callCount, e.errorCount])).toEqual([
        ["cache", 1, 0],
        ["cache (database)", 2, 0],
        ["cache (external)", 3, 3],
        ["events (database)", 5, 0],
        ["events (queue)", 4, 0],
      ]);
      // A service seen only on edges is measured by its incoming edges.
      expect(map.nodes[1]!.rate).toBeCloseTo(1 / 600, 12);
      expect(map.nodes[0]).toEqual({ name: "api", type: "service", rate: 0, errorRate: 0, p95: null });
      expect(new Set(map.nodes.map((n) => n.name)).size).toBe(map.nodes.length);
    } finally {
      await storage.shutdown();
    }
  });
});

describe("uniqueNodeNames", () => {
  it("keeps names unique even when a suffixed name is taken, whatever the input order", () => {
    const nodes = [
      { name: "db", type: "database" as const },
      { name: "db", type: "service" as const },
      { name: "db (database)", type: "service" as const },
    ];
    const forward = uniqueNodeNames(nodes);
    const backward = uniqueNodeNames([...nodes].reverse());
    expect([...forward.values()].sort()).toEqual(["db", "db (database)", "db (database) 2"]);
    expect([...backward].sort()).toEqual([...forward].sort());
  });
});
