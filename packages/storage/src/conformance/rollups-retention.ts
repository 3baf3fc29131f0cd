import { SpanKind } from "@skein/model";
import { describe, expect, it } from "vitest";
import type { ServiceGraphRow, SpanMetricsRow } from "../insights.js";
import type { Storage } from "../storage.js";
import { BASE_TIME_NANO, collect } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { HOUR, MINUTE, graphRow, metricsRow, ok, serviceGraph, spanMetrics } from "./rollup-helpers.js";

const MS = 1_000_000n;
const DAY = 24 * HOUR;
/** As retention.ts: late in a UTC day, with a sub-millisecond part. */
const CUTOFF = BASE_TIME_NANO;
/** The minute holding the cutoff: it starts before the cutoff, so an exact boundary removes it. */
const CUTOFF_MINUTE = Math.floor(Number(CUTOFF / MS) / MINUTE) * MINUTE;
/** Each minute's rows count in their own bucket, so the summed service graph still tells the minutes apart. */
const MINUTES: { bucket: number; minuteUnixMs: number }[] = [
  { bucket: 1, minuteUnixMs: CUTOFF_MINUTE - 3 * DAY },
  { bucket: 2, minuteUnixMs: CUTOFF_MINUTE - 23 * HOUR },
  { bucket: 3, minuteUnixMs: CUTOFF_MINUTE - MINUTE },
  { bucket: 4, minuteUnixMs: CUTOFF_MINUTE },
  { bucket: 5, minuteUnixMs: CUTOFF_MINUTE + MINUTE },
  { bucket: 6, minuteUnixMs: CUTOFF_MINUTE + DAY },
];
const RANGE = { startUnixMs: CUTOFF_MINUTE - 4 * DAY, endUnixMs: CUTOFF_MINUTE + 2 * DAY };

const metricsAt = ({ bucket, minuteUnixMs }: (typeof MINUTES)[number]): SpanMetricsRow => metricsRow(minuteUnixMs, "r", "op", SpanKind.SERVER, ok, [[bucket, 1]]);
const graphAt = ({ bucket, minuteUnixMs }: (typeof MINUTES)[number]): ServiceGraphRow => graphRow(minuteUnixMs, ["r", "service"], ["db", "database"], false, [[bucket, 1]]);

/** The buckets (= minutes) each rollup reader still has. */
async function remaining(storage: Storage): Promise<{ metrics: number[]; graph: number[] }> {
  const metrics = (await spanMetrics(storage, { ...RANGE, stepMs: MINUTE, groupBy: {} })).map((c) => c.bucket);
  const graph = (await serviceGraph(storage, RANGE)).map((c) => c.bucket);
  return { metrics: metrics.sort((a, b) => a - b), graph: graph.sort((a, b) => a - b) };
}

/** Matched by code, not class: an adapter may load another copy of @skein/storage. */
const CLOSED = { code: "SKEIN_ERR_STORAGE_CLOSED" };

/** deleteBefore on rollups, persistence across a restart, and the closed state. */
export function rollupRetentionTests(ctx: ConformanceContext): void {
  describe("rollup retention and lifecycle", () => {
    const write = (storage: Storage) => storage.metrics.writer.writeRollups({ spanMetrics: MINUTES.map(metricsAt), serviceGraph: MINUTES.map(graphAt) });

    it("deleteBefore removes the rollup minutes that start before the boundary and keeps those at or after the cutoff", async () => {
      const storage = ctx.storage();
      await write(storage);
      expect(await remaining(storage)).toEqual({ metrics: [1, 2, 3, 4, 5, 6], graph: [1, 2, 3, 4, 5, 6] });
      const { removedBeforeUnixNano: boundary } = await storage.deleteBefore(CUTOFF);
      const left = await remaining(storage);
      for (const { bucket, minuteUnixMs } of MINUTES) {
        const start = BigInt(minuteUnixMs) * MS;
        for (const [reader, buckets] of Object.entries(left)) {
          if (start < boundary) expect(buckets, `${reader}: minute ${bucket} starts before the boundary`).not.toContain(bucket);
          if (start >= CUTOFF) expect(buckets, `${reader}: minute ${bucket} starts after the cutoff`).toContain(bucket);
        }
      }
      expect(left.metrics).not.toContain(1);
      expect(left.metrics).toEqual(left.graph);
      if (boundary === CUTOFF) expect(left).toEqual({ metrics: [5, 6], graph: [5, 6] });
    });

    it("takes rollup writes after deleteBefore, old-dated ones included", async () => {
      const storage = ctx.storage();
      await write(storage);
      await storage.deleteBefore(CUTOFF);
      await write(storage);
      const left = await remaining(storage);
      expect(left.metrics).toEqual([1, 2, 3, 4, 5, 6]);
      expect(left.graph).toEqual([1, 2, 3, 4, 5, 6]);
      const counts = await spanMetrics(storage, { ...RANGE, stepMs: MINUTE, groupBy: {} });
      expect(counts.find((c) => c.bucket === 6)?.count, "a kept minute written twice sums").toBe(2);
      expect(counts.find((c) => c.bucket === 1)?.count, "a removed minute written again starts over").toBe(1);
    });

    const persisted = "acknowledged rollups and their removal survive shutdown and reopening the same dir";
    it.skipIf(!ctx.options.persistent)(ctx.options.persistent ? persisted : `${persisted} (skipped: adapter is not persistent)`, async () => {
      await write(ctx.storage());
      const { removedBeforeUnixNano: boundary } = await ctx.storage().deleteBefore(CUTOFF - 2n * BigInt(DAY) * MS);
      expect(boundary <= CUTOFF - 2n * BigInt(DAY) * MS).toBe(true);
      const before = await remaining(ctx.storage());
      expect(before.metrics).not.toContain(1);
      await ctx.storage().shutdown();
      const reopened = ctx.options.create(ctx.dataDir());
      try {
        await reopened.start();
        expect(await remaining(reopened)).toEqual(before);
        await reopened.metrics.writer.writeRollups({ spanMetrics: [metricsAt(MINUTES[5]!)], serviceGraph: [graphAt(MINUTES[5]!)] });
        const counts = await spanMetrics(reopened, { ...RANGE, stepMs: MINUTE, groupBy: {} });
        expect(counts.find((c) => c.bucket === 6)?.count, "writes after reopening add to the persisted rows").toBe(2);
        expect((await serviceGraph(reopened, RANGE)).find((c) => c.bucket === 6)?.count).toBe(2);
      } finally {
        await reopened.shutdown();
      }
    });

    it("using a shut-down storage's rollups rejects with StorageClosedError", async () => {
      await ctx.storage().shutdown();
      await expect(ctx.storage().metrics.writer.writeRollups({ spanMetrics: MINUTES.map(metricsAt), serviceGraph: [] })).rejects.toMatchObject(CLOSED);
      await expect(collect(ctx.storage().metrics.reader.querySpanMetrics({ ...RANGE, stepMs: MINUTE, groupBy: {} }))).rejects.toMatchObject(CLOSED);
      await expect(collect(ctx.storage().metrics.reader.queryServiceGraph(RANGE))).rejects.toMatchObject(CLOSED);
    });
  });
}
