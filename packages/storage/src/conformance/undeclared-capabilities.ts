import { describe, expect } from "vitest";
import { attribute, compare, intrinsic } from "../filter.js";
import type { SpanFilter } from "../filter.js";
import type { StorageCapabilities } from "../storage.js";
import { makeSpan } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { itWithout } from "./harness.js";
import { findTraces } from "./search-helpers.js";

const NEEDS: [keyof StorageCapabilities, SpanFilter][] = [
  ["attributeFilters", compare(attribute("http.route", "span"), "=", "/")],
  ["regex", compare(intrinsic("service"), "=~", "test-.*")],
  ["booleanFilters", { op: "or", filters: [compare(intrinsic("service"), "=", "a"), compare(intrinsic("service"), "=", "b")] }],
];

/** An adapter handed a filter it did not declare refuses it: never a silent approximation. */
export function undeclaredCapabilityTests(ctx: ConformanceContext): void {
  describe("undeclared capabilities", () => {
    for (const [cap, filter] of NEEDS) {
      itWithout(ctx, cap, `a filter needing ${cap} is refused with UnsupportedQueryError`, async () => {
        await ctx.storage().traces.writer.writeSpans({ spans: [makeSpan()] });
        await expect(findTraces(ctx.storage(), { spanFilter: filter })).rejects.toMatchObject({ code: "SKEIN_ERR_UNSUPPORTED_QUERY" });
      });
    }
  });
}
