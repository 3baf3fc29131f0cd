import { SpanKind, StatusCode } from "@skein/model";
import type { LogRecord, Span } from "@skein/model";
import { attrs, everyValueType, makeLog, makeResource, makeSpan, richLogs, richSpan } from "@skein/storage/testing";
import { ResourceDecoder } from "@skein/storage/stored-form";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { encodeLogWrite, encodeSpanWrite, newIngestId, qualifiedTable } from "./encoded-write.js";
import type { EncodedWrite } from "./encoded-write.js";
import { LOG_COLUMNS, logFromRow } from "./log-rows.js";
import type { LogRow } from "./log-rows.js";
import { migrate } from "./migrations.js";
import { SPAN_COLUMNS, spanFromRow } from "./span-rows.js";
import type { SpanRow } from "./span-rows.js";
import { tableNames } from "./table-names.js";
import type { TableNames } from "./table-names.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

// Rows through a real server: encode → JSONEachRow insert → select → decode gives back what
// went in (the mapping alone, without the SQL builders of the readers).

let server: ClickHouseServerProcess;
let connection: ClickHouseConnection;
let tables: TableNames;

beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
  connection = new ClickHouseConnection({ url: server.url, user: "default", password: "", requestTimeoutMs: 10_000 });
  const database = freshDatabase();
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
    // The resource's typed JSON escapes the surrogate, so the resource itself is kept exactly.
    expect(got!.resource.attributes["service.name"]).toBe("s\ud800");
  });

  it("decode the resources and scopes shared by the spans of a read once", async () => {
    const resource = makeResource(attrs({ "service.name": "shared", ...Object.fromEntries(Object.entries(everyValueType())) }));
    const got = await roundTripSpans([makeSpan({ resource }), makeSpan({ resource }), makeSpan({ resource })]);
    expect(got[0]!.resource).toBe(got[1]!.resource);
    expect(got[1]!.scope).toBe(got[2]!.scope);
    expect(got[0]!.resource).toEqual(resource);
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
