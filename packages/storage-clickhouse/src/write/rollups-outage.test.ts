import { SpanKind, StatusCode } from "@skein/model";
import type { Rollups } from "@skein/storage";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newIngestId } from "../encoded-write.js";
import { encodeRollupWrites } from "../rollup-rows.js";
import { ClickHouseServerProcess } from "../testing/index.js";
import { ClickHouseWriter } from "./clickhouse-writer.js";
import { storeOnce } from "./missing-rows.js";
import { storedRowsSql } from "./stored-rows-sql.js";
import { freshDatabase } from "./testdata/writer-fixture.js";

// Rollups take the spans' durable path: acknowledged while ClickHouse is down (spooled), replayed
// once it is back, and every row stored exactly once — a row counted twice would double a rate.

let server: ClickHouseServerProcess;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  await server?.dispose();
});

const FAST = { insertTimeoutMs: 1_000, retryInitialMs: 50, retryMaxMs: 400, probeTimeoutMs: 500, settleMs: 200 };
const T0 = Date.UTC(2024, 4, 1);

/** One flush: `n` minutes of span metrics (3 buckets each) and of one edge (2 buckets), all counts 1. */
function rollups(tag: string, n: number): Rollups {
  return {
    spanMetrics: Array.from({ length: n }, (_, i) => ({ minuteUnixMs: T0 + i * 60_000, service: tag, operation: "op", kind: SpanKind.SERVER, status: StatusCode.UNSET, buckets: [1, 2, 3].map((bucket) => ({ bucket, count: 1 })) })),
    serviceGraph: Array.from({ length: n }, (_, i) => ({ minuteUnixMs: T0 + i * 60_000, source: tag, sourceType: "service" as const, target: "db", targetType: "database" as const, failed: false, buckets: [4, 5].map((bucket) => ({ bucket, count: 1 })) })),
  };
}

it("acknowledges rollups while ClickHouse is killed mid-stream; after its restart each row is stored exactly once", async () => {
  const db = await freshDatabase(server, 5_000);
  const writer = new ClickHouseWriter({ connection: db.connection, tables: db.tables, spoolDir: db.spoolDir, spoolMaxBytes: 64 << 20, ...FAST, logger: () => undefined });
  try {
    await writer.start();
    let acked = 0;
    let refused = 0;
    let maxSpooled = 0;
    let killed: Promise<void> | undefined;
    for (let i = 0; i < 30; i++) {
      if (i === 10) killed = server.kill();
      await writer.writeRollups(rollups(`svc-${i}`, 5)).then(() => void acked++, () => void refused++);
      maxSpooled = Math.max(maxSpooled, writer.spooledWrites);
    }
    await killed;
    expect({ acked, refused }).toEqual({ acked: 30, refused: 0 });
    expect(maxSpooled).toBeGreaterThan(0);
    await server.restart();
    await writer.drained(AbortSignal.timeout(30_000));
    const count = async (table: string) => {
      const [row] = await db.connection.queryAll<{ rows: string; ingest: string; total: number }>(`SELECT count() AS rows, uniqExact(ingest_id, ingest_row) AS ingest, sum(count) AS total FROM ${table}`);
      return { rows: Number(row!.rows), ingest: Number(row!.ingest), total: Number(row!.total) };
    };
    expect(await count(db.tables.spanMetrics)).toEqual({ rows: 30 * 5 * 3, ingest: 30 * 5 * 3, total: 30 * 5 * 3 });
    expect(await count(db.tables.serviceGraph)).toEqual({ rows: 30 * 5 * 2, ingest: 30 * 5 * 2, total: 30 * 5 * 2 });
  } finally {
    await writer.close();
    await db.dispose();
  }
});

it("a replay of a rollup write stored in part inserts only its missing rows, narrowed by the rollup sort keys", async () => {
  const db = await freshDatabase(server);
  try {
    const writes = encodeRollupWrites(rollups("replay", 4), newIngestId);
    expect(writes.map((w) => w.main.table)).toEqual(["span_metrics", "service_graph"]);
    const sql = storedRowsSql(db.tables.spanMetrics, [writes[0]!]);
    expect(sql).toContain("service IN ('replay') AND operation IN ('op') AND minute_ms >= ");
    expect(storedRowsSql(db.tables.serviceGraph, [writes[1]!])).toContain("source IN ('replay') AND minute_ms >= ");
    // The hour that leads both sort keys, bounded too: without it ClickHouse reads whole days.
    for (const text of [sql, storedRowsSql(db.tables.serviceGraph, [writes[1]!])]) expect(text).toMatch(/AND intDiv\(minute_ms, 3600000\) >= \d+ AND intDiv\(minute_ms, 3600000\) <= \d+ AND/);
    // Half of the span-metrics rows landed (an insert that failed half-way), then two replays.
    const half = writes[0]!.main.body.split("\n").slice(0, 6).join("\n") + "\n";
    await db.connection.insertEncoded(db.tables.spanMetrics, half);
    expect(await storeOnce(db.connection, db.tables, writes)).toBe(12 - 6 + 8);
    expect(await storeOnce(db.connection, db.tables, writes)).toBe(0);
    const [row] = await db.connection.queryAll<{ n: string; total: number }>(`SELECT count() AS n, sum(count) AS total FROM ${db.tables.spanMetrics}`);
    expect({ n: Number(row!.n), total: Number(row!.total) }).toEqual({ n: 12, total: 12 });
  } finally {
    await db.dispose();
  }
});
