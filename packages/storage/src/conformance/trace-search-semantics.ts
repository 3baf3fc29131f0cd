import { StatusCode } from "@skein/model";
import { describe, expect, it } from "vitest";
import { and, attribute, compare, intrinsic } from "../filter.js";
import { BASE_TIME_NANO, attrs, makeSpan, spanIdOf, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { itWhen } from "./harness.js";
import { findTraces, ids, matchingIds } from "./search-helpers.js";

/** Same-span semantics, summaries over the whole trace, order, ties, limits and time ranges. */
export function traceSearchSemanticsTests(ctx: ConformanceContext): void {
  describe("findTraces semantics", () => {
    itWhen(ctx, ["attributeFilters"], "conditions hold on the same span", async () => {
      const t = traceIdOf(1);
      await ctx.storage().traces.writer.writeSpans({
        spans: [
          makeSpan({ traceId: t, spanId: spanIdOf(1), service: "a", attributes: attrs({ x: 1n }) }),
          makeSpan({ traceId: t, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), service: "b", attributes: attrs({ y: 2n }) }),
        ],
      });
      const service = (name: string) => compare(intrinsic("service"), "=", name);
      expect(await matchingIds(ctx.storage(), and(service("a"), compare(attribute("x"), "=", 1n)))).toEqual(ids(1));
      expect(await matchingIds(ctx.storage(), and(service("b"), compare(attribute("y"), "=", 2n)))).toEqual(ids(1));
      expect(await matchingIds(ctx.storage(), and(service("a"), compare(attribute("y"), "=", 2n)))).toEqual([]);
      expect(await matchingIds(ctx.storage(), and(service("b"), compare(attribute("x"), "=", 1n)))).toEqual([]);
    });

    it("intrinsic conditions hold on the same span", async () => {
      const t = traceIdOf(1);
      await ctx.storage().traces.writer.writeSpans({
        spans: [
          makeSpan({ traceId: t, service: "a", name: "fast", status: { code: StatusCode.ERROR, message: "" } }),
          makeSpan({ traceId: t, service: "b", name: "slow", parentSpanId: spanIdOf(1), endTimeUnixNano: BASE_TIME_NANO + 5_000_000_000n }),
        ],
      });
      const q = (...f: Parameters<typeof and>) => matchingIds(ctx.storage(), and(...f));
      expect(await q(compare(intrinsic("service"), "=", "a"), compare(intrinsic("status"), "=", "error"))).toEqual(ids(1));
      expect(await q(compare(intrinsic("service"), "=", "b"), compare(intrinsic("status"), "=", "error"))).toEqual([]);
      expect(await q(compare(intrinsic("name"), "=", "fast"), compare(intrinsic("duration"), ">", 1_000_000_000n))).toEqual([]);
      expect(await q(compare(intrinsic("name"), "=", "slow"), compare(intrinsic("duration"), ">", 1_000_000_000n))).toEqual(ids(1));
    });

    it("summaries cover all spans of the trace, not only the matching one", async () => {
      const t = traceIdOf(7);
      const start = BASE_TIME_NANO;
      await ctx.storage().traces.writer.writeSpans({
        spans: [
          makeSpan({ traceId: t, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), service: "db", name: "SELECT", startTimeUnixNano: start + 10n, endTimeUnixNano: start + 900n, status: { code: StatusCode.ERROR, message: "x" } }),
          makeSpan({ traceId: t, spanId: spanIdOf(1), service: "frontend", name: "GET /checkout", startTimeUnixNano: start + 5n, endTimeUnixNano: start + 500n }),
        ],
      });
      await ctx.storage().traces.writer.writeSpans({
        spans: [
          makeSpan({ traceId: t, spanId: spanIdOf(3), parentSpanId: spanIdOf(1), service: "cart", name: "get", startTimeUnixNano: start + 20n, endTimeUnixNano: start + 1_000n, status: { code: StatusCode.ERROR, message: "" } }),
          makeSpan({ traceId: t, spanId: spanIdOf(4), parentSpanId: spanIdOf(1), service: "db", name: "INSERT", startTimeUnixNano: start + 30n, endTimeUnixNano: start + 40n }),
        ],
      });
      const [summary, ...rest] = await findTraces(ctx.storage(), { spanFilter: compare(intrinsic("name"), "=", "INSERT") });
      expect(rest).toEqual([]);
      expect(summary).toEqual({
        traceId: t,
        rootService: "frontend",
        rootName: "GET /checkout",
        startTimeUnixNano: start + 5n,
        durationNano: 995n,
        spanCount: 4,
        errorCount: 2,
        services: [
          { name: "cart", spanCount: 1, errorCount: 1 },
          { name: "db", spanCount: 2, errorCount: 1 },
          { name: "frontend", spanCount: 1, errorCount: 0 },
        ],
      });
    });

    it("a trace without a parentless span takes its earliest span as root", async () => {
      const t = traceIdOf(8);
      await ctx.storage().traces.writer.writeSpans({
        spans: [
          makeSpan({ traceId: t, parentSpanId: spanIdOf(99), service: "late", name: "late", startTimeUnixNano: BASE_TIME_NANO + 100n }),
          makeSpan({ traceId: t, parentSpanId: spanIdOf(99), service: "early", name: "early", startTimeUnixNano: BASE_TIME_NANO + 1n }),
        ],
      });
      const [summary] = await findTraces(ctx.storage(), {});
      expect([summary!.rootService, summary!.rootName]).toEqual(["early", "early"]);
    });

    it("orders newest trace start first, ties by trace id ascending", async () => {
      const at = (n: number, offset: bigint) => makeSpan({ traceId: traceIdOf(n), startTimeUnixNano: BASE_TIME_NANO + offset });
      // Written out of order; traces 5, 2 and 9 start at the same instant.
      await ctx.storage().traces.writer.writeSpans({ spans: [at(9, 100n), at(1, 50n), at(5, 100n), at(3, 200n), at(2, 100n), at(4, 0n)] });
      expect(await matchingIds(ctx.storage())).toEqual(ids(3, 2, 5, 9, 1, 4));
    });

    it("the trace start is its earliest span, whatever batch it came in", async () => {
      await ctx.storage().traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(1), startTimeUnixNano: BASE_TIME_NANO + 50n }), makeSpan({ traceId: traceIdOf(2), startTimeUnixNano: BASE_TIME_NANO + 60n })] });
      await ctx.storage().traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(2), parentSpanId: spanIdOf(1), startTimeUnixNano: BASE_TIME_NANO + 10n })] });
      const found = await findTraces(ctx.storage(), {});
      expect(found.map((s) => s.startTimeUnixNano)).toEqual([BASE_TIME_NANO + 50n, BASE_TIME_NANO + 10n]);
      expect(found.map((s) => s.spanCount)).toEqual([1, 2]);
    });

    it("limit caps the result and keeps the order", async () => {
      await ctx.storage().traces.writer.writeSpans({ spans: [1, 2, 3, 4, 5].map((n) => makeSpan({ traceId: traceIdOf(n), startTimeUnixNano: BASE_TIME_NANO + BigInt(n) })) });
      expect(await matchingIds(ctx.storage(), undefined, { limit: 2 })).toEqual(ids(5, 4));
      expect(await matchingIds(ctx.storage(), undefined, { limit: 1 })).toEqual(ids(5));
      expect(await matchingIds(ctx.storage(), undefined, { limit: 10 })).toEqual(ids(5, 4, 3, 2, 1));
    });

    it("time range is inclusive and applies to span start, on the same span as the filter", async () => {
      const t = BASE_TIME_NANO;
      await ctx.storage().traces.writer.writeSpans({
        spans: [
          makeSpan({ traceId: traceIdOf(1), name: "early-root", startTimeUnixNano: t }),
          makeSpan({ traceId: traceIdOf(1), name: "late-child", parentSpanId: spanIdOf(1), startTimeUnixNano: t + 1_000n }),
          makeSpan({ traceId: traceIdOf(2), name: "mid", startTimeUnixNano: t + 500n }),
        ],
      });
      const range = (min?: bigint, max?: bigint) => ({ ...(min === undefined ? {} : { startTimeMinUnixNano: min }), ...(max === undefined ? {} : { startTimeMaxUnixNano: max }) });
      expect(await matchingIds(ctx.storage(), undefined, range(t + 500n, t + 500n))).toEqual(ids(2));
      expect(await matchingIds(ctx.storage(), undefined, range(t + 501n))).toEqual(ids(1));
      expect(await matchingIds(ctx.storage(), undefined, range(undefined, t + 499n))).toEqual(ids(1));
      expect(await matchingIds(ctx.storage(), undefined, range(t + 1_001n))).toEqual([]);
      const byName = (name: string) => compare(intrinsic("name"), "=", name);
      expect(await matchingIds(ctx.storage(), byName("early-root"), range(t + 501n))).toEqual([]);
      expect(await matchingIds(ctx.storage(), byName("late-child"), range(t + 501n))).toEqual(ids(1));
      const [summary] = await findTraces(ctx.storage(), range(t + 501n));
      expect([summary!.startTimeUnixNano, summary!.spanCount, summary!.rootName]).toEqual([t, 2, "early-root"]);
    });
  });
}
