import { bytesToHex } from "@skein/model";
import type { LogRecord, Span } from "@skein/model";
import { describe, expect, it } from "vitest";
import type { RetentionResult, Storage } from "../storage.js";
import { BASE_TIME_NANO, collect, makeLog, makeSpan, spanIdOf, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { findTraces } from "./search-helpers.js";

const MS = 1_000_000n;
const HOUR = 3_600_000n * MS;
const DAY = 24n * HOUR;
/** 2023-11-14T22:13:20.123456789Z: late in a UTC day, so adapters that drop whole UTC days keep some of it. */
const CUTOFF = BASE_TIME_NANO;

/** A span of trace `n` (span id 100n + i) starting at `start`. */
const spanAt = (n: number, i: number, start: bigint, service: string, name = "op"): Span =>
  makeSpan({ traceId: traceIdOf(n), spanId: spanIdOf(100 * n + i), startTimeUnixNano: start, service, name });

/**
 * The data set, one group per question. Traces: 1 old only (service "old-only"), 2 old and kept
 * spans ("mixed"), 3 exactly at the cutoff, 4 a day after, 5–7 within the day before the cutoff
 * (their fate depends on the adapter's declared boundary).
 */
const SPANS: Span[] = [
  spanAt(1, 1, CUTOFF - 3n * DAY, "old-only"),
  spanAt(1, 2, CUTOFF - 3n * DAY + MS, "old-only", "child"),
  spanAt(2, 1, CUTOFF - 2n * DAY, "mixed", "old-op"),
  spanAt(2, 2, CUTOFF + MS, "mixed", "new-op"),
  spanAt(3, 1, CUTOFF, "at-cutoff"),
  spanAt(4, 1, CUTOFF + DAY, "later"),
  spanAt(5, 1, CUTOFF - 1n, "between"),
  spanAt(6, 1, CUTOFF - HOUR, "between"),
  spanAt(7, 1, CUTOFF - 23n * HOUR, "between"),
];

/** Log records by body; `time 0` ones are judged by their observed time. */
const LOGS: LogRecord[] = [
  makeLog({ body: "old", timeUnixNano: CUTOFF - 3n * DAY, service: "old-only" }),
  makeLog({ body: "old, observed late", timeUnixNano: CUTOFF - 3n * DAY, observedTimeUnixNano: CUTOFF + MS, service: "old-only" }),
  makeLog({ body: "no time, observed old", timeUnixNano: 0n, observedTimeUnixNano: CUTOFF - 2n * DAY }),
  makeLog({ body: "no time, observed new", timeUnixNano: 0n, observedTimeUnixNano: CUTOFF + MS }),
  makeLog({ body: "at cutoff", timeUnixNano: CUTOFF }),
  makeLog({ body: "later", timeUnixNano: CUTOFF + DAY }),
  makeLog({ body: "between 1ns", timeUnixNano: CUTOFF - 1n }),
  makeLog({ body: "between 23h", timeUnixNano: CUTOFF - 23n * HOUR }),
];

async function traceSpanIds(storage: Storage, n: number): Promise<string[]> {
  return (await collect(storage.traces.reader.getTrace(traceIdOf(n)))).map((s) => bytesToHex(s.spanId)).sort();
}

async function logBodies(storage: Storage): Promise<string[]> {
  return (await collect(storage.logs.reader.findLogs({ limit: 1000 }))).map((l) => String(l.body)).sort();
}

/** The declared boundary is at most the cutoff and less than a day before it. */
function expectBoundary(result: RetentionResult, cutoff: bigint): void {
  expect(typeof result.removedBeforeUnixNano).toBe("bigint");
  expect(result.removedBeforeUnixNano <= cutoff).toBe(true);
  expect(result.removedBeforeUnixNano > cutoff - DAY).toBe(true);
}

/** deleteBefore: what is older than the boundary is gone from every reader; the rest stays. */
export function retentionTests(ctx: ConformanceContext): void {
  describe("retention", () => {
    const write = async (storage: Storage) => {
      await storage.traces.writer.writeSpans({ spans: SPANS });
      await storage.logs.writer.writeLogs({ logs: LOGS });
    };

    it("removes spans and logs older than the boundary from every reader and keeps the rest", async () => {
      const storage = ctx.storage();
      await write(storage);
      const result = await storage.deleteBefore(CUTOFF);
      expectBoundary(result, CUTOFF);
      const boundary = result.removedBeforeUnixNano;

      expect(await traceSpanIds(storage, 1)).toEqual([]);
      expect(await traceSpanIds(storage, 2)).toEqual([bytesToHex(spanIdOf(202))]);
      expect(await traceSpanIds(storage, 3)).toHaveLength(1);
      expect(await traceSpanIds(storage, 4)).toHaveLength(1);
      for (const n of [5, 6, 7]) {
        const start = SPANS.find((s) => bytesToHex(s.traceId) === bytesToHex(traceIdOf(n)))!.startTimeUnixNano;
        if (start < boundary) expect(await traceSpanIds(storage, n), `trace ${n} is older than the boundary`).toEqual([]);
      }

      const summaries = await findTraces(storage, {});
      const found = new Map(summaries.map((s) => [bytesToHex(s.traceId), s]));
      expect(found.has(bytesToHex(traceIdOf(1)))).toBe(false);
      expect(found.get(bytesToHex(traceIdOf(2)))).toMatchObject({ spanCount: 1, rootName: "new-op", startTimeUnixNano: CUTOFF + MS });
      expect(found.has(bytesToHex(traceIdOf(3)))).toBe(true);
      expect(found.has(bytesToHex(traceIdOf(4)))).toBe(true);
      expect(await findTraces(storage, { startTimeMaxUnixNano: CUTOFF - DAY })).toEqual([]);

      const services = await storage.traces.reader.getServices();
      expect(services).not.toContain("old-only");
      expect(services).toEqual(expect.arrayContaining(["at-cutoff", "later", "mixed"]));
      expect(await storage.traces.reader.getOperations("old-only")).toEqual([]);

      const bodies = await logBodies(storage);
      for (const gone of ["old", "old, observed late", "no time, observed old"]) expect(bodies).not.toContain(gone);
      expect(bodies).toEqual(expect.arrayContaining(["at cutoff", "later", "no time, observed new"]));
      if (CUTOFF - 23n * HOUR < boundary) expect(bodies).not.toContain("between 23h");
      expect(await collect(storage.logs.reader.findLogs({ service: "old-only", limit: 10 }))).toEqual([]);
    });

    it("an adapter with an exact boundary removes everything before the cutoff and nothing after", async () => {
      const storage = ctx.storage();
      await write(storage);
      const { removedBeforeUnixNano: boundary } = await storage.deleteBefore(CUTOFF);
      if (boundary !== CUTOFF) return; // a coarser boundary is checked by the test above
      for (const n of [5, 6, 7]) expect(await traceSpanIds(storage, n)).toEqual([]);
      expect(await logBodies(storage)).toEqual(["at cutoff", "later", "no time, observed new"]);
    });

    it("is fine on an empty store and twice in a row", async () => {
      const storage = ctx.storage();
      expectBoundary(await storage.deleteBefore(CUTOFF), CUTOFF);
      await write(storage);
      expectBoundary(await storage.deleteBefore(CUTOFF), CUTOFF);
      const first = { bodies: await logBodies(storage), trace2: await traceSpanIds(storage, 2) };
      expectBoundary(await storage.deleteBefore(CUTOFF), CUTOFF);
      expect({ bodies: await logBodies(storage), trace2: await traceSpanIds(storage, 2) }).toEqual(first);
    });

    it("takes new writes afterwards, old-dated ones included, and keeps concurrent ones", async () => {
      const storage = ctx.storage();
      await write(storage);
      const fresh = (i: number) => spanAt(8, i, CUTOFF + DAY + BigInt(i), "fresh");
      const concurrent = Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          Promise.all([
            storage.traces.writer.writeSpans({ spans: [fresh(i)] }),
            storage.logs.writer.writeLogs({ logs: [makeLog({ body: `fresh ${i}`, timeUnixNano: CUTOFF + DAY + BigInt(i) })] }),
          ]),
        ),
      );
      await Promise.all([storage.deleteBefore(CUTOFF), concurrent]);
      expect(await traceSpanIds(storage, 8)).toHaveLength(5);
      await storage.traces.writer.writeSpans({ spans: [fresh(5), spanAt(9, 1, CUTOFF - 3n * DAY, "old-again")] });
      await storage.logs.writer.writeLogs({ logs: [makeLog({ body: "old again", timeUnixNano: CUTOFF - 3n * DAY })] });
      expect(await traceSpanIds(storage, 8)).toHaveLength(6);
      expect(await traceSpanIds(storage, 9)).toHaveLength(1);
      expect(await storage.traces.reader.getServices()).toContain("old-again");
      expect(await logBodies(storage)).toEqual(expect.arrayContaining(["fresh 0", "fresh 4", "old again"]));
    });

    const persisted = "removed data stays removed after shutdown and reopening the same dir";
    it.skipIf(!ctx.options.persistent)(ctx.options.persistent ? persisted : `${persisted} (skipped: adapter is not persistent)`, async () => {
      await write(ctx.storage());
      await ctx.storage().deleteBefore(CUTOFF);
      await ctx.storage().shutdown();
      const reopened = ctx.options.create(ctx.dataDir());
      try {
        await reopened.start();
        expect(await traceSpanIds(reopened, 1)).toEqual([]);
        expect(await traceSpanIds(reopened, 2)).toEqual([bytesToHex(spanIdOf(202))]);
        expect(await logBodies(reopened)).not.toContain("old");
        expect(await logBodies(reopened)).toContain("later");
      } finally {
        await reopened.shutdown();
      }
    });
  });
}
