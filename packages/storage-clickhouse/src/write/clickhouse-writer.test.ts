import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeLog } from "@skein/storage/testing";
import { ClickHouseQueryError } from "../errors.js";
import { ClickHouseServerProcess } from "../testing/index.js";
import { ClickHouseWriter } from "./clickhouse-writer.js";
import { DurableWriter } from "./durable-writer.js";
import { RecordingConnection, freshDatabase, spanCounts, spanWrite, spansOfNewTrace } from "./testdata/writer-fixture.js";

// Writes while ClickHouse is healthy: acknowledged only after the insert, grouped, not spooled.

let server: ClickHouseServerProcess;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  await server?.dispose();
});

it("acknowledges a write only once ClickHouse holds its rows, and spools nothing", async () => {
  const db = await freshDatabase(server);
  const writer = new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000 });
  try {
    await writer.start();
    await writer.writeSpans({ spans: spansOfNewTrace(25) });
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 25, ingestRows: 25, spanIds: 25 });
    const [index] = await db.connection.queryAll<{ n: string }>(`SELECT count() AS n FROM ${db.tables.traceIndex}`);
    expect(Number(index!.n)).toBeGreaterThan(0);
    expect(writer.spooledWrites).toBe(0);
    expect(writer.spooledBytes).toBe(0);
    expect(await readdir(db.spoolDir)).toEqual(["rejected"]); // drained: nothing but the empty rejected/
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("groups concurrent writes into few INSERTs, each write with its own ingest id, all landing", async () => {
  const db = await freshDatabase(server);
  const connection = new RecordingConnection(db.connection);
  const writer = new ClickHouseWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000 });
  try {
    await writer.start();
    await Promise.all(Array.from({ length: 60 }, () => writer.writeSpans({ spans: spansOfNewTrace(10) })));
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 600, ingestRows: 600, spanIds: 600 });
    const [writes] = await db.connection.queryAll<{ n: string }>(`SELECT uniqExact(ingest_id) AS n FROM ${db.tables.spans}`);
    expect(Number(writes!.n)).toBe(60);
    // The first write goes alone; the 59 queued meanwhile go together.
    expect(connection.insertsInto(db.tables.spans)).toBeLessThanOrEqual(3);
    expect(connection.insertsInto(db.tables.traceIndex)).toBe(connection.insertsInto(db.tables.spans));
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("stores log records, grouped with spans written at the same time", async () => {
  const db = await freshDatabase(server);
  const connection = new RecordingConnection(db.connection);
  const writer = new ClickHouseWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000 });
  try {
    await writer.start();
    await Promise.all([
      writer.writeSpans({ spans: spansOfNewTrace(3) }),
      writer.writeLogs({ logs: [makeLog({ body: "one" }), makeLog({ body: "two" })] }),
      writer.writeSpans({ spans: spansOfNewTrace(4) }),
      writer.writeLogs({ logs: [makeLog({ body: "three" })] }),
    ]);
    const [logs] = await db.connection.queryAll<{ n: string }>(`SELECT count() AS n FROM ${db.tables.logs}`);
    expect(Number(logs!.n)).toBe(3);
    expect((await spanCounts(db.connection, db.tables)).rows).toBe(7);
    expect(connection.insertsInto(db.tables.logs)).toBeLessThanOrEqual(2);
    await writer.writeLogs({ logs: [] });
    await writer.writeSpans({ spans: [] });
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("bounds a group by rows", async () => {
  const db = await freshDatabase(server);
  const connection = new RecordingConnection(db.connection);
  const writer = new DurableWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000, groupMaxRows: 50 });
  try {
    await writer.start();
    await Promise.all(Array.from({ length: 21 }, () => writer.submit(spanWrite(10))));
    const sizes = connection.inserts.filter((i) => i.table === db.tables.spans).map((i) => i.rows);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(210);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    expect(sizes.length).toBeGreaterThanOrEqual(5);
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("rejects a write whose data ClickHouse refuses, without spooling it, and stores the others of its group", async () => {
  const db = await freshDatabase(server);
  const writer = new DurableWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000 });
  try {
    await writer.start();
    const good = spanWrite(5);
    const bad = { ...spanWrite(3), main: { table: "spans" as const, body: '{"day":"2024-01-01","start_ns":"not a number"}\n' }, rows: 1 };
    const slow = writer.submit(spanWrite(1)); // occupies the slot, so the next two are grouped
    const results = await Promise.allSettled([writer.submit(good), writer.submit(bad), slow]);
    expect(results[0].status).toBe("fulfilled");
    expect(results[2].status).toBe("fulfilled");
    expect(results[1].status).toBe("rejected");
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ClickHouseQueryError);
    expect(writer.spooledWrites).toBe(0);
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 6, ingestRows: 6, spanIds: 6 });
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("drops a write whose signal aborts while it waits for its group, and stores the others", async () => {
  const db = await freshDatabase(server);
  const writer = new DurableWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000, groupConcurrency: 1 });
  try {
    await writer.start();
    await expect(writer.submit(spanWrite(1), AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
    const first = writer.submit(spanWrite(2)); // in flight: the next one waits
    const abort = new AbortController();
    const waiting = writer.submit(spanWrite(3), abort.signal);
    abort.abort(new Error("client went away"));
    await expect(waiting).rejects.toThrow("client went away");
    await first;
    expect((await spanCounts(db.connection, db.tables)).rows).toBe(2);
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("refuses writes before start and after close; close is idempotent and safe before start", async () => {
  const db = await freshDatabase(server);
  const writer = new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000 });
  try {
    await expect(writer.writeSpans({ spans: spansOfNewTrace(1) })).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
    await writer.start();
    await writer.close();
    await writer.close();
    await expect(writer.writeSpans({ spans: spansOfNewTrace(1) })).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_CLOSED" });
    await new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1, insertTimeoutMs: 1 }).close();
  } finally {
    await db.dispose();
  }
});
