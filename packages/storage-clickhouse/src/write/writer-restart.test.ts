import { appendFile, readdir, stat, truncate } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { qualifiedTable } from "../encoded-write.js";
import type { EncodedWrite } from "../encoded-write.js";
import { Spool } from "../spool/spool.js";
import { ClickHouseServerProcess } from "../testing/index.js";
import { ClickHouseWriter } from "./clickhouse-writer.js";
import { AckedSpans, recordingLogger } from "./testdata/acked-spans.js";
import { killSpoolingWriterAfter } from "./testdata/kill-spooling-writer.js";
import { RecordingConnection, freshDatabase, rowsOfWrite, spanCounts, spanWrite, spansOfNewTrace } from "./testdata/writer-fixture.js";

// What a previous process left in the spool is replayed by the next one, exactly once, whatever
// point the previous one stopped at.

let server: ClickHouseServerProcess;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  await server?.dispose();
});

const FAST = { insertTimeoutMs: 1_000, retryInitialMs: 50, retryMaxMs: 300, probeTimeoutMs: 500, settleMs: 100 };

async function spoolSegments(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.startsWith("segment-")).sort();
}

/** Puts writes in a spool directory as a previous process would have left them. */
async function leaveInSpool(dir: string, writes: EncodedWrite[]): Promise<void> {
  const spool = new Spool(dir, 1 << 30);
  await spool.open();
  for (const w of writes) await spool.append(w);
  await spool.close();
}

it("a writer started on the spool of a closed one replays all of it exactly once; a torn last frame is cut off", async () => {
  const db = await freshDatabase(server, 5_000);
  const options = { connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 16 << 20, ...FAST };
  const acked = new AckedSpans();
  await server.kill();
  const a = new ClickHouseWriter(options);
  await a.start();
  for (let i = 0; i < 12; i++) await acked.track(spansOfNewTrace(15, `a${i}`), (spans) => a.writeSpans({ spans }));
  await a.close();
  expect(acked.spans).toHaveLength(180);
  expect(await spoolSegments(db.spoolDir)).not.toEqual([]);
  // A crash in the middle of a further append: a cut-off frame and garbage after the acknowledged ones.
  const last = join(db.spoolDir, (await spoolSegments(db.spoolDir)).at(-1)!);
  await appendFile(last, Buffer.concat([Buffer.from("SKS1"), Buffer.alloc(4, 0xff), Buffer.from("torn")]));

  await server.restart();
  const { logger, lines } = recordingLogger();
  const b = new ClickHouseWriter({ ...options, logger });
  try {
    await b.start();
    expect(lines.some((l) => l.level === "info" && /replaying/.test(l.message))).toBe(true);
    await b.drained(AbortSignal.timeout(20_000));
    expect(await acked.check(db.connection, db.tables)).toEqual({ missing: 0, duplicated: 0, stored: 180 });
    expect(await spoolSegments(db.spoolDir)).toEqual([]);
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
  } finally {
    await b.close();
    await db.dispose();
  }
});

it("every write a SIGKILLed writer process acknowledged (all spooled) is stored exactly once by the next one", async () => {
  const db = await freshDatabase(server, 5_000);
  await server.kill();
  const acked = await killSpoolingWriterAfter(60, db.spoolDir, server.url, db.database);
  await server.restart();
  const writer = new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 30, ...FAST });
  try {
    await writer.start();
    await writer.drained(AbortSignal.timeout(20_000));
    const rows = await db.connection.queryAll<{ name: string; n: string }>(`SELECT name, count() AS n FROM ${db.tables.spans} GROUP BY name`);
    const stored = new Map(rows.map((r) => [r.name, Number(r.n)]));
    expect(acked.length).toBeGreaterThanOrEqual(60);
    for (const write of acked) for (let i = 0; i < 10; i++) expect(stored.get(`${write}-${i}`), `${write}-${i}`).toBe(1);
    expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(rows.length % 10).toBe(0); // writes not acknowledged before the kill are stored whole or not at all
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("after a crash between inserting a write and removing it from the spool, the replay stores only the rows that are missing", async () => {
  const db = await freshDatabase(server);
  const partly = spanWrite(20);
  const fully = spanWrite(9);
  const untouched = spanWrite(4);
  // `partly`: its side tables and 8 of its 20 rows made it; `fully`: all of it.
  for (const p of partly.side) await db.connection.insertEncoded(qualifiedTable(db.tables, p.table), p.body);
  await db.connection.insertEncoded(db.tables.spans, partly.main.body.split("\n").slice(0, 8).join("\n"));
  for (const p of [...fully.side, fully.main]) await db.connection.insertEncoded(qualifiedTable(db.tables, p.table), p.body);
  await leaveInSpool(db.spoolDir, [partly, fully, untouched]);

  const connection = new RecordingConnection(db.connection);
  const writer = new ClickHouseWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 16 << 20, ...FAST });
  try {
    await writer.start();
    await writer.drained(AbortSignal.timeout(20_000));
    expect(await rowsOfWrite(db.connection, db.tables, partly.ingestId)).toBe(20);
    expect(await rowsOfWrite(db.connection, db.tables, fully.ingestId)).toBe(9);
    expect(await rowsOfWrite(db.connection, db.tables, untouched.ingestId)).toBe(4);
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 33, ingestRows: 33, spanIds: 33 });
    // One INSERT for the batch: the 12 missing rows of `partly` and the 4 of `untouched`.
    expect(connection.inserts.filter((i) => i.table === db.tables.spans).map((i) => i.rows)).toEqual([16]);
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("moves a spooled write ClickHouse keeps refusing to rejected/, logs it, and replays the rest", async () => {
  const db = await freshDatabase(server);
  const good = spanWrite(6);
  const poison: EncodedWrite = { ...spanWrite(2), main: { table: "spans", body: '{"day":"2024-01-01","start_ns":"not a number"}\n' }, rows: 1 };
  await leaveInSpool(db.spoolDir, [poison, good]);
  const { logger, lines } = recordingLogger();
  const writer = new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 16 << 20, ...FAST, rejectAfterAttempts: 2, logger });
  try {
    await writer.start();
    await writer.drained(AbortSignal.timeout(20_000));
    expect(await rowsOfWrite(db.connection, db.tables, good.ingestId)).toBe(6);
    expect(await readdir(join(db.spoolDir, "rejected"))).toHaveLength(1);
    expect(lines.filter((l) => l.level === "error")).toHaveLength(1);
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("replays after a truncated segment whose every frame is intact up to a cut in the middle of one", async () => {
  const db = await freshDatabase(server);
  const writes = [spanWrite(3), spanWrite(3), spanWrite(3)];
  await leaveInSpool(db.spoolDir, writes);
  const [name] = await spoolSegments(db.spoolDir);
  const path = join(db.spoolDir, name!);
  await truncate(path, (await stat(path)).size - 10);
  const writer = new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 16 << 20, ...FAST });
  try {
    await writer.start();
    await writer.drained(AbortSignal.timeout(20_000));
    expect(await rowsOfWrite(db.connection, db.tables, writes[0]!.ingestId)).toBe(3);
    expect(await rowsOfWrite(db.connection, db.tables, writes[1]!.ingestId)).toBe(3);
    expect(await rowsOfWrite(db.connection, db.tables, writes[2]!.ingestId)).toBe(0);
  } finally {
    await writer.close();
    await db.dispose();
  }
});
