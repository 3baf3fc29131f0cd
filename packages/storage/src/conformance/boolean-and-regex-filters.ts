import { describe, expect } from "vitest";
import { attribute, compare, intrinsic } from "../filter.js";
import type { SpanFilter } from "../filter.js";
import { BASE_TIME_NANO, attrs, makeSpan, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { itWhen } from "./harness.js";
import { findTraces, ids, matchingIds } from "./search-helpers.js";

const service = (s: string): SpanFilter => compare(intrinsic("service"), "=", s);

/** `or` / `not` and `=~` / `!~`, each only when the adapter declares the capability. */
export function booleanAndRegexFilterTests(ctx: ConformanceContext): void {
  describe("boolean and regex filters", () => {
    const writeServices = () =>
      ctx.storage().traces.writer.writeSpans({
        spans: ["frontend", "front", "backend", "fRoNtEnd", "a.b", "axb", "日本-api"].map((s, i) =>
          makeSpan({ traceId: traceIdOf(i + 1), service: s, attributes: attrs({ "http.route": `/api/v${i}/items` }), startTimeUnixNano: BASE_TIME_NANO - BigInt(i) }),
        ),
      });

    itWhen(ctx, ["booleanFilters"], "or", async () => {
      await writeServices();
      expect(await matchingIds(ctx.storage(), { op: "or", filters: [service("front"), service("backend")] })).toEqual(ids(2, 3));
    });

    itWhen(ctx, ["booleanFilters"], "not, and nested and/or/not", async () => {
      await writeServices();
      expect(await matchingIds(ctx.storage(), { op: "not", filter: service("front") })).toEqual(ids(1, 3, 4, 5, 6, 7));
      const nested: SpanFilter = { op: "and", filters: [{ op: "or", filters: [service("front"), service("backend"), service("axb")] }, { op: "not", filter: service("backend") }] };
      expect(await matchingIds(ctx.storage(), nested)).toEqual(ids(2, 6));
    });

    itWhen(ctx, ["regex"], "=~ matches the whole value, case-sensitive unless (?i)", async () => {
      await writeServices();
      const re = (p: string) => matchingIds(ctx.storage(), compare(intrinsic("service"), "=~", p));
      expect(await re("front")).toEqual(ids(2));
      expect(await re("front.*")).toEqual(ids(1, 2));
      expect(await re(".*end")).toEqual(ids(1, 3));
      expect(await re(".*[eE]nd")).toEqual(ids(1, 3, 4));
      expect(await re("a\\.b")).toEqual(ids(5));
      expect(await re("a.b")).toEqual(ids(5, 6));
      expect(await re("日本-.+")).toEqual(ids(7));
      expect(await re("(?i)frontend")).toEqual(ids(1, 4));
    });

    itWhen(ctx, ["regex"], "!~ is the complement among spans that have the field", async () => {
      await writeServices();
      expect(await matchingIds(ctx.storage(), compare(intrinsic("service"), "!~", ".*end|a.b|日本.*"))).toEqual(ids(2, 4));
    });

    itWhen(ctx, ["attributeFilters", "regex"], "=~ on attributes", async () => {
      await writeServices();
      expect(await matchingIds(ctx.storage(), compare(attribute("http.route", "span"), "=~", "/api/v[12]/items"))).toEqual(ids(2, 3));
      expect(await matchingIds(ctx.storage(), compare(attribute("missing", "span"), "!~", "x"))).toEqual([]);
    });

    itWhen(ctx, ["regex"], "an invalid regex is refused with InvalidFilterError", async () => {
      await writeServices();
      await expect(findTraces(ctx.storage(), { spanFilter: compare(intrinsic("service"), "=~", "(unclosed") })).rejects.toMatchObject({ code: "SKEIN_ERR_INVALID_FILTER" });
    });
  });
}
