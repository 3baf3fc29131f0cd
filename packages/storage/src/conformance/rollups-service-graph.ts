import { LATENCY_BUCKET_COUNT } from "@skein/model";
import { beforeEach, describe, expect, it } from "vitest";
import type { ServiceGraphRow, ServiceNodeType } from "../insights.js";
import type { ConformanceContext } from "./harness.js";
import { MINUTE, T0, graphCell as cell, graphRow, minute, serviceGraph, sortedGraph, spanMetrics } from "./rollup-helpers.js";

type Node = [string, ServiceNodeType];
const FRONTEND: Node = ["frontend", "service"];
const CHECKOUT: Node = ["checkout", "service"];
const POSTGRES: Node = ["postgresql", "database"];
/** The same name as a database node, but another type: another node. */
const POSTGRES_EXTERNAL: Node = ["postgresql", "external"];
const STRIPE: Node = ["api.stripe.com", "external"];
const ORDERS_QUEUE: Node = ["orders", "queue"];
const WORKER: Node = ["worker", "service"];

/** Edges of the first hour, plus one minute before it and one at its end (both outside it). */
const ROWS: ServiceGraphRow[] = [
  graphRow(minute(-1), FRONTEND, CHECKOUT, false, [[20, 1000]]),
  graphRow(minute(0), FRONTEND, CHECKOUT, false, [[20, 3]]),
  graphRow(minute(1), FRONTEND, CHECKOUT, false, [[20, 1], [21, 2]]),
  graphRow(minute(59), FRONTEND, CHECKOUT, true, [[30, 1]]),
  graphRow(minute(60), FRONTEND, CHECKOUT, false, [[20, 100]]),
  graphRow(minute(2), CHECKOUT, POSTGRES, false, [[10, 5]]),
  graphRow(minute(4), CHECKOUT, POSTGRES_EXTERNAL, false, [[10, 1]]),
  graphRow(minute(2), CHECKOUT, STRIPE, true, [[50, 1]]),
  graphRow(minute(3), CHECKOUT, ORDERS_QUEUE, false, [[2, 1]]),
  graphRow(minute(3), ORDERS_QUEUE, WORKER, false, [[8, 1]]),
];

const FIRST_HOUR = { startUnixMs: T0, endUnixMs: minute(60) };

/** Service-graph rollups: summed over the minutes of a range, failed split, node types. */
export function rollupServiceGraphTests(ctx: ConformanceContext): void {
  const write = (rows: ServiceGraphRow[]) => ctx.storage().metrics.writer.writeRollups({ spanMetrics: [], serviceGraph: rows });

  describe("service-graph rollups", () => {
    it("an empty store and an empty range return no cells", async () => {
      expect(await serviceGraph(ctx.storage())).toEqual([]);
      await write(ROWS);
      expect(await serviceGraph(ctx.storage(), { startUnixMs: minute(200), endUnixMs: minute(300) })).toEqual([]);
      expect(await serviceGraph(ctx.storage(), { startUnixMs: minute(0), endUnixMs: minute(0) })).toEqual([]);
    });

    describe("over a range", () => {
      beforeEach(() => write(ROWS));

      it("sums every minute of the range per edge, failed apart, with all four node types", async () => {
        expect(await serviceGraph(ctx.storage(), FIRST_HOUR)).toEqual(
          sortedGraph([
            cell(FRONTEND, CHECKOUT, false, 20, 4),
            cell(FRONTEND, CHECKOUT, false, 21, 2),
            cell(FRONTEND, CHECKOUT, true, 30, 1),
            cell(CHECKOUT, POSTGRES, false, 10, 5),
            cell(CHECKOUT, POSTGRES_EXTERNAL, false, 10, 1),
            cell(CHECKOUT, STRIPE, true, 50, 1),
            cell(CHECKOUT, ORDERS_QUEUE, false, 2, 1),
            cell(ORDERS_QUEUE, WORKER, false, 8, 1),
          ]),
        );
      });

      it("a minute equal to the start is included, one equal to the end excluded", async () => {
        expect(await serviceGraph(ctx.storage(), { startUnixMs: minute(59), endUnixMs: minute(61) })).toEqual(
          sortedGraph([cell(FRONTEND, CHECKOUT, false, 20, 100), cell(FRONTEND, CHECKOUT, true, 30, 1)]),
        );
        expect(await serviceGraph(ctx.storage(), { startUnixMs: minute(-1) + 1, endUnixMs: minute(0) + 1 })).toEqual(sortedGraph([cell(FRONTEND, CHECKOUT, false, 20, 3)]));
        expect(await serviceGraph(ctx.storage(), { startUnixMs: minute(-1), endUnixMs: minute(0) })).toEqual(sortedGraph([cell(FRONTEND, CHECKOUT, false, 20, 1000)]));
      });
    });

    it("writes are additive: the same key twice in one call and across calls sums", async () => {
      const row = (buckets: [number, number][]) => graphRow(minute(5), FRONTEND, CHECKOUT, false, buckets);
      await write([row([[10, 1]]), row([[10, 1], [12, 5]])]);
      await write([row([[10, 2], [11, 1]]), graphRow(minute(6), FRONTEND, CHECKOUT, false, [[10, 3]])]);
      expect(await serviceGraph(ctx.storage())).toEqual(sortedGraph([cell(FRONTEND, CHECKOUT, false, 10, 7), cell(FRONTEND, CHECKOUT, false, 11, 1), cell(FRONTEND, CHECKOUT, false, 12, 5)]));
    });

    it("every node type as source and as target", async () => {
      const types: ServiceNodeType[] = ["service", "database", "external", "queue"];
      const rows = types.flatMap((s, i) => types.map((t, j) => graphRow(minute(0), [`n-${s}`, s], [`n-${t}`, t], false, [[1, 4 * i + j + 1]])));
      await write(rows);
      expect(await serviceGraph(ctx.storage())).toEqual(sortedGraph(rows.map((r) => cell([r.source, r.sourceType], [r.target, r.targetType], false, 1, r.buckets[0]!.count))));
    });

    it("every bucket index, 0 and the last included", async () => {
      const buckets = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, b): [number, number] => [b, b + 1]);
      await write([graphRow(minute(0), FRONTEND, CHECKOUT, true, buckets)]);
      const cells = await serviceGraph(ctx.storage());
      expect(cells.map((c) => [c.bucket, c.count]).sort((a, b) => a[0]! - b[0]!)).toEqual(buckets);
      expect(cells.every((c) => c.failed)).toBe(true);
    });

    it("span metrics and service graph of one write are independent", async () => {
      await ctx.storage().metrics.writer.writeRollups({ spanMetrics: [], serviceGraph: [graphRow(minute(1), FRONTEND, CHECKOUT, false, [[3, 1]])] });
      const cells = await serviceGraph(ctx.storage(), { startUnixMs: T0, endUnixMs: T0 + 10 * MINUTE });
      expect(cells).toEqual([cell(FRONTEND, CHECKOUT, false, 3, 1)]);
      expect(await spanMetrics(ctx.storage(), { startUnixMs: T0, endUnixMs: T0 + 10 * MINUTE, groupBy: {} })).toEqual([]);
    });
  });
}
