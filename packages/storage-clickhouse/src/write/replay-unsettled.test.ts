import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { StorageBackloggedError } from "@skein/storage";
import { Spool } from "../spool/spool.js";
import { lockPath } from "../spool/spool-lock.js";
import { ClickHouseServerProcess } from "../testing/index.js";
import { DurableWriter } from "./durable-writer.js";
import { FaultyConnection, clientTimeout, connectionRefused, insertOverHttp, sleep } from "./testdata/faulty-connection.js";
import { freshDatabase, spanCounts, spanWrite } from "./testdata/writer-fixture.js";

// An INSERT that ended without an answer may still land. A replay of its write waits until it
// cannot: settleMs after it ended, and as long as the server runs it (its query id in
// system.processes) — the replay's own inserts and a killed previous process's inserts alike.

let server: ClickHouseServerProcess;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  await server?.dispose();
});

const FAST = { insertTimeoutMs: 2_000, retryInitialMs: 50, retryMaxMs: 200, probeTimeoutMs: 500, processPollMs: 50 };
/** Each block inserted into spans takes this long on the server (a materialized view that sleeps). */
const BLOCK_MS = 400;

/** Settings that make an INSERT store its rows one block per row (none squashed together). */
const ONE_ROW_BLOCKS = { max_insert_block_size: "1", min_insert_block_size_rows: "1", min_insert_block_size_bytes: "1" };

/** Makes every INSERT block into the database's spans table take BLOCK_MS on the server, after its rows are stored. */
async function slowSpanInserts(database: string): Promise<void> {
  await server.sql(`CREATE MATERIALIZED VIEW ${database}.slow_inserts ENGINE = Null AS SELECT sleep(${BLOCK_MS / 1000}) AS s FROM ${database}.spans`);
}

it("a replay INSERT the client gave up on lands later: the next replay waits settleMs and does not store it twice", async () => {
  const db = await freshDatabase(server);
  let spanInserts = 0;
  let late: Promise<void> | undefined;
  const connection = new FaultyConnection(db.connection, async (call) => {
    if (!call.table.endsWith(".spans")) return call.pass();
    const n = ++spanInserts;
    if (n === 1) throw connectionRefused(); // the live insert: spooled
    if (n === 2) {
      // The replay's insert: the server stores it at +600 ms, the client gives up at +100 ms.
      late = sleep(600).then(() => call.pass());
      await sleep(100);
      throw clientTimeout();
    }
    return call.pass();
  });
  const writer = new DurableWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, ...FAST, settleMs: 1_000 });
  try {
    await writer.start();
    await writer.submit(spanWrite(5));
    await writer.drained(AbortSignal.timeout(10_000));
    await late;
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 5, ingestRows: 5, spanIds: 5 });
    expect(writer.unsettledWrites).toBe(0);
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("a replay INSERT still executing on the server after settleMs: the next replay waits while system.processes lists its query id", async () => {
  const db = await freshDatabase(server);
  await slowSpanInserts(db.database);
  let spanInserts = 0;
  let slow: Promise<void> | undefined;
  const connection = new FaultyConnection(db.connection, async (call) => {
    if (!call.table.endsWith(".spans")) return call.pass();
    const n = ++spanInserts;
    if (n === 1) throw connectionRefused();
    if (n === 2) {
      // Sent with its query id; one row per block, so its rows land one by one over ~5 × BLOCK_MS.
      expect(call.queryId).toMatch(/^skein-[0-9a-f]{12}-\d+$/);
      slow = insertOverHttp(server.url, call.table, call.body, call.queryId!, ONE_ROW_BLOCKS);
      await sleep(100);
      throw clientTimeout();
    }
    return call.pass();
  });
  const writer = new DurableWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, ...FAST, settleMs: 200 });
  try {
    await writer.start();
    await writer.submit(spanWrite(5));
    const started = Date.now();
    await writer.drained(AbortSignal.timeout(15_000));
    const waited = Date.now() - started;
    await slow;
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 5, ingestRows: 5, spanIds: 5 });
    expect(waited).toBeGreaterThanOrEqual(4 * BLOCK_MS); // the replay waited for the slow insert to end
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("frames a killed process left are replayed only once its INSERTs (its instance's query ids) have ended", async () => {
  const db = await freshDatabase(server);
  await slowSpanInserts(db.database);
  const write = spanWrite(5);
  const spool = new Spool(db.spoolDir, 1 << 20);
  await spool.open();
  await spool.append(write);
  await spool.close();
  // The previous process: killed (its pid is gone) while its insert of the write was executing.
  const dead = spawn("true");
  await new Promise((done) => dead.once("exit", done));
  const instance = "skein-0123456789ab";
  const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  await writeFile(lockPath(db.spoolDir), JSON.stringify({ pid: dead.pid, boot, instance }));
  for (const side of write.side) await db.connection.insertEncoded(db.tables[side.table === "trace_index" ? "traceIndex" : "operations"], side.body);
  const slow = insertOverHttp(server.url, db.tables.spans, write.main.body, `${instance}-7`, ONE_ROW_BLOCKS);
  await sleep(150);

  const writer = new DurableWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, ...FAST, settleMs: 100 });
  try {
    await writer.start();
    await writer.drained(AbortSignal.timeout(15_000));
    await slow;
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 5, ingestRows: 5, spanIds: 5 });
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("keeps nothing about the inserts of writes the full spool refused", async () => {
  const db = await freshDatabase(server);
  // Every insert ends without an answer; the first ones after 300 ms (past the insert timeout).
  let hang = true;
  const connection = new FaultyConnection(db.connection, async () => {
    if (hang) await sleep(300);
    throw clientTimeout();
  });
  const frame = spanWrite(5);
  const writer = new DurableWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 2_500, ...FAST, insertTimeoutMs: 100, settleMs: 60_000, groupConcurrency: 1 });
  try {
    await writer.start();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => writer.submit({ ...frame, ingestId: frame.ingestId + BigInt(Math.floor(Math.random() * 1e9)) })));
    hang = false;
    const results2 = await Promise.allSettled(Array.from({ length: 6 }, () => writer.submit(spanWrite(5))));
    const all = [...results, ...results2];
    const refused = all.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StorageBackloggedError);
    await sleep(400); // every insert has ended
    expect(writer.spooledWrites).toBeGreaterThan(0);
    expect(writer.unsettledWrites).toBe(writer.spooledWrites);
  } finally {
    await writer.close();
    await db.dispose();
  }
});
