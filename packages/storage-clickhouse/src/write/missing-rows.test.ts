import { afterAll, beforeAll, expect, it } from "vitest";
import { HOSTILE_STRINGS, makeLog, makeSpan, traceIdOf } from "@skein/storage/testing";
import { encodeLogWrite, encodeSpanWrite, qualifiedTable } from "../encoded-write.js";
import { sqlUInt64 } from "../sql-literal.js";
import { ClickHouseServerProcess } from "../testing/index.js";
import { joinLines } from "./grouped-insert.js";
import { linesNotIn, storeOnce } from "./missing-rows.js";
import { storedRowsSql } from "./stored-rows-sql.js";
import { freshDatabase, spanCounts } from "./testdata/writer-fixture.js";

let server: ClickHouseServerProcess;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
});
afterAll(async () => {
  await server?.dispose();
});

const DAY_NS = 86_400_000_000_000n;
const T0 = 1_700_000_000_123_456_789n;

/** Spans whose services and names are every hostile string, spread over three days. */
function hostileSpanWrite(ingestId: bigint) {
  const spans = HOSTILE_STRINGS.map((s, i) => makeSpan({ traceId: traceIdOf(900 + i), service: s, name: `${s}\u0000${i}`, startTimeUnixNano: T0 + BigInt(i % 3) * DAY_NS }));
  return encodeSpanWrite(spans, ingestId);
}

it("lists the stored rows of a batch narrowed by day, sort key and ingest id, every value a literal", () => {
  const write = encodeSpanWrite([makeSpan({ service: "a'b", name: "GET /x", startTimeUnixNano: T0 }), makeSpan({ service: "c\\d", name: "n", startTimeUnixNano: T0 + 5n })], 12n);
  expect(storedRowsSql("db.spans", [write, encodeSpanWrite([makeSpan({ service: "a'b", name: "GET /x", startTimeUnixNano: T0 + DAY_NS })], 13n)])).toMatchInlineSnapshot(
    `"SELECT DISTINCT toString(ingest_id) AS id, ingest_row AS row FROM db.spans WHERE day >= toDate('2023-11-14') AND day <= toDate('2023-11-15') AND service IN ('a\\'b', 'c\\\\d') AND name IN ('GET /x', 'n') AND start_ns >= 1700000000123456789 AND start_ns <= 1700086400123456789 AND ingest_id IN (12, 13)"`,
  );
  const logs = encodeLogWrite([makeLog({ service: "svc", timeUnixNano: T0 })], 7n);
  expect(storedRowsSql("db.logs", [logs])).toMatchInlineSnapshot(
    `"SELECT DISTINCT toString(ingest_id) AS id, ingest_row AS row FROM db.logs WHERE day >= toDate('2023-11-14') AND day <= toDate('2023-11-14') AND service IN ('svc') AND time_ns >= 1700000000123456789 AND time_ns <= 1700000000123456789 AND ingest_id IN (7)"`,
  );
  expect(() => storedRowsSql("db.spans", [write, logs])).toThrow(RangeError);
});

it("keeps the lines whose index is not stored, and joins lines and bodies with one newline each", () => {
  expect(linesNotIn("a\nb\nc\n", new Set([1]))).toEqual(["a", "c"]);
  expect(linesNotIn("a\nb", undefined)).toEqual(["a", "b"]);
  expect(joinLines(["a\nb\n", "c", "", "d\n"])).toBe("a\nb\nc\nd\n");
  expect(joinLines([])).toBe("");
});

it("stores hostile-named spans and logs exactly once, however much of them was already stored", async () => {
  const db = await freshDatabase(server);
  try {
    const spans = hostileSpanWrite(101n);
    const logs = encodeLogWrite(HOSTILE_STRINGS.map((s, i) => makeLog({ service: s, body: s, timeUnixNano: i === 0 ? 0n : T0 + BigInt(i) })), 102n);
    // A previous attempt stored every other span row and the first log row.
    const lines = spans.main.body.split("\n").filter((l) => l !== "");
    await db.connection.insertEncoded(db.tables.spans, lines.filter((_, i) => i % 2 === 0).join("\n"));
    await db.connection.insertEncoded(qualifiedTable(db.tables, "logs"), logs.main.body.split("\n")[0]!);

    expect(await storeOnce(db.connection, db.tables, [spans, logs])).toBe(Math.floor(lines.length / 2) + HOSTILE_STRINGS.length - 1);
    expect(await storeOnce(db.connection, db.tables, [spans, logs])).toBe(0);
    expect(await spanCounts(db.connection, db.tables)).toEqual({ rows: HOSTILE_STRINGS.length, ingestRows: HOSTILE_STRINGS.length, spanIds: HOSTILE_STRINGS.length });
    const [logRows] = await db.connection.queryAll<{ n: string; u: string }>(`SELECT count() AS n, uniqExact(ingest_row) AS u FROM ${db.tables.logs} WHERE ingest_id = ${sqlUInt64(102n)}`);
    expect(logRows).toEqual({ n: String(HOSTILE_STRINGS.length), u: String(HOSTILE_STRINGS.length) });
    const services = await db.connection.queryAll<{ service: string }>(`SELECT DISTINCT service FROM ${db.tables.spans}`);
    expect(services.map((r) => r.service).sort()).toEqual([...HOSTILE_STRINGS].sort());
  } finally {
    await db.dispose();
  }
});
