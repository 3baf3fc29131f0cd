import { describe, expect, it } from "vitest";
import { BASE_TIME_NANO, collect, makeLog, makeSpan, spanIdOf, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { findTraces } from "./search-helpers.js";

/** Writers may be called concurrently; every acknowledged write is readable. */
export function concurrencyTests(ctx: ConformanceContext): void {
  describe("concurrency", () => {
    it("20 concurrent writeSpans calls all resolve and all spans are readable", async () => {
      const writes = Array.from({ length: 20 }, (_, w) =>
        ctx.storage().traces.writer.writeSpans({
          spans: Array.from({ length: 10 }, (_, i) =>
            makeSpan({ traceId: traceIdOf(w % 5 + 1), spanId: spanIdOf(w * 100 + i + 1), service: `svc-${w}`, startTimeUnixNano: BASE_TIME_NANO + BigInt(w) }),
          ),
        }),
      );
      await Promise.all(writes);
      const summaries = await findTraces(ctx.storage(), {});
      expect(summaries.map((s) => s.spanCount)).toEqual([40, 40, 40, 40, 40]);
      for (let t = 1; t <= 5; t++) expect(await collect(ctx.storage().traces.reader.getTrace(traceIdOf(t)))).toHaveLength(40);
      expect(await ctx.storage().traces.reader.getServices()).toHaveLength(20);
    });

    it("concurrent span and log writes do not interfere", async () => {
      await Promise.all([
        ...Array.from({ length: 5 }, (_, i) => ctx.storage().traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(i + 1) })] })),
        ...Array.from({ length: 5 }, (_, i) => ctx.storage().logs.writer.writeLogs({ logs: [makeLog({ timeUnixNano: BigInt(i + 1) })] })),
      ]);
      expect(await findTraces(ctx.storage(), {})).toHaveLength(5);
      expect(await collect(ctx.storage().logs.reader.findLogs({ limit: 100 }))).toHaveLength(5);
    });
  });
}
