import { SpanKind } from "@skein/model";
import { describe, expect, it } from "vitest";
import { makeSpan, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";

/** getServices and getOperations: distinct and sorted. */
export function catalogTests(ctx: ConformanceContext): void {
  describe("services and operations", () => {
    it("getServices is distinct and sorted by code point", async () => {
      const names = ["zeta", "alpha", "Beta", "alpha", "ünicode", "zeta", "_under", "日本"];
      await ctx.storage().traces.writer.writeSpans({ spans: names.map((service, i) => makeSpan({ traceId: traceIdOf(i + 1), service })) });
      expect(await ctx.storage().traces.reader.getServices()).toEqual(["Beta", "_under", "alpha", "zeta", "ünicode", "日本"]);
    });

    it("getOperations is distinct (name, kind) of that service only, sorted by name then kind name", async () => {
      const op = (service: string, name: string, kind: (typeof SpanKind)[keyof typeof SpanKind]) => makeSpan({ traceId: traceIdOf(1), service, name, kind });
      await ctx.storage().traces.writer.writeSpans({
        spans: [
          op("api", "b", SpanKind.SERVER),
          op("api", "a", SpanKind.CLIENT),
          op("api", "b", SpanKind.SERVER),
          op("api", "a", SpanKind.INTERNAL),
          op("api", "B", SpanKind.CONSUMER),
          op("other", "c", SpanKind.SERVER),
        ],
      });
      expect(await ctx.storage().traces.reader.getOperations("api")).toEqual([
        { name: "B", kind: "consumer" },
        { name: "a", kind: "client" },
        { name: "a", kind: "internal" },
        { name: "b", kind: "server" },
      ]);
      expect(await ctx.storage().traces.reader.getOperations("nope")).toEqual([]);
    });
  });
}
