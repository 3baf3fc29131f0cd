import { LATENCY_BUCKET_COUNT, SpanKind } from "@skein/model";
import { beforeEach, describe, expect, it } from "vitest";
import type { SpanMetricsQuery } from "../insights.js";
import type { ConformanceContext } from "./harness.js";
import { HOUR, MINUTE, T0, error, metricsCell as cell, metricsRow, minute, ok, sortedMetrics, spanMetrics, unset } from "./rollup-helpers.js";

const { SERVER, CLIENT, CONSUMER } = SpanKind;

/**
 * Seven rows: checkout POST /pay (server, ok and error; client), checkout GET /health (unset),
 * cart GET /cart, cart POST /pay (error; same name as checkout's), and email send an hour later.
 */
const ROWS = [
  metricsRow(minute(0), "checkout", "POST /pay", SERVER, ok, [[10, 1], [20, 2]]),
  metricsRow(minute(0), "checkout", "POST /pay", SERVER, error, [[20, 1]]),
  metricsRow(minute(1), "checkout", "GET /health", SERVER, unset, [[5, 4]]),
  metricsRow(minute(1), "checkout", "POST /pay", CLIENT, ok, [[20, 1]]),
  metricsRow(minute(5), "cart", "GET /cart", SERVER, ok, [[15, 3]]),
  metricsRow(minute(7), "cart", "POST /pay", SERVER, error, [[40, 2]]),
  metricsRow(minute(61), "email", "send", CONSUMER, ok, [[0, 1], [LATENCY_BUCKET_COUNT - 1, 1]]),
];

/** The first hour as one window. */
const FIRST_HOUR = { startUnixMs: T0, endUnixMs: T0 + HOUR, stepMs: HOUR };

/** Span-metrics rollups: additive writes, grouping, filters, windows, minute bounds. */
export function rollupSpanMetricsTests(ctx: ConformanceContext): void {
  const write = (rows: typeof ROWS) => ctx.storage().metrics.writer.writeRollups({ spanMetrics: rows, serviceGraph: [] });
  const query = (q: Partial<SpanMetricsQuery> & Pick<SpanMetricsQuery, "groupBy">) => spanMetrics(ctx.storage(), q);

  describe("span-metrics rollups", () => {
    it("an empty store and an empty range return no cells", async () => {
      expect(await query({ groupBy: {} })).toEqual([]);
      await write(ROWS);
      expect(await query({ startUnixMs: T0 + 3 * HOUR, endUnixMs: T0 + 4 * HOUR, groupBy: {} })).toEqual([]);
      expect(await query({ startUnixMs: minute(0), endUnixMs: minute(0), groupBy: {} })).toEqual([]);
    });

    it("writes are additive: the same key twice in one call and across calls sums", async () => {
      const row = (buckets: [number, number][]) => metricsRow(minute(3), "svc", "op", SERVER, ok, buckets);
      await write([row([[10, 1]]), row([[10, 1], [12, 5]])]);
      await write([row([[10, 2], [11, 1]])]);
      expect(await query({ groupBy: { service: true, operation: true, kind: true } })).toEqual(
        sortedMetrics([cell(minute(3), "svc", "op", SERVER, false, 10, 4), cell(minute(3), "svc", "op", SERVER, false, 11, 1), cell(minute(3), "svc", "op", SERVER, false, 12, 5)]),
      );
    });

    it("an empty write is accepted and changes nothing", async () => {
      await write(ROWS);
      await ctx.storage().metrics.writer.writeRollups({ spanMetrics: [], serviceGraph: [] });
      expect(await query({ ...FIRST_HOUR, groupBy: {} })).toHaveLength(6);
    });

    describe("groupBy keeps the chosen fields and sums over the others (null)", () => {
      beforeEach(() => write(ROWS));
      const none = (k: number, isError: boolean, count: number) => cell(T0, null, null, null, isError, k, count);

      it("none", async () => {
        expect(await query({ ...FIRST_HOUR, groupBy: {} })).toEqual(
          sortedMetrics([none(5, false, 4), none(10, false, 1), none(15, false, 3), none(20, false, 3), none(20, true, 1), none(40, true, 2)]),
        );
      });

      it("all false is the same as none", async () => {
        expect(await query({ ...FIRST_HOUR, groupBy: { service: false, operation: false, kind: false } })).toEqual(await query({ ...FIRST_HOUR, groupBy: {} }));
      });

      it("service", async () => {
        const c = (s: string, k: number, isError: boolean, count: number) => cell(T0, s, null, null, isError, k, count);
        expect(await query({ ...FIRST_HOUR, groupBy: { service: true } })).toEqual(
          sortedMetrics([c("checkout", 5, false, 4), c("checkout", 10, false, 1), c("checkout", 20, false, 3), c("checkout", 20, true, 1), c("cart", 15, false, 3), c("cart", 40, true, 2)]),
        );
      });

      it("operation (the same name in two services is one group)", async () => {
        const c = (o: string, k: number, isError: boolean, count: number) => cell(T0, null, o, null, isError, k, count);
        expect(await query({ ...FIRST_HOUR, groupBy: { operation: true } })).toEqual(
          sortedMetrics([c("POST /pay", 10, false, 1), c("POST /pay", 20, false, 3), c("POST /pay", 20, true, 1), c("POST /pay", 40, true, 2), c("GET /health", 5, false, 4), c("GET /cart", 15, false, 3)]),
        );
      });

      it("kind", async () => {
        const c = (kind: SpanKind, k: number, isError: boolean, count: number) => cell(T0, null, null, kind, isError, k, count);
        expect(await query({ ...FIRST_HOUR, groupBy: { kind: true } })).toEqual(
          sortedMetrics([c(SERVER, 5, false, 4), c(SERVER, 10, false, 1), c(SERVER, 15, false, 3), c(SERVER, 20, false, 2), c(SERVER, 20, true, 1), c(SERVER, 40, true, 2), c(CLIENT, 20, false, 1)]),
        );
      });

      it("service and operation", async () => {
        const c = (s: string, o: string, k: number, isError: boolean, count: number) => cell(T0, s, o, null, isError, k, count);
        expect(await query({ ...FIRST_HOUR, groupBy: { service: true, operation: true } })).toEqual(
          sortedMetrics([
            c("checkout", "POST /pay", 10, false, 1),
            c("checkout", "POST /pay", 20, false, 3),
            c("checkout", "POST /pay", 20, true, 1),
            c("checkout", "GET /health", 5, false, 4),
            c("cart", "GET /cart", 15, false, 3),
            c("cart", "POST /pay", 40, true, 2),
          ]),
        );
      });

      it("all three", async () => {
        expect(await query({ ...FIRST_HOUR, groupBy: { service: true, operation: true, kind: true } })).toEqual(
          sortedMetrics([
            cell(T0, "checkout", "POST /pay", SERVER, false, 10, 1),
            cell(T0, "checkout", "POST /pay", SERVER, false, 20, 2),
            cell(T0, "checkout", "POST /pay", SERVER, true, 20, 1),
            cell(T0, "checkout", "GET /health", SERVER, false, 5, 4),
            cell(T0, "checkout", "POST /pay", CLIENT, false, 20, 1),
            cell(T0, "cart", "GET /cart", SERVER, false, 15, 3),
            cell(T0, "cart", "POST /pay", SERVER, true, 40, 2),
          ]),
        );
      });
    });

    describe("filters", () => {
      beforeEach(() => write(ROWS));
      const all = { service: true, operation: true, kind: true };
      const keys = async (q: Partial<SpanMetricsQuery>) => {
        const cells = await query({ startUnixMs: T0, endUnixMs: T0 + 2 * HOUR, stepMs: HOUR, groupBy: all, ...q });
        return [...new Set(cells.map((c) => `${c.service}|${c.operation}|${c.kind}`))].sort();
      };

      it("one service", async () => expect(await keys({ services: ["cart"] })).toEqual(["cart|GET /cart|2", "cart|POST /pay|2"]));
      it("several services", async () => expect(await keys({ services: ["cart", "email"] })).toEqual(["cart|GET /cart|2", "cart|POST /pay|2", "email|send|5"]));
      it("a service that does not exist, and one differing only in case", async () => {
        expect(await keys({ services: ["nope"] })).toEqual([]);
        expect(await keys({ services: ["Cart"] })).toEqual([]);
      });
      it("operation", async () => expect(await keys({ operation: "POST /pay" })).toEqual(["cart|POST /pay|2", "checkout|POST /pay|2", "checkout|POST /pay|3"]));
      it("one kind and several kinds", async () => {
        expect(await keys({ kinds: [CLIENT] })).toEqual(["checkout|POST /pay|3"]);
        expect(await keys({ kinds: [CLIENT, CONSUMER] })).toEqual(["checkout|POST /pay|3", "email|send|5"]);
      });
      it("all filters together, with grouping by nothing", async () => {
        const cells = await query({ ...FIRST_HOUR, services: ["checkout"], operation: "POST /pay", kinds: [SERVER], groupBy: {} });
        expect(cells).toEqual(sortedMetrics([cell(T0, null, null, null, false, 10, 1), cell(T0, null, null, null, false, 20, 2), cell(T0, null, null, null, true, 20, 1)]));
      });
    });

    describe("windows and minute bounds", () => {
      /** One series, minute → count; the counts are distinct powers of two so every sum names its minutes. */
      const MINUTES = [0, 4, 5, 9, 10, 59, 60, 61, 119];
      const countOf = (m: number) => 2 ** MINUTES.indexOf(m);
      beforeEach(() => write(MINUTES.map((m) => metricsRow(minute(m), "w", "op", SERVER, ok, [[1, countOf(m)]]))));
      const windows = async (q: Partial<SpanMetricsQuery>) =>
        Object.fromEntries((await query({ groupBy: {}, ...q })).map((c) => [(c.windowStartUnixMs - T0) / MINUTE, c.count]));
      const sum = (...ms: number[]) => ms.reduce((s, m) => s + countOf(m), 0);

      it("step 1 minute: one window per minute", async () => {
        expect(await windows({ stepMs: MINUTE })).toEqual(Object.fromEntries(MINUTES.map((m) => [m, countOf(m)])));
      });

      it("step 5 minutes, aligned to the epoch", async () => {
        expect(await windows({ stepMs: 5 * MINUTE })).toEqual({ 0: sum(0, 4), 5: sum(5, 9), 10: sum(10), 55: sum(59), 60: sum(60, 61), 115: sum(119) });
      });

      it("step 60 minutes", async () => {
        expect(await windows({ stepMs: HOUR })).toEqual({ 0: sum(0, 4, 5, 9, 10, 59), 60: sum(60, 61, 119) });
      });

      it("windows align to the epoch, not to the query start", async () => {
        expect(await windows({ startUnixMs: minute(30), stepMs: HOUR })).toEqual({ 0: sum(59), 60: sum(60, 61, 119) });
        // 7 minutes do not divide an hour: windows start at multiples of 7 minutes since 1970.
        const step = 7 * MINUTE;
        const expected: Record<number, number> = {};
        for (const m of MINUTES) {
          const window = (Math.floor(minute(m) / step) * step - T0) / MINUTE;
          expected[window] = (expected[window] ?? 0) + countOf(m);
        }
        expect(Object.keys(expected).map(Number)).toContain(-4); // T0 is 4 minutes past a multiple of 7 minutes
        expect(await windows({ stepMs: step })).toEqual(expected);
      });

      it("a minute equal to the start is included, one equal to the end excluded", async () => {
        expect(await windows({ startUnixMs: minute(4), endUnixMs: minute(10) })).toEqual({ 4: sum(4), 5: sum(5), 9: sum(9) });
        expect(await windows({ startUnixMs: minute(4) + 1, endUnixMs: minute(10) + 1 })).toEqual({ 5: sum(5), 9: sum(9), 10: sum(10) });
        expect(await windows({ startUnixMs: minute(59), endUnixMs: minute(60) })).toEqual({ 59: sum(59) });
      });
    });

    it("status ERROR is the error split; OK and UNSET are summed together", async () => {
      await write([
        metricsRow(minute(2), "s", "op", SERVER, ok, [[7, 1]]),
        metricsRow(minute(2), "s", "op", SERVER, unset, [[7, 2]]),
        metricsRow(minute(2), "s", "op", SERVER, error, [[7, 4]]),
      ]);
      expect(await query({ groupBy: { service: true } })).toEqual(sortedMetrics([cell(minute(2), "s", null, null, false, 7, 3), cell(minute(2), "s", null, null, true, 7, 4)]));
    });

    it("every span kind keeps its own group", async () => {
      const kinds = Object.values(SpanKind);
      await write(kinds.map((kind) => metricsRow(minute(0), "k", "op", kind, ok, [[3, kind + 1]])));
      expect(await query({ groupBy: { kind: true } })).toEqual(sortedMetrics(kinds.map((kind) => cell(minute(0), null, null, kind, false, 3, kind + 1))));
    });

    it("every bucket index, 0 and the last included", async () => {
      const buckets = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, b): [number, number] => [b, b + 1]);
      await write([metricsRow(minute(0), "b", "op", SERVER, ok, buckets)]);
      const cells = await query({ groupBy: {} });
      expect(cells.map((c) => [c.bucket, c.count]).sort((a, b) => a[0]! - b[0]!)).toEqual(buckets);
    });
  });
}
