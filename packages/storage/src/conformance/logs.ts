import { bytesToHex } from "@skein/model";
import { describe, expect, it } from "vitest";
import type { LogQuery } from "../queries.js";
import { BASE_TIME_NANO, collect, makeLog, spanIdOf, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { richLogs } from "./fixtures.js";

/** writeLogs → findLogs: lossless, filtered, newest first, limited. */
export function logTests(ctx: ConformanceContext): void {
  describe("logs", () => {
    const find = (query: Partial<LogQuery>) => collect(ctx.storage().logs.reader.findLogs({ limit: 1000, ...query }));

    it("round-trips every field and a body of every type", async () => {
      const logs = richLogs();
      await ctx.storage().logs.writer.writeLogs({ logs: richLogs() });
      const got = await find({});
      // Distinct times: newest first is the reverse of the written order.
      expect(got).toEqual([...logs].reverse());
      expect(got.map((l) => typeof l.body)).toEqual([...logs].reverse().map((l) => typeof l.body));
      const beyondDouble = got.find((l) => l.body === 9_007_199_254_740_993n);
      expect(beyondDouble).toBeDefined();
      expect(got.find((l) => l.body === 1)?.body).toBe(1);
    });

    /** Ten records, one per ms, alternating services, severity rising, correlated to two spans. */
    const writeTen = () =>
      ctx.storage().logs.writer.writeLogs({
        logs: Array.from({ length: 10 }, (_, i) =>
          makeLog({
            timeUnixNano: BASE_TIME_NANO + BigInt(i) * 1_000_000n,
            service: i % 2 === 0 ? "even" : "odd",
            severityNumber: i * 2 + 1,
            body: i === 7 ? "Payment FAILED for order 42" : `message ${i}`,
            traceId: i < 4 ? traceIdOf(1) : i < 8 ? traceIdOf(2) : null,
            spanId: i < 4 ? spanIdOf(i % 2) : i < 8 ? spanIdOf(9) : null,
          }),
        ),
      });
    const bodies = async (query: Partial<LogQuery>) => (await find(query)).map((l) => l.body);

    it("newest first and limit", async () => {
      await writeTen();
      expect(await bodies({ limit: 3 })).toEqual(["message 9", "message 8", "Payment FAILED for order 42"]);
      expect(await bodies({})).toHaveLength(10);
    });

    it("by trace id and by span id", async () => {
      await writeTen();
      expect(await bodies({ traceId: traceIdOf(1) })).toEqual(["message 3", "message 2", "message 1", "message 0"]);
      expect(await bodies({ traceId: traceIdOf(1), spanId: spanIdOf(1) })).toEqual(["message 3", "message 1"]);
      expect(await bodies({ spanId: spanIdOf(9) })).toEqual(["Payment FAILED for order 42", "message 6", "message 5", "message 4"]);
      expect(await bodies({ traceId: traceIdOf(3) })).toEqual([]);
      const correlated = await find({ traceId: traceIdOf(2) });
      expect(correlated.map((l) => bytesToHex(l.traceId!))).toEqual(Array(4).fill(bytesToHex(traceIdOf(2))));
    });

    it("by service, min severity and body substring", async () => {
      await writeTen();
      expect(await bodies({ service: "odd", limit: 2 })).toEqual(["message 9", "Payment FAILED for order 42"]);
      expect(await bodies({ minSeverity: 15 })).toEqual(["message 9", "message 8", "Payment FAILED for order 42"]);
      expect(await bodies({ minSeverity: 17, service: "even" })).toEqual(["message 8"]);
      expect(await bodies({ bodyContains: "payment failed" })).toEqual(["Payment FAILED for order 42"]);
      expect(await bodies({ bodyContains: "MESSAGE" })).toHaveLength(9);
    });

    it("by time range, inclusive", async () => {
      await writeTen();
      const at = (i: number) => BASE_TIME_NANO + BigInt(i) * 1_000_000n;
      expect(await bodies({ startTimeMinUnixNano: at(8) })).toEqual(["message 9", "message 8"]);
      expect(await bodies({ startTimeMaxUnixNano: at(1) })).toEqual(["message 1", "message 0"]);
      expect(await bodies({ startTimeMinUnixNano: at(2), startTimeMaxUnixNano: at(3) })).toEqual(["message 3", "message 2"]);
      expect(await bodies({ startTimeMinUnixNano: at(2) + 1n, startTimeMaxUnixNano: at(3) - 1n })).toEqual([]);
    });

    it("body search covers non-string bodies by their display string", async () => {
      await ctx.storage().logs.writer.writeLogs({ logs: [makeLog({ body: 12345n, timeUnixNano: 2n }), makeLog({ body: ["Needle"], timeUnixNano: 1n })] });
      expect(await bodies({ bodyContains: "234" })).toEqual([12345n]);
      expect(await bodies({ bodyContains: "needle" })).toEqual([["Needle"]]);
    });
  });
}
