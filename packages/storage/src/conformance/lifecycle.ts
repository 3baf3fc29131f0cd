import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Storage } from "../storage.js";
import { collect, makeLog, makeSpan, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { findTraces } from "./search-helpers.js";

/** Matched by code, not class: an adapter may load another copy of @skein/storage (e.g. its dist/). */
const CLOSED = { code: "SKEIN_ERR_STORAGE_CLOSED" };

/** start once; shutdown idempotent and safe before start; persistence when declared. */
export function lifecycleTests(ctx: ConformanceContext): void {
  describe("lifecycle", () => {
    it("shutdown is idempotent", async () => {
      await ctx.storage().shutdown();
      await ctx.storage().shutdown();
    });

    it("shutdown before start is safe", async () => {
      const dir = join(ctx.dataDir(), "unstarted");
      await mkdir(dir);
      const fresh = ctx.options.create(dir);
      await fresh.shutdown();
      await fresh.shutdown();
    });

    it("reports its kind and a non-negative size", async () => {
      expect(typeof ctx.storage().kind).toBe("string");
      expect(ctx.storage().kind.length).toBeGreaterThan(0);
      await ctx.storage().traces.writer.writeSpans({ spans: [makeSpan()] });
      expect(await ctx.storage().sizeBytes()).toBeGreaterThanOrEqual(0);
    });

    it("using a shut-down storage rejects with StorageClosedError", async () => {
      await ctx.storage().shutdown();
      await expect(ctx.storage().traces.writer.writeSpans({ spans: [makeSpan()] })).rejects.toMatchObject(CLOSED);
      await expect(collect(ctx.storage().traces.reader.getTrace(traceIdOf(1)))).rejects.toMatchObject(CLOSED);
      await expect(ctx.storage().traces.reader.getServices()).rejects.toMatchObject(CLOSED);
      await expect(collect(ctx.storage().logs.reader.findLogs({ limit: 1 }))).rejects.toMatchObject(CLOSED);
    });

    const persistence = "acknowledged data survives shutdown and reopening the same dir";
    it.skipIf(!ctx.options.persistent)(ctx.options.persistent ? persistence : `${persistence} (skipped: adapter is not persistent)`, async () => {
      await ctx.storage().traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(1), service: "kept" }), makeSpan({ traceId: traceIdOf(2) })] });
      await ctx.storage().logs.writer.writeLogs({ logs: [makeLog({ body: "kept log" })] });
      await ctx.storage().shutdown();
      let reopened: Storage | undefined;
      try {
        reopened = ctx.options.create(ctx.dataDir());
        await reopened.start();
        expect(await collect(reopened.traces.reader.getTrace(traceIdOf(1)))).toHaveLength(1);
        expect(await findTraces(reopened, {})).toHaveLength(2);
        expect(await reopened.traces.reader.getServices()).toContain("kept");
        expect((await collect(reopened.logs.reader.findLogs({ limit: 10 }))).map((l) => l.body)).toEqual(["kept log"]);
        await reopened.traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceIdOf(3) })] });
        expect(await findTraces(reopened, {})).toHaveLength(3);
      } finally {
        await reopened?.shutdown();
      }
    });
  });
}
