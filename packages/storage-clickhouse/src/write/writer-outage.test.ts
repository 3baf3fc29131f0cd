import { afterAll, beforeAll, expect, it } from "vitest";
import { StorageBackloggedError } from "@skein/storage";
import { ClickHouseServerProcess } from "../testing/index.js";
import { ClickHouseWriter } from "./clickhouse-writer.js";
import { AckedSpans, recordingLogger } from "./testdata/acked-spans.js";
import { freshDatabase, spanCounts, spansOfNewTrace } from "./testdata/writer-fixture.js";

// ClickHouse goes away (kill -9, stop) while writes arrive: acknowledged writes are spooled and,
// once it is back, stored exactly once.

let server: ClickHouseServerProcess;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  await server?.dispose();
});

const FAST = { insertTimeoutMs: 1_000, retryInitialMs: 50, retryMaxMs: 400, probeTimeoutMs: 500, settleMs: 200 };

it("keeps acknowledging while ClickHouse is killed mid-stream; after its restart every acknowledged span is stored exactly once", async () => {
  const db = await freshDatabase(server, 5_000);
  const { logger, lines } = recordingLogger();
  const writer = new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 64 << 20, ...FAST, logger });
  const acked = new AckedSpans();
  let maxSpooled = 0;
  try {
    await writer.start();
    const write = (spans: Parameters<typeof writer.writeSpans>[0]["spans"]) => writer.writeSpans({ spans });
    // Three concurrent streams of writes; the server is killed after the 15th write of the first.
    let killed: Promise<void> | undefined;
    await Promise.all(
      [0, 1, 2].map(async (stream) => {
        for (let i = 0; i < 40; i++) {
          if (stream === 0 && i === 15) killed = server.kill();
          await acked.track(spansOfNewTrace(20, `k${stream}-${i}`), write);
          maxSpooled = Math.max(maxSpooled, writer.spooledWrites);
        }
      }),
    );
    await killed;
    expect(acked.refused).toBe(0);
    expect(acked.spans).toHaveLength(3 * 40 * 20);
    expect(maxSpooled).toBeGreaterThan(0);

    await server.restart();
    await writer.drained(AbortSignal.timeout(30_000));
    expect(writer.spooledWrites).toBe(0);
    expect(writer.spooledBytes).toBe(0);
    expect(await acked.check(db.connection, db.tables)).toEqual({ missing: 0, duplicated: 0, stored: 2400 });
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 2400, ingestRows: 2400, spanIds: 2400 });
    const warnings = lines.filter((l) => l.level === "warn").length;
    expect(warnings).toBeGreaterThanOrEqual(1);
    expect(warnings).toBeLessThanOrEqual(3); // one per outage; a flapping restart may add one
    expect(lines.filter((l) => l.level === "info" && /drained/.test(l.message))).toHaveLength(1);
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("refuses with StorageBackloggedError once the spool is full, keeps nothing of a refused write, and takes writes again after draining", async () => {
  const db = await freshDatabase(server, 5_000);
  const writer = new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 64 * 1024, ...FAST });
  const acked = new AckedSpans();
  try {
    await writer.start();
    await server.kill();
    const errors: unknown[] = [];
    for (let i = 0; i < 60 && errors.length === 0; i++) {
      await writer.writeSpans({ spans: spansOfNewTrace(10, `f${i}`) }).then(
        () => undefined,
        (error: unknown) => void errors.push(error),
      );
    }
    expect(errors[0]).toBeInstanceOf(StorageBackloggedError);
    expect((errors[0] as StorageBackloggedError).retryAfterSeconds).toBeGreaterThan(0);
    expect(writer.spooledBytes).toBeLessThanOrEqual(64 * 1024);
    const spooled = writer.spooledWrites;
    expect(spooled).toBeGreaterThan(3);
    // Refused again, still nothing kept.
    await acked.track(spansOfNewTrace(10, "refused"), (spans) => writer.writeSpans({ spans }));
    expect(acked.refused).toBe(1);
    expect(writer.spooledWrites).toBe(spooled);

    await server.restart();
    await writer.drained(AbortSignal.timeout(30_000));
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: spooled * 10, ingestRows: spooled * 10, spanIds: spooled * 10 });
    const [refused] = await db.connection.queryAll<{ n: string }>(`SELECT count() AS n FROM ${db.tables.spans} WHERE name = 'refused-0'`);
    expect(Number(refused!.n)).toBe(0);
    await acked.track(spansOfNewTrace(10, "after"), (spans) => writer.writeSpans({ spans }));
    expect(acked.spans).toHaveLength(10);
  } finally {
    await writer.close();
    await db.dispose();
  }
});
