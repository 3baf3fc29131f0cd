import { afterAll, beforeAll, expect, it } from "vitest";
import { ClickHouseServerProcess } from "../testing/index.js";
import { ClickHouseWriter } from "./clickhouse-writer.js";
import { RecordingConnection, freshDatabase, spanCounts, spansOfNewTrace } from "./testdata/writer-fixture.js";

// A hung ClickHouse (SIGSTOP): it keeps its sockets open and answers nothing.

let server: ClickHouseServerProcess;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  server?.resume();
  await server?.dispose();
});

it("spools a write ClickHouse does not confirm in time; after resume its late insert lands and the replay does not duplicate it", async () => {
  const db = await freshDatabase(server, 30_000);
  const connection = new RecordingConnection(db.connection);
  const insertTimeoutMs = 600;
  const writer = new ClickHouseWriter({
    connection,
    tables: db.tables,
    spoolDir: db.spoolDir,
    spoolMaxBytes: 16 << 20,
    insertTimeoutMs,
    retryInitialMs: 50,
    retryMaxMs: 300,
    probeTimeoutMs: 300,
    settleMs: 200,
  });
  try {
    await writer.start();
    await writer.writeSpans({ spans: spansOfNewTrace(5, "before") });

    server.pause();
    let started = Date.now();
    await writer.writeSpans({ spans: spansOfNewTrace(50, "late") });
    const lateMs = Date.now() - started;
    expect(lateMs).toBeGreaterThanOrEqual(insertTimeoutMs - 20);
    expect(lateMs).toBeLessThan(insertTimeoutMs + 2_000);
    expect(writer.spooledWrites).toBe(1);

    // Known to be down now: the next writes go straight to the spool without waiting.
    started = Date.now();
    await writer.writeSpans({ spans: spansOfNewTrace(7, "paused-a") });
    await writer.writeSpans({ spans: spansOfNewTrace(7, "paused-b") });
    expect(Date.now() - started).toBeLessThan(insertTimeoutMs);
    expect(writer.spooledWrites).toBe(3);

    server.resume();
    await writer.drained(AbortSignal.timeout(20_000));
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 69, ingestRows: 69, spanIds: 69 });
    // Every row was sent once: the 50 by the late insert alone, the replay sent only the 2 × 7
    // rows of the writes that went straight to the spool.
    const spanInserts = connection.inserts.filter((i) => i.table === db.tables.spans).map((i) => i.rows);
    expect(spanInserts.filter((n) => n === 50)).toHaveLength(1);
    expect(spanInserts.reduce((a, b) => a + b, 0)).toBe(69);
  } finally {
    server.resume();
    await writer.close();
    await db.dispose();
  }
});

it("closes promptly while ClickHouse hangs, acknowledging the write in flight through the spool", async () => {
  const db = await freshDatabase(server, 30_000);
  const writer = new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 16 << 20, insertTimeoutMs: 400, probeTimeoutMs: 200, retryInitialMs: 50, retryMaxMs: 200 });
  try {
    await writer.start();
    server.pause();
    const write = writer.writeSpans({ spans: spansOfNewTrace(3, "closing") });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await writer.close();
    await write;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(writer.spooledWrites).toBe(1);
  } finally {
    server.resume();
    await db.dispose();
  }
});
