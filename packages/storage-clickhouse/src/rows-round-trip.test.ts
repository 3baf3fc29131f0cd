import { SpanKind, StatusCode } from "@skein/model";
import type { LogRecord, Span } from "@skein/model";
import { HOSTILE_STRINGS, attrs, everyValueType, makeLog, makeResource, makeScope, makeSpan, richLogs, richSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { ResourceDecoder } from "@skein/storage/stored-form";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { INSERT_FORMAT } from "./insert-format.js";
import { ROW_COLUMNS, encodeLogWrite, encodeSpanWrite, insertTarget, newIngestId, qualifiedTable } from "./encoded-write.js";
import type { EncodedWrite } from "./encoded-write.js";
import { LOG_COLUMNS, logFromRow } from "./log-rows.js";
import type { LogRow } from "./log-rows.js";
import { migrate } from "./migrations.js";
import { SPAN_COLUMNS, parseFloat64Text, spanFromRow } from "./span-rows.js";
import type { SpanRow } from "./span-rows.js";
import { TABLES, tableNames } from "./table-names.js";
import type { TableNames } from "./table-names.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

// Rows through a real server: encode → insert (INSERT_FORMAT) → select → decode gives back
// what went in (the mapping alone, without the SQL builders of the readers).

let server: ClickHouseServerProcess;
let connection: ClickHouseConnection;
let tables: TableNames;
let database: string;

/** Strings that break naive TSV, JSON or SQL text: each must come back as itself from every column. */
const NASTY = [
  ...HOSTILE_STRINGS, "", "\t", "\tlead", "trail\t", "a\nb", "\r\n", "\n", "\u0000", "nul\u0000in", "\\N", "\\", "\\t", "\\'", "'", "''", "[", "]",
  "['x','y']", "a,b", ",", "{\"j\":1}", "\u0001\u001f\u007f", "\u0085\u2028", "🚀", "\\x41", "x".repeat(100_000) + "\t\n'\\",
];

beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
  connection = new ClickHouseConnection({ url: server.url, user: "default", password: "", requestTimeoutMs: 10_000 });
  database = freshDatabase();
  await migrate([connection], { database });
  tables = tableNames(database);
});
afterAll(async () => {
  await connection?.close();
  await killAndDispose([server]);
});

async function insert(write: EncodedWrite): Promise<void> {
  for (const side of write.side) await connection.insertEncoded(qualifiedTable(tables, side.table), side.body);
  await connection.insertEncoded(qualifiedTable(tables, write.main.table), write.main.body);
}

async function roundTripSpans(spans: Span[]): Promise<Span[]> {
  const write = encodeSpanWrite(spans, newIngestId());
  await insert(write);
  const decoder = new ResourceDecoder();
  const rows = await connection.queryAll<SpanRow>(`SELECT ${SPAN_COLUMNS} FROM ${tables.spans} WHERE ingest_id = ${write.ingestId} ORDER BY ingest_row`);
  return rows.map((r) => spanFromRow(r, decoder));
}

async function roundTripLogs(logs: LogRecord[]): Promise<LogRecord[]> {
  const write = encodeLogWrite(logs, newIngestId());
  await insert(write);
  const decoder = new ResourceDecoder();
  const rows = await connection.queryAll<LogRow>(`SELECT ${LOG_COLUMNS} FROM ${tables.logs} WHERE ingest_id = ${write.ingestId} ORDER BY ingest_row`);
  return rows.map((r) => logFromRow(r, decoder));
}

describe("span rows", () => {
  it("round-trip a span using every field, every value type included", async () => {
    const [got] = await roundTripSpans([richSpan()]);
    expect(got).toEqual(richSpan());
    expect(Object.is(got!.attributes["double.zero"], 0)).toBe(true);
  });

  it("keep doubles exact: NaN, ±Inf, -0, the smallest denormal, the largest double; sample weights too", async () => {
    const doubles = attrs({ nan: NaN, inf: Infinity, ninf: -Infinity, nzero: -0, tiny: 5e-324, max: Number.MAX_VALUE, third: 1 / 3 });
    const spans = [makeSpan({ attributes: doubles, sampleWeight: NaN }), makeSpan({ sampleWeight: Infinity }), makeSpan({ sampleWeight: 1 / 3 }), makeSpan({ sampleWeight: 0 })];
    const got = await roundTripSpans(spans);
    for (const key of Object.keys(doubles)) expect(Object.is(got[0]!.attributes[key], doubles[key]), key).toBe(true);
    expect(got.map((s) => s.sampleWeight)).toEqual([NaN, Infinity, 1 / 3, 0]);
  });

  it("keep extreme ids and times, events before the start, and the maximum counts and flags", async () => {
    const span = makeSpan({
      traceId: new Uint8Array(16).fill(0xff),
      spanId: new Uint8Array(8).fill(0xff),
      parentSpanId: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1]),
      startTimeUnixNano: 18_446_744_073_709_551_615n,
      endTimeUnixNano: 0n,
      events: [{ timeUnixNano: 5n, name: "long before", attributes: attrs({}), droppedAttributesCount: 4_294_967_295 }],
      flags: 4_294_967_295,
      droppedAttributesCount: 4_294_967_295,
      droppedEventsCount: 1,
      droppedLinksCount: 2,
      kind: SpanKind.PRODUCER,
      status: { code: StatusCode.OK, message: "" },
    });
    const zero = makeSpan({ startTimeUnixNano: 0n, endTimeUnixNano: 0n });
    expect(await roundTripSpans([span, zero])).toEqual([span, zero]);
  });

  it("store lone surrogates as U+FFFD in plain columns, NUL and long strings as they are", async () => {
    const long = "x".repeat(1_000_000) + "\u0000end";
    const span = makeSpan({ name: "a\ud800b", status: { code: StatusCode.ERROR, message: long }, attributes: attrs({ "k\udc00": "v\ud83d" }), resource: makeResource(attrs({ "service.name": "s\ud800" })) });
    const [got] = await roundTripSpans([span]);
    expect(got!.name).toBe("a\ufffdb");
    expect(got!.service).toBe("s\ufffd");
    expect(got!.status.message).toBe(long);
    expect(got!.attributes).toEqual(attrs({ "k\ufffd": "v\ufffd" }));
    // The resource is stored as attribute arrays too (as span attributes are).
    expect(got!.resource.attributes).toEqual(attrs({ "service.name": "s\ufffd" }));
  });

  it("decode the resources and scopes shared by the spans of a read once", async () => {
    const resource = makeResource(attrs({ "service.name": "shared", ...Object.fromEntries(Object.entries(everyValueType())) }));
    const got = await roundTripSpans([makeSpan({ resource }), makeSpan({ resource }), makeSpan({ resource })]);
    expect(got[0]!.resource).toBe(got[1]!.resource);
    expect(got[1]!.scope).toBe(got[2]!.scope);
    expect(got[0]!.resource).toEqual(resource);
  });

  it("tell resources apart by every field: attributes, their types, dropped count and schema URL", async () => {
    const base = attrs({ "service.name": "same", n: 1n });
    const resources = [
      makeResource(base),
      makeResource(base, { droppedAttributesCount: 1 }),
      makeResource(base, { schemaUrl: "https://s" }),
      makeResource(attrs({ "service.name": "same", n: "1" })),
      makeResource(attrs({ n: 1n, "service.name": "same" })),
    ];
    const got = await roundTripSpans([...resources, resources[0]!].map((resource) => makeSpan({ resource })));
    expect(got.map((s) => s.resource)).toEqual([...resources, resources[0]]);
    expect(new Set(got.map((s) => s.resource)).size).toBe(5);
    expect(Object.keys(got[4]!.resource.attributes)).toEqual(["n", "service.name"]);
  });
});

describe("log rows", () => {
  it("round-trip every field and a body of every type", async () => {
    expect(await roundTripLogs(richLogs())).toEqual(richLogs());
  });

  it("keep a string body apart from the same text as another type, and empty bodies", async () => {
    const logs = [makeLog({ body: "12" }), makeLog({ body: 12n }), makeLog({ body: 12 }), makeLog({ body: "" }), makeLog({ body: null }), makeLog({ body: "null" })];
    expect((await roundTripLogs(logs)).map((l) => l.body)).toEqual(["12", 12n, 12, "", null, "null"]);
  });

  it("keep a record with no time (day by observed time) and extreme ids", async () => {
    const log = makeLog({ timeUnixNano: 0n, observedTimeUnixNano: 1_700_000_000_000_000_000n, traceId: new Uint8Array(16).fill(0xff), spanId: new Uint8Array(8).fill(1), severityNumber: 24, flags: 4_294_967_295 });
    expect(await roundTripLogs([log])).toEqual([log]);
    const day = await connection.queryAll<{ day: string }>(`SELECT toString(day) AS day FROM ${tables.logs} WHERE time_ns = 0 AND flags = 4294967295`);
    expect(day).toEqual([{ day: "2023-11-14" }]);
  });
});

describe("row encoding", () => {
  it("lists each table's columns in the table's own order (rows are positional)", async () => {
    for (const table of TABLES) {
      // DESCRIBE lists the columns in table order (18.16's system.columns has no position).
      const columns = await connection.queryAll<{ name: string }>(`DESCRIBE TABLE ${database}.${table}`);
      expect(columns.map((c) => c.name), table).toEqual(ROW_COLUMNS[table]);
    }
  });

  it("names the columns of its rows (insertTarget), so a table with more columns, a newer schema, takes them", async () => {
    const newer = `${database}_newer`;
    await server.sql(`CREATE DATABASE ${newer}`);
    await server.sql(`CREATE TABLE ${newer}.spans AS ${tables.spans}`);
    await server.sql(`ALTER TABLE ${newer}.spans ADD COLUMN added String DEFAULT 'default' AFTER service`);
    expect(insertTarget(`${newer}.spans`)).toBe(`${newer}.spans (${ROW_COLUMNS.spans.join(", ")})`);
    const spans = [richSpan(), makeSpan({ service: "a\tb", name: "c\nd" })];
    const write = encodeSpanWrite(spans, newIngestId());
    await server.sql(`INSERT INTO ${insertTarget(`${newer}.spans`)} FORMAT ${INSERT_FORMAT}\n${write.main.body}`);
    const rows = await connection.queryAll<SpanRow & { added: string }>(`SELECT ${SPAN_COLUMNS}, added FROM ${newer}.spans ORDER BY ingest_row`);
    const decoder = new ResourceDecoder();
    expect(rows.map((r) => spanFromRow(r, decoder))).toEqual(spans);
    expect(rows.map((r) => r.added)).toEqual(["default", "default"]);
    expect(() => insertTarget(`${newer}.spans_local`)).toThrow(RangeError);
  });

  it("keeps hostile strings (tabs, newlines, NUL, backslashes, quotes, \\N, brackets, commas, 100 KB) in every string column and attribute", async () => {
    const spans = NASTY.map((s, i) =>
      makeSpan({
        traceId: traceIdOf(9_000 + i),
        spanId: spanIdOf(9_000 + i),
        service: s,
        name: s,
        traceState: s,
        status: { code: StatusCode.ERROR, message: s },
        attributes: attrs([[s, s], [`${s}#2`, [s, attrs({ [s]: s })]]]),
        resource: makeResource(attrs([["service.name", s], [s, s]]), { schemaUrl: s }),
        scope: makeScope({ name: s, version: s, attributes: attrs({ [s]: s }), schemaUrl: s }),
        events: [{ timeUnixNano: 5n, name: s, attributes: attrs({ [s]: s }), droppedAttributesCount: 0 }],
        links: [{ traceId: traceIdOf(1), spanId: spanIdOf(1), traceState: s, attributes: attrs({ [s]: s }), droppedAttributesCount: 0, flags: 0 }],
      }),
    );
    expect(await roundTripSpans(spans)).toEqual(spans);
    const logs = NASTY.map((s, i) =>
      makeLog({ service: s, severityText: s, eventName: s, body: i % 2 === 0 ? s : attrs({ [s]: [s] }), attributes: attrs({ [s]: s }), resource: makeResource(attrs({ [s]: s })), scope: makeScope({ name: s }) }),
    );
    expect(await roundTripLogs(logs)).toEqual(logs);
  });

  it("stores the side rows (trace_index, operations) with the same strings", async () => {
    const spans = NASTY.map((s, i) => makeSpan({ traceId: traceIdOf(20_000 + i), service: s, name: `${s}|op` }));
    const write = encodeSpanWrite(spans, newIngestId());
    await insert(write);
    const ids = spans.map((s) => new DataView(s.traceId.buffer, s.traceId.byteOffset + 8).getBigUint64(0).toString());
    const index = await connection.queryAll<{ lo: string; service: string; name: string }>(
      `SELECT toString(trace_id_lo) AS lo, service, name FROM ${tables.traceIndex} WHERE trace_id_lo IN (${ids.join(",")})`,
    );
    expect(new Map(index.map((r) => [r.lo, [r.service, r.name]]))).toEqual(new Map(ids.map((id, i) => [id, [NASTY[i], `${NASTY[i]}|op`]])));
    const operations = await connection.queryAll<{ service: string; name: string }>(`SELECT service, name FROM ${tables.operations} WHERE endsWith(name, '|op')`);
    expect(new Set(operations.map((r) => `${r.service}\u0001${r.name}`))).toEqual(new Set(NASTY.map((s) => `${s}\u0001${s}|op`)));
  });

  it("stores a sample weight as JSONEachRow did: exactly, -0 included, subnormals as 18.16 reads them", async () => {
    const weights = [1 / 3, 8.5, -0, Number.MAX_VALUE, 2.2250738585072014e-308, 4.9406564584124654e-320, 1e-310, 5e-324];
    const write = encodeSpanWrite(weights.map((w) => makeSpan({ sampleWeight: w })), newIngestId());
    await insert(write);
    const viaJson = newIngestId();
    const json = weights.map((w, i) => JSON.stringify({ day: "2023-11-14", sample_weight: w, ingest_id: viaJson.toString(), ingest_row: i })).join("\n");
    await connection.insertJsonLines(tables.spans, json);
    const stored = async (id: bigint) => (await connection.queryAll<{ w: string }>(`SELECT toString(sample_weight) AS w FROM ${tables.spans} WHERE ingest_id = ${id} ORDER BY ingest_row`)).map((r) => r.w);
    const tsv = await stored(write.ingestId);
    expect(tsv.slice(0, 6).map(parseFloat64Text)).toEqual(weights.slice(0, 6));
    expect(Object.is(parseFloat64Text(tsv[2]!), -0)).toBe(true);
    const fromJson = await stored(viaJson);
    expect(tsv.slice(3)).toEqual(fromJson.slice(3)); // JSON.stringify(-0) is "0": only TSV keeps the sign
  });
});
