import type { LogRecord } from "@skein/model";
import type { LogQuery } from "@skein/storage";
import { ResourceDecoder } from "@skein/storage/stored-form";
import { MemoryStorage, collect, makeLog, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { encodeLogWrite, qualifiedTable } from "./encoded-write.js";
import { LOG_COLUMNS, logFromRow } from "./log-rows.js";
import type { LogRow } from "./log-rows.js";
import { logSearchSql } from "./log-search-sql.js";
import { migrate } from "./migrations.js";
import { tableNames } from "./table-names.js";
import type { TableNames } from "./table-names.js";
import { freshDatabase } from "./testdata/test-database.js";
import { ClickHouseServerProcess } from "./testing/index.js";

const TABLES = tableNames("skein");
const DAY = 86_400_000_000_000n;
const T0 = 19_675n * DAY;

describe("logSearchSql SQL", () => {
  it("with every condition", () => {
    const query: LogQuery = { traceId: traceIdOf(1), spanId: spanIdOf(2), service: "O'Reilly", minSeverity: 16.5, bodyContains: "50%_\\", startTimeMinUnixNano: T0, startTimeMaxUnixNano: T0 + DAY, limit: 100 };
    expect(logSearchSql(query, TABLES, "time_ns, body_text")).toMatchSnapshot();
  });

  it("without conditions", () => {
    expect(logSearchSql({ limit: 20 }, TABLES, "time_ns")).toMatchSnapshot();
  });

  it("never bounds days without a positive lower time bound", () => {
    expect(logSearchSql({ startTimeMaxUnixNano: T0, limit: 1 }, TABLES, "*")).not.toContain("day");
    expect(logSearchSql({ startTimeMinUnixNano: 0n, startTimeMaxUnixNano: T0, limit: 1 }, TABLES, "*")).not.toContain("day");
  });

  it("conditions nothing can satisfy make a query without rows", () => {
    for (const query of [{ traceId: new Uint8Array(3) }, { spanId: new Uint8Array(16) }, { minSeverity: 256 }, { minSeverity: Infinity }]) {
      expect(logSearchSql({ ...query, limit: 5 }, TABLES, "time_ns"), JSON.stringify(query)).toBe("SELECT time_ns FROM skein.logs WHERE 0");
    }
  });
});

describe("logSearchSql on a real server, against the reference adapter", () => {
  let server: ClickHouseServerProcess;
  let connection: ClickHouseConnection;
  let tables: TableNames;
  const reference = new MemoryStorage();
  const BODIES = ["Привет, МИР", "ΚΑΛΗΜΕΡΑ κόσμε", "Ärger über Öl", "100% done", "snake_case", "C:\\temp", "O'Reilly", "🚀 launch", "日本語のログ", "plain"];

  /** One write (so equal times keep write order); records without time (time_ns 0) are filed under their observed day. */
  const logs: LogRecord[] = Array.from({ length: 40 }, (_, i) =>
    makeLog({
      timeUnixNano: i % 9 === 0 ? 0n : T0 + BigInt(i % 4) * DAY + BigInt(i % 5) * 1_000n,
      observedTimeUnixNano: T0 + BigInt(i % 3) * DAY + 7n,
      severityNumber: [0, 1, 9, 13, 17, 21, 24, 255][i % 8]!,
      body: BODIES[i % BODIES.length]!,
      service: i % 2 === 0 ? "even" : "odd",
      traceId: i % 3 === 0 ? null : traceIdOf(i % 3),
      spanId: i % 4 === 0 ? null : spanIdOf(i % 4),
    }),
  );

  beforeAll(async () => {
    server = await ClickHouseServerProcess.start();
    connection = new ClickHouseConnection({ url: server.url, user: "default", password: "", requestTimeoutMs: 60_000 });
    const database = freshDatabase("skein_logs");
    await migrate([connection], { database });
    tables = tableNames(database);
    const write = encodeLogWrite(logs, 1n);
    await connection.insertEncoded(qualifiedTable(tables, write.main.table), write.main.body);
    await reference.start();
    await reference.logs.writer.writeLogs({ logs });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.kill(); // the data is thrown away, and 18.16's graceful stop takes ~8 s
    await server?.dispose();
  });

  const QUERIES: Omit<LogQuery, "limit">[] = [
    {},
    { service: "odd" },
    { traceId: traceIdOf(1) },
    { traceId: traceIdOf(2), spanId: spanIdOf(1) },
    { spanId: spanIdOf(3) },
    ...[Number.NaN, -Infinity, -5, 0, 1, 9.5, 24, 255, 300].map((minSeverity) => ({ minSeverity })),
    ...["привет", "мир", "καλημερα", "ΚΌΣΜΕ", "ärger ÜBER", "öl", "%", "0%", "_", "e_c", "\\", "'", "🚀", "本語", "", "nothing"].map((bodyContains) => ({ bodyContains })),
    { startTimeMinUnixNano: T0 + DAY },
    { startTimeMaxUnixNano: T0 + DAY },
    { startTimeMinUnixNano: 0n, startTimeMaxUnixNano: T0 },
    { startTimeMinUnixNano: T0 + 1_000n, startTimeMaxUnixNano: T0 + 2n * DAY + 3_000n },
    { startTimeMinUnixNano: -1n, startTimeMaxUnixNano: 2n ** 64n },
    { startTimeMinUnixNano: 2n ** 64n },
    { service: "even", minSeverity: 13, bodyContains: "O", startTimeMinUnixNano: T0 },
  ];

  it("finds what the reference finds, in the same order, for every kind of condition", async () => {
    for (const limit of [3, 100]) {
      for (const query of QUERIES) {
        const rows = await connection.queryAll<LogRow>(logSearchSql({ ...query, limit }, tables, LOG_COLUMNS));
        const want = await collect(reference.logs.reader.findLogs({ ...query, limit }));
        expect(rows.map((row) => logFromRow(row, new ResourceDecoder())), JSON.stringify({ ...query, limit }, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))).toEqual(want);
      }
    }
  });
});
