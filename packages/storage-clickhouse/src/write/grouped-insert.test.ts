import { afterAll, beforeAll, expect, it } from "vitest";
import { makeLog, traceIdOf } from "@skein/storage/testing";
import { encodeLogWrite, encodeSpanWrite, newIngestId } from "../encoded-write.js";
import type { EncodedWrite } from "../encoded-write.js";
import { ClickHouseQueryError } from "../errors.js";
import { ClickHouseServerProcess } from "../testing/index.js";
import { DurableWriter } from "./durable-writer.js";
import { insertGroup } from "./grouped-insert.js";
import { StoreFailedError } from "./insert-failure.js";
import { FaultyConnection, clientTimeout, serverException, sleep } from "./testdata/faulty-connection.js";
import { freshDatabase, spanCounts, spanWrite, spansOfNewTrace } from "./testdata/writer-fixture.js";

// A group's INSERTs into its tables run at once. When one fails, the group fails only after the
// others have ended: a sibling still running would land after the caller re-checked and
// re-inserted its rows (stored twice).

let server: ClickHouseServerProcess;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  await server?.dispose();
});

const SLOW_MS = 500;

function logWrite(): EncodedWrite {
  return encodeLogWrite(Array.from({ length: 10 }, (_, i) => makeLog({ traceId: traceIdOf(43), body: `slow-log ${i}` })), newIngestId());
}

/** A span write whose main row ClickHouse refuses as data. */
function badSpanWrite(): EncodedWrite {
  return { ...spanWrite(1), main: { table: "spans", body: "not a span row\n" }, rows: 1 };
}

async function logCounts(connection: FaultyConnection, table: string): Promise<{ rows: number; distinct: number }> {
  const [row] = await connection.queryAll<{ rows: string; distinct: string }>(`SELECT count() AS rows, uniqExact(ingest_id, ingest_row) AS distinct FROM ${table}`);
  return { rows: Number(row!.rows), distinct: Number(row!.distinct) };
}

/** The logs INSERT of the group is slow (network, a busy server); the group's spans INSERT (spans named `grouped-…`) fails once with `failSpans`; everything else passes at once. */
function slowLogs(connection: FaultyConnection, logsTable: string, failSpans: (() => Error) | undefined): void {
  let failed = false;
  connection.onInsert = async (call) => {
    if (call.table === logsTable && call.body.includes("slow-log")) await sleep(SLOW_MS);
    if (failSpans !== undefined && !failed && call.table.endsWith(".spans") && call.body.includes("grouped-")) {
      failed = true;
      await sleep(10);
      throw failSpans();
    }
    return call.pass();
  };
}

it("fails a group only once every INSERT of it has ended", async () => {
  const db = await freshDatabase(server);
  const connection = new FaultyConnection(db.connection);
  slowLogs(connection, db.tables.logs, undefined);
  try {
    const started = Date.now();
    const failure = await insertGroup(connection, db.tables, [badSpanWrite(), logWrite()]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 20);
    expect(failure).toBeInstanceOf(StoreFailedError);
    expect((failure as StoreFailedError).cause).toBeInstanceOf(ClickHouseQueryError);
    expect((failure as StoreFailedError).outcomeUnknown).toBe(false);
    // The slow sibling had landed when the group failed.
    expect(await logCounts(connection, db.tables.logs)).toEqual({ rows: 10, distinct: 10 });
  } finally {
    await db.dispose();
  }
});

it("a group with a refused span write and a slow log write: the span write is refused, the logs stored once", async () => {
  const db = await freshDatabase(server);
  const connection = new FaultyConnection(db.connection);
  const writer = new DurableWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000, settleMs: 200 });
  try {
    await writer.start();
    // Two slots busy, so that the bad and the log write go together in the next group.
    const busy = [writer.submit(spanWrite(1)), writer.submit(spanWrite(1))];
    slowLogs(connection, db.tables.logs, undefined);
    const results = await Promise.allSettled([writer.submit(badSpanWrite()), writer.submit(logWrite()), ...busy]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(ClickHouseQueryError);
    await sleep(SLOW_MS + 300);
    expect(await logCounts(connection, db.tables.logs)).toEqual({ rows: 10, distinct: 10 });
    expect(writer.spooledWrites).toBe(0);
    expect(writer.unsettledWrites).toBe(0);
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("a group whose span INSERT fails with a server exception while its log INSERT is slow: both spooled, replayed, each row stored once", async () => {
  const db = await freshDatabase(server);
  const connection = new FaultyConnection(db.connection);
  const writer = new DurableWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000, settleMs: 200, retryInitialMs: 50 });
  try {
    await writer.start();
    const busy = [writer.submit(spanWrite(1)), writer.submit(spanWrite(1))];
    slowLogs(connection, db.tables.logs, () => serverException(252, "Too many parts"));
    const results = await Promise.allSettled([writer.submit(encodeSpanWrite(spansOfNewTrace(3, "grouped"), newIngestId())), writer.submit(logWrite()), ...busy]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    await writer.drained(AbortSignal.timeout(10_000));
    await sleep(SLOW_MS);
    expect(await logCounts(connection, db.tables.logs)).toEqual({ rows: 10, distinct: 10 });
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: 5, ingestRows: 5, spanIds: 5 });
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("a refused group whose log INSERT ended without an answer: the logs are re-checked only after settleMs, and stored once", async () => {
  const db = await freshDatabase(server);
  const connection = new FaultyConnection(db.connection);
  const writer = new DurableWriter({ connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 1 << 20, insertTimeoutMs: 5_000, settleMs: 800 });
  let late: Promise<void> | undefined;
  try {
    await writer.start();
    const busy = [writer.submit(spanWrite(1)), writer.submit(spanWrite(1))];
    let timedOut = false;
    connection.onInsert = async (call) => {
      if (!timedOut && call.table === db.tables.logs && call.body.includes("slow-log")) {
        // The server stores it at +400 ms; the client gave up at +50 ms.
        timedOut = true;
        late = sleep(400).then(() => call.pass());
        await sleep(50);
        throw clientTimeout();
      }
      return call.pass();
    };
    const results = await Promise.allSettled([writer.submit(badSpanWrite()), writer.submit(logWrite()), ...busy]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled", "fulfilled"]);
    await late;
    expect(await logCounts(connection, db.tables.logs)).toEqual({ rows: 10, distinct: 10 });
    expect(writer.spooledWrites).toBe(0);
    expect(writer.unsettledWrites).toBe(0);
  } finally {
    await writer.close();
    await db.dispose();
  }
});
