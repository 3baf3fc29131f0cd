import { SpanKind } from "@skein/model";
import type { StatusCode } from "@skein/model";
import { describe, expect, it } from "vitest";
import type { ConformanceContext } from "./harness.js";
import { HOSTILE_STRINGS } from "./fixtures.js";
import { error, expectCount, graphRow, metricsRow, minute, ok, serviceGraph, spanMetrics } from "./rollup-helpers.js";

/** Strings that break naive SQL, LIKE patterns, JSON or UTF-16 handling; each must round-trip exactly. */
const ROLLUP_HOSTILE_STRINGS: readonly string[] = [
  ...HOSTILE_STRINGS,
  "𝄞 astral 😀 and a lone combining mark é",
  "x".repeat(1024),
  "é".repeat(512),
  "SELECT * FROM span_metrics WHERE 1=1",
  "); DELETE FROM service_graph; --",
  "back\\slash at end\\",
  "\r\n",
];

const ONE_QUARTER = 0.25;
const ONE_THIRD_WEIGHT = 3.3333333333333335;

/** Fractional weights and hostile strings in rollups: nothing lost beyond float addition. */
export function rollupExactnessTests(ctx: ConformanceContext): void {
  describe("rollup exactness", () => {
    it("fractional span-metrics weights sum without loss beyond float addition", async () => {
      const row = (count: number, status: StatusCode = ok) => metricsRow(minute(0), "f", "op", SpanKind.SERVER, status, [[9, count]]);
      await ctx.storage().metrics.writer.writeRollups({ spanMetrics: [row(ONE_QUARTER), row(ONE_THIRD_WEIGHT)], serviceGraph: [] });
      await ctx.storage().metrics.writer.writeRollups({ spanMetrics: [row(ONE_QUARTER), row(ONE_THIRD_WEIGHT, error)], serviceGraph: [] });
      const cells = await spanMetrics(ctx.storage(), { groupBy: { service: true } });
      expect(cells.map((c) => [c.error, c.bucket])).toEqual([[false, 9], [true, 9]]);
      expectCount(cells[0]!.count, ONE_QUARTER + ONE_THIRD_WEIGHT + ONE_QUARTER, "ok count");
      expect(cells[1]!.count, "a single weight comes back exactly").toBe(ONE_THIRD_WEIGHT);
    });

    it("fractional service-graph weights sum without loss beyond float addition", async () => {
      const row = (count: number, m = 0) => graphRow(minute(m), ["a", "service"], ["b", "database"], false, [[9, count]]);
      await ctx.storage().metrics.writer.writeRollups({ spanMetrics: [], serviceGraph: [row(ONE_QUARTER), row(ONE_THIRD_WEIGHT, 1)] });
      await ctx.storage().metrics.writer.writeRollups({ spanMetrics: [], serviceGraph: [row(ONE_THIRD_WEIGHT, 2)] });
      const cells = await serviceGraph(ctx.storage());
      expect(cells).toHaveLength(1);
      expectCount(cells[0]!.count, ONE_QUARTER + ONE_THIRD_WEIGHT + ONE_THIRD_WEIGHT);
    });

    it("hostile service and operation names round-trip and each filter matches only itself", async () => {
      const strings = ROLLUP_HOSTILE_STRINGS;
      await ctx.storage().metrics.writer.writeRollups({
        spanMetrics: strings.map((s, i) => metricsRow(minute(0), s, s, SpanKind.SERVER, ok, [[1, i + 1]])),
        serviceGraph: [],
      });
      const all = await spanMetrics(ctx.storage(), { groupBy: { service: true, operation: true } });
      expect(new Map(all.map((c) => [c.service, [c.operation, c.count]]))).toEqual(new Map(strings.map((s, i) => [s, [s, i + 1]])));
      expect(all).toHaveLength(strings.length);
      for (const [i, s] of strings.entries()) {
        const label = JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
        const byService = await spanMetrics(ctx.storage(), { services: [s], groupBy: { service: true } });
        expect(byService.map((c) => [c.service, c.count]), `service ${label}`).toEqual([[s, i + 1]]);
        const byOperation = await spanMetrics(ctx.storage(), { operation: s, groupBy: { operation: true } });
        expect(byOperation.map((c) => [c.operation, c.count]), `operation ${label}`).toEqual([[s, i + 1]]);
      }
      // Several hostile services in one list, LIKE wildcards included.
      const several = await spanMetrics(ctx.storage(), { services: ["%", "_", "'"], groupBy: { service: true } });
      expect(several.map((c) => c.service).sort()).toEqual(["%", "'", "_"]);
    });

    it("hostile node names round-trip in the service graph", async () => {
      const strings = ROLLUP_HOSTILE_STRINGS;
      await ctx.storage().metrics.writer.writeRollups({
        spanMetrics: [],
        serviceGraph: strings.map((s, i) => graphRow(minute(0), [s, "service"], [`${s}→peer`, "external"], i % 2 === 0, [[2, i + 1]])),
      });
      const cells = await serviceGraph(ctx.storage());
      expect(cells).toHaveLength(strings.length);
      const bySource = new Map(cells.map((c) => [c.source, c]));
      for (const [i, s] of strings.entries()) {
        expect(bySource.get(s), `node ${JSON.stringify(s.slice(0, 40))}`).toEqual({ source: s, sourceType: "service", target: `${s}→peer`, targetType: "external", failed: i % 2 === 0, bucket: 2, count: i + 1 });
      }
    });
  });
}
