import type { Span } from "@skein/model";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DuckDbDatabase } from "./duckdb-database.js";
import { DuckDbStorage } from "./duckdb-storage.js";
import { attrs, makeLog, makeSpan } from "./testdata/fixtures.js";

const DAY = 86_400_000_000_000n;
const CUTOFF = 1_700_000_000_000_000_000n;
const MEMORY = 256 * 1024 * 1024;

/** Span `i` of a batch family: its own trace (`family` in byte 0) and span id, starting at `start`. */
function spanOf(family: number, i: number, start: bigint): Span {
  const traceId = new Uint8Array(16);
  traceId[0] = family;
  new DataView(traceId.buffer).setUint32(12, i + 1);
  const spanId = new Uint8Array(8);
  new DataView(spanId.buffer).setUint32(4, i + 1);
  return makeSpan({
    traceId,
    spanId,
    startTimeUnixNano: start + BigInt(i),
    endTimeUnixNano: start + BigInt(i) + 1000n,
    attributes: attrs({ "http.route": `/orders/${i % 97}`, "http.response.status_code": BigInt(200 + (i % 5)), "user.id": `u-${i}` }),
  });
}

async function writeMany(storage: DuckDbStorage, family: number, count: number, start: bigint): Promise<void> {
  const batch = 10_000;
  for (let from = 0; from < count; from += batch) {
    await storage.traces.writer.writeSpans({ spans: Array.from({ length: Math.min(batch, count - from) }, (_, k) => spanOf(family, from + k, start)) });
  }
}

/** Row counts read straight from the file (the storage must be shut down). */
async function rowCounts(dir: string): Promise<{ spans: number; traceIndex: number; logs: number }> {
  const db = await DuckDbDatabase.open(dir, { memoryLimitBytes: MEMORY, traceIdIndex: false });
  try {
    const rows = await db.withConnection(async (c) =>
      (await c.runAndReadAll("SELECT (SELECT count(*) FROM spans), (SELECT count(*) FROM trace_index), (SELECT count(*) FROM logs)")).getRows(),
    );
    const [spans, traceIndex, logs] = rows[0]!.map(Number);
    return { spans: spans!, traceIndex: traceIndex!, logs: logs! };
  } finally {
    await db.close();
  }
}

describe("DuckDB retention", () => {
  let dir: string;
  let storage: DuckDbStorage;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "skein-duckdb-retention-"));
    storage = new DuckDbStorage({ dataDir: dir, memoryLimitBytes: MEMORY });
    await storage.start();
  });
  afterEach(async () => {
    await storage.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  it("deletes the rows of every table exactly at the cutoff, keeps straddling index rows, and the result survives a reopen", async () => {
    // One write puts spans on both sides of the cutoff into one trace: its trace_index row straddles it.
    const trace = spanOf(1, 0, 0n).traceId;
    await storage.traces.writer.writeSpans({
      spans: [makeSpan({ traceId: trace, startTimeUnixNano: CUTOFF - 1n }), makeSpan({ traceId: trace, startTimeUnixNano: CUTOFF + 5n })],
    });
    await storage.traces.writer.writeSpans({ spans: [spanOf(2, 0, CUTOFF - DAY)] });
    await storage.logs.writer.writeLogs({
      logs: [makeLog({ timeUnixNano: CUTOFF - 1n }), makeLog({ timeUnixNano: CUTOFF }), makeLog({ timeUnixNano: 0n, observedTimeUnixNano: CUTOFF - 1n })],
    });
    expect(await storage.deleteBefore(CUTOFF)).toEqual({ removedBeforeUnixNano: CUTOFF });
    const kept: bigint[] = [];
    for await (const chunk of storage.traces.reader.getTrace(trace)) kept.push(...chunk.map((s) => s.startTimeUnixNano));
    expect(kept).toEqual([CUTOFF + 5n]);
    await storage.shutdown();
    expect(await rowCounts(dir)).toEqual({ spans: 1, traceIndex: 1, logs: 1 });
  });

  it("hands the space of removed rows back: refilling after retention grows the file far less than the first fill", async () => {
    const count = 50_000; // whole row groups, all removed
    await writeMany(storage, 1, count, CUTOFF - 3n * DAY);
    await storage.shutdown();
    const filled = await storage.sizeBytes();

    storage = new DuckDbStorage({ dataDir: dir, memoryLimitBytes: MEMORY });
    await storage.start();
    await storage.deleteBefore(CUTOFF);
    await writeMany(storage, 2, count, CUTOFF + DAY);
    await storage.shutdown();
    const refilled = await storage.sizeBytes();
    expect(await rowCounts(dir)).toMatchObject({ spans: count });
    // Without reuse the file holds both fills (measured 2.0× `filled`; 1.33× with reuse).
    expect(refilled).toBeLessThan(filled * 1.6);
  });

  it("loses no write that runs concurrently with a retention pass", async () => {
    await writeMany(storage, 1, 20_000, CUTOFF - 3n * DAY);
    await storage.logs.writer.writeLogs({ logs: Array.from({ length: 5000 }, (_, i) => makeLog({ timeUnixNano: CUTOFF - 3n * DAY + BigInt(i) })) });
    const writes: Promise<void>[] = [];
    const retention = storage.deleteBefore(CUTOFF);
    for (let w = 0; w < 20; w++) {
      writes.push(storage.traces.writer.writeSpans({ spans: Array.from({ length: 500 }, (_, i) => spanOf(3, w * 500 + i, CUTOFF + DAY)) }));
      writes.push(storage.logs.writer.writeLogs({ logs: Array.from({ length: 100 }, () => makeLog({ timeUnixNano: CUTOFF + DAY })) }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([retention, ...writes]);
    await storage.shutdown();
    expect(await rowCounts(dir)).toEqual({ spans: 10_000, traceIndex: 10_000, logs: 2000 });
  });

  it("refuses before start and after shutdown; shutdown waits for a pass in progress", async () => {
    const unstarted = new DuckDbStorage({ dataDir: join(dir, "other") });
    await expect(unstarted.deleteBefore(CUTOFF)).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
    await writeMany(storage, 1, 20_000, CUTOFF - 3n * DAY);
    const pass = storage.deleteBefore(CUTOFF);
    await storage.shutdown();
    await expect(pass).resolves.toEqual({ removedBeforeUnixNano: CUTOFF });
    await expect(storage.deleteBefore(CUTOFF)).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
    expect((await rowCounts(dir)).spans).toBe(0);
  });
});
