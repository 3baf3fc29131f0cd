import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeSpan, traceIdOf } from "@skein/storage/testing";
import { encodeSpanWrite, newIngestId } from "../encoded-write.js";
import type { EncodedWrite } from "../encoded-write.js";
import { Spool } from "../spool/spool.js";
import { ClickHouseServerProcess } from "../testing/index.js";
import { ClickHouseWriter } from "./clickhouse-writer.js";
import { DurableWriter } from "./durable-writer.js";
import { AckedSpans, recordingLogger } from "./testdata/acked-spans.js";
import { FaultyConnection, serverException, sleep } from "./testdata/faulty-connection.js";
import { RecordingConnection, freshDatabase, rowsOfWrite, spanCounts, spanWrite, spansOfNewTrace } from "./testdata/writer-fixture.js";

// A server exception that is not a refusal of the data (memory, parts, partitions, query size)
// may concern one write or the whole server. One bad spooled write must not stop the replay of
// the others, nor send live traffic to the spool (and to 503) while ClickHouse takes writes.

let server: ClickHouseServerProcess;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  await server?.dispose();
});

const FAST = { insertTimeoutMs: 2_000, retryInitialMs: 50, retryMaxMs: 200, probeTimeoutMs: 500, settleMs: 100 };
const DAY_NS = 86_400_000_000_000n;

/**
 * Spans over many days. Current releases refuse an INSERT block over more than 100 days
 * (max_partitions_per_insert_block) with code 252, which FaultyConnection stands in for here
 * (18.16 takes it): 12 days keep the inserts of its side tables fast.
 */
function manyDaysWrite(): EncodedWrite {
  const t0 = 1_700_000_000_000_000_000n;
  const spans = Array.from({ length: 12 }, (_, i) => makeSpan({ traceId: traceIdOf(7), name: "many-days", startTimeUnixNano: t0 - BigInt(i) * DAY_NS, endTimeUnixNano: t0 - BigInt(i) * DAY_NS + 1_000n }));
  return encodeSpanWrite(spans, newIngestId());
}

function tooManyPartitions(connection: FaultyConnection): void {
  connection.onInsert = async (call) => {
    if (call.table.endsWith(".spans") && call.body.includes("many-days")) throw serverException(252, "Too many partitions for single INSERT block (more than 100)");
    return call.pass();
  };
}

it("sets a spooled write that keeps failing with a server exception aside, replays the writes behind it, and never spools live writes meanwhile", async () => {
  const db = await freshDatabase(server);
  const poison = manyDaysWrite();
  const behind = spanWrite(4);
  const spool = new Spool(db.spoolDir, 1 << 20);
  await spool.open();
  await spool.append(poison);
  await spool.append(behind);
  await spool.close();
  const connection = new FaultyConnection(db.connection);
  tooManyPartitions(connection);
  const { logger, lines } = recordingLogger();
  const writer = new ClickHouseWriter({
    connection,
    tables: db.tables,
    spoolDir: db.spoolDir,
    spoolMaxBytes: 256 << 10,
    ...FAST,
    serverRejectAfterAttempts: 3,
    serverRejectAfterMs: 200,
    logger,
  });
  const acked = new AckedSpans();
  let maxSpooled = 0;
  try {
    await writer.start();
    // A live write that fails the same way is acknowledged through the spool, like any failure.
    await writer.writeSpans({ spans: Array.from({ length: 12 }, (_, i) => makeSpan({ name: "many-days", startTimeUnixNano: 1_600_000_000_000_000_000n - BigInt(i) * DAY_NS })) });
    // Live traffic goes on (its inserts succeeding is what shows the bad writes are at fault).
    const deadline = Date.now() + 10_000;
    for (let i = 0; i < 30 || (writer.rejectedWrites < 2 && Date.now() < deadline); i++) {
      await acked.track(spansOfNewTrace(5, `healthy${i}`), (spans) => writer.writeSpans({ spans }));
      maxSpooled = Math.max(maxSpooled, writer.spooledWrites);
      await sleep(5);
    }
    await writer.drained(AbortSignal.timeout(5_000));
    expect(acked.refused).toBe(0);
    expect(maxSpooled).toBeLessThanOrEqual(4); // the two bad ones (one possibly being moved) and the one behind: no live write
    expect(await acked.check(db.connection, db.tables)).toMatchObject({ missing: 0, duplicated: 0 });
    expect(await rowsOfWrite(db.connection, db.tables, behind.ingestId)).toBe(4);
    expect(await rowsOfWrite(db.connection, db.tables, poison.ingestId)).toBe(0);
    expect(await readdir(join(db.spoolDir, "rejected"))).toHaveLength(2);
    expect(writer.rejectedWrites).toBe(2);
    expect(writer.rejectedBytes).toBeGreaterThan(0);
    expect(lines.filter((l) => l.level === "error").map((l) => l.message)).toEqual([
      "ClickHouse keeps refusing a spooled write; moved aside, not deleted",
      "ClickHouse keeps refusing a spooled write; moved aside, not deleted",
    ]);
    expect(lines.some((l) => /down or slow/.test(l.message))).toBe(false);
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("a server failing every insert with a server exception gets nothing set aside: writes are acknowledged through the spool and, once it recovers, stored once", async () => {
  const db = await freshDatabase(server);
  let sick = true;
  const connection = new FaultyConnection(db.connection, async (call) => {
    if (sick && call.table.endsWith(".spans")) throw serverException(241, "Memory limit (total) exceeded");
    return call.pass();
  });
  const { logger, lines } = recordingLogger();
  const writer = new ClickHouseWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, ...FAST, serverRejectAfterAttempts: 2, serverRejectAfterMs: 0, logger });
  const acked = new AckedSpans();
  try {
    await writer.start();
    for (let i = 0; i < 20; i++) {
      await acked.track(spansOfNewTrace(3, `sick${i}`), (spans) => writer.writeSpans({ spans }));
      await sleep(20);
    }
    expect(acked.refused).toBe(0);
    expect(writer.spooledWrites).toBeGreaterThan(10);
    expect(lines.some((l) => l.level === "warn" && /server error/.test(l.message))).toBe(true);
    await sleep(500); // the replay keeps failing meanwhile
    expect(writer.rejectedWrites).toBe(0);
    sick = false;
    await writer.drained(AbortSignal.timeout(15_000));
    expect(await acked.check(db.connection, db.tables)).toEqual({ missing: 0, duplicated: 0, stored: 60 });
    expect(writer.rejectedWrites).toBe(0);
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("replays at most replayMaxWrites writes per batch (one dedup query lists their ingest ids)", async () => {
  const db = await freshDatabase(server);
  const writes = Array.from({ length: 12 }, () => spanWrite(2));
  const spool = new Spool(db.spoolDir, 1 << 20);
  await spool.open();
  for (const w of writes) await spool.append(w);
  await spool.close();
  const connection = new RecordingConnection(db.connection);
  const writer = new DurableWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, ...FAST, replayMaxWrites: 5 });
  try {
    await writer.start();
    await writer.drained(AbortSignal.timeout(10_000));
    expect(connection.inserts.filter((i) => i.table === db.tables.spans).map((i) => i.rows)).toEqual([10, 10, 4]);
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 24, ingestRows: 24, spanIds: 24 });
  } finally {
    await writer.close();
    await db.dispose();
  }
});
