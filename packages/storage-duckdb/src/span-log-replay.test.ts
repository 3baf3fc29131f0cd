import { appendFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { DuckDbStorage } from "./duckdb-storage.js";
import { SPAN_LOG_DIR } from "./span-ingest-log.js";
import { frameHeader } from "./span-log-frame.js";
import { makeSpan, spanId, traceId } from "./testdata/fixtures.js";
import { killWriterAfter } from "./testdata/kill-writer-process.js";

async function spansOf(storage: DuckDbStorage, trace: Uint8Array): Promise<string[]> {
  const names: string[] = [];
  for await (const chunk of storage.traces.reader.getTrace(trace)) for (const s of chunk) names.push(s.name);
  return names;
}

it("replays acknowledged spans that were only in the span log at SIGKILL, once, ignoring a torn tail", async () => {
  const dir = await mkdtemp(join(tmpdir(), "skein-replay-"));
  try {
    const acked = await killWriterAfter(dir, 3);
    // The kill came before the background apply (it waits APPLY_DELAY_MS): the rows are only in the log.
    const segments = await readdir(join(dir, SPAN_LOG_DIR));
    expect(segments.length).toBeGreaterThan(0);
    // A torn frame after the synced ones: a whole header whose body never made it to disk.
    const body = Buffer.from(JSON.stringify({ t: "ff".repeat(16) }) + "\n");
    await appendFile(join(dir, SPAN_LOG_DIR, segments.sort().at(-1)!), Buffer.concat([frameHeader(body), body.subarray(0, 5)]));

    for (let restart = 0; restart < 2; restart++) {
      const storage = new DuckDbStorage({ dataDir: dir });
      await storage.start();
      try {
        expect(await readdir(join(dir, SPAN_LOG_DIR))).toEqual([]); // applied and deleted at start
        for (let batch = 0; batch <= acked; batch++) {
          const names = await spansOf(storage, traceId(batch));
          expect(names.filter((n) => n === `b${batch}`)).toHaveLength(100); // exactly once
        }
        expect(await spansOf(storage, new Uint8Array(16).fill(0xff))).toEqual([]);
      } finally {
        await storage.shutdown();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it("refuses writes with SKEIN_ERR_OVERLOADED and retryAfterSeconds while too many spans wait to be applied", async () => {
  const dir = await mkdtemp(join(tmpdir(), "skein-overload-"));
  const storage = new DuckDbStorage({ dataDir: dir, options: { maxPendingSpans: 150 } });
  await storage.start();
  try {
    const batch = (n: number) => ({ spans: Array.from({ length: 100 }, (_, i) => makeSpan({ traceId: traceId(n), spanId: spanId(i) })) });
    await storage.traces.writer.writeSpans(batch(1));
    await expect(storage.traces.writer.writeSpans(batch(2))).rejects.toMatchObject({ code: "SKEIN_ERR_OVERLOADED", retryAfterSeconds: 1 });
    expect(await spansOf(storage, traceId(1))).toHaveLength(100); // a read applies the log…
    await storage.traces.writer.writeSpans(batch(2)); // …which frees room
    expect(await spansOf(storage, traceId(2))).toHaveLength(100);
  } finally {
    await storage.shutdown();
    await rm(dir, { recursive: true, force: true });
  }
});

it("refuses a span whose trace id cannot be applied, before acking it, and keeps storing the rest", async () => {
  const dir = await mkdtemp(join(tmpdir(), "skein-bad-id-"));
  const storage = new DuckDbStorage({ dataDir: dir });
  await storage.start();
  try {
    const bad = makeSpan({ traceId: new Uint8Array(8).fill(7), spanId: spanId(1) });
    await expect(storage.traces.writer.writeSpans({ spans: [bad] })).rejects.toThrow(/trace id must be 16 bytes, got 8/);
    await storage.traces.writer.writeSpans({ spans: [makeSpan({ traceId: traceId(5), spanId: spanId(2) })] });
    expect(await spansOf(storage, traceId(5))).toHaveLength(1);
  } finally {
    await storage.shutdown();
    await rm(dir, { recursive: true, force: true });
  }
});


it("counts writes still queued for the log toward the bound, so a burst cannot pass it", async () => {
  const dir = await mkdtemp(join(tmpdir(), "skein-burst-"));
  const storage = new DuckDbStorage({ dataDir: dir, options: { maxPendingSpans: 150 } });
  await storage.start();
  try {
    const batch = (n: number) => ({ spans: Array.from({ length: 100 }, (_, i) => makeSpan({ traceId: traceId(n), spanId: spanId(i) })) });
    const results = await Promise.allSettled([1, 2, 3].map((n) => storage.traces.writer.writeSpans(batch(n))));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: "SKEIN_ERR_OVERLOADED" });
  } finally {
    await storage.shutdown();
    await rm(dir, { recursive: true, force: true });
  }
});
