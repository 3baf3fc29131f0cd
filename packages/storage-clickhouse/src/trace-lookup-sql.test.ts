import type { Span } from "@skein/model";
import { makeSpan, spanIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { encodeSpanWrite, qualifiedTable } from "./encoded-write.js";
import { spanIdNumber } from "./id-columns.js";
import { migrate } from "./migrations.js";
import { tableNames } from "./table-names.js";
import type { TableNames } from "./table-names.js";
import { freshDatabase } from "./testdata/test-database.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { MAX_BOUND_TERMS, MAX_LISTED_DAYS, SHORT_TRACE_NANO, traceBoundsFromRow, traceBoundsSql, traceSpansSql } from "./trace-lookup-sql.js";
import type { TraceBounds } from "./trace-lookup-sql.js";

const TABLES = tableNames("skein");
const DAY = 86_400_000_000_000n;
const T0 = 19_675n * DAY;

/** A trace id from its halves, so tests can make ids that share one half. */
function traceId(hi: bigint, lo: bigint): Uint8Array {
  const id = new Uint8Array(16);
  new DataView(id.buffer).setBigUint64(0, hi);
  new DataView(id.buffer).setBigUint64(8, lo);
  return id;
}

const bound = (service: string, name: string, day = "2023-11-14"): TraceBounds => ({ service, name, startMin: T0 + 1n, startMax: T0 + 9n, days: [day] });

describe("trace lookup SQL", () => {
  const id = traceId(0xfedcba9876543210n, 42n);

  it("step 1 reads trace_index by primary key", () => {
    expect(traceBoundsSql(id, TABLES)).toMatchSnapshot();
  });

  it("step 2 reads the listed days and (service, name, start) ranges", () => {
    expect(traceSpansSql(id, [bound("cart", "GET /"), bound("it's", "x", "2023-11-15")], TABLES, "span_id, name")).toMatchSnapshot();
  });

  it("coarsens many bounds to services, then to one range, and many days to a day range", () => {
    const pairs = Array.from({ length: MAX_BOUND_TERMS + 1 }, (_, i) => bound(`s${i % 3}`, `n${i}`));
    const byService = traceSpansSql(id, pairs, TABLES, "*");
    expect(byService).not.toContain("name =");
    expect(byService.match(/service = /g)).toHaveLength(3);
    const services = Array.from({ length: MAX_BOUND_TERMS + 1 }, (_, i) => bound(`s${i}`, "n"));
    expect(traceSpansSql(id, services, TABLES, "*")).not.toContain("service =");
    const days = Array.from({ length: MAX_LISTED_DAYS + 1 }, (_, i) => bound("s", "n", new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10)));
    expect(traceSpansSql(id, days, TABLES, "*")).toMatch(/day >= toDate\('2020-01-01'\) AND day <= toDate\('2021-02-04'\)/);
  });

  it("a short trace is one set of (service, name) prefixes and one start range; a long one a range per pair", () => {
    const short = traceSpansSql(id, [bound("a", "x"), bound("b", "y")], TABLES, "*");
    expect(short).toContain("(service, name) IN (('a', 'x'), ('b', 'y')) AND start_ns >= ");
    expect(short).not.toContain(" OR ");
    const late = { ...bound("b", "y"), startMin: T0 + SHORT_TRACE_NANO + 10n, startMax: T0 + SHORT_TRACE_NANO + 20n };
    const long = traceSpansSql(id, [bound("a", "x"), late], TABLES, "*");
    expect(long).not.toContain("IN ((");
    expect(long.match(/service = 'a' AND name = 'x' AND start_ns >= \d+ AND start_ns <= \d+/g)).toHaveLength(1);
    expect(long).toContain(`service = 'b' AND name = 'y' AND start_ns >= ${T0 + SHORT_TRACE_NANO + 10n}`);
  });

  it("no bounds: a query without rows", () => {
    expect(traceSpansSql(id, [], TABLES, "span_id")).toBe("SELECT span_id FROM skein.spans WHERE 0");
  });

  it("maps rows, and 18.16's 0000-00-00 back to 1970-01-01", () => {
    expect(traceBoundsFromRow({ service: "a", name: "b", first_start: "18446744073709551615", last_start: "5", days: ["0000-00-00", "2023-11-14"] })).toEqual({
      service: "a",
      name: "b",
      startMin: 18446744073709551615n,
      startMax: 5n,
      days: ["1970-01-01", "2023-11-14"],
    });
    expect(() => traceBoundsFromRow({ service: 1 })).toThrow(TypeError);
  });
});

describe("trace lookup on a real server", () => {
  let server: ClickHouseServerProcess;
  let connection: ClickHouseConnection;
  let tables: TableNames;
  let nextSpan = 1;

  const span = (id: Uint8Array, service: string, name: string, start: bigint): Span => makeSpan({ traceId: id, spanId: spanIdOf(nextSpan++), service, name, startTimeUnixNano: start });
  /** Traces sharing one half of the id with the traces looked up: they must never show up. */
  const manyPairs = traceId(7n, 7n);
  const manyServices = traceId(8n, 7n);
  const manyDays = traceId(7n, 8n);
  const epoch = traceId(9n, 9n);
  const written = new Map<Uint8Array, Span[]>([
    [manyPairs, Array.from({ length: MAX_BOUND_TERMS + 20 }, (_, i) => span(manyPairs, `s${i % 3}`, `n${i}`, T0 + BigInt(i) * 1_000n + (i % 2 === 0 ? DAY : 0n)))],
    [manyServices, Array.from({ length: MAX_BOUND_TERMS + 5 }, (_, i) => span(manyServices, `s${i}`, "n", T0 + BigInt(i)))],
    [manyDays, Array.from({ length: MAX_LISTED_DAYS + 3 }, (_, i) => span(manyDays, "s", "n", T0 - BigInt(i) * DAY))],
    [epoch, [span(epoch, "s", "at zero", 0n), span(epoch, "s", "later", T0)]],
  ]);

  beforeAll(async () => {
    server = await ClickHouseServerProcess.start();
    connection = new ClickHouseConnection({ url: server.url, user: "default", password: "", requestTimeoutMs: 60_000 });
    const database = freshDatabase("skein_lookup");
    await migrate([connection], { database });
    tables = tableNames(database);
    const write = encodeSpanWrite([...written.values()].flat(), 1n);
    for (const part of [...write.side, write.main]) await connection.insertEncoded(qualifiedTable(tables, part.table), part.body);
  });
  afterAll(async () => {
    await connection?.close();
    await server?.kill(); // the data is thrown away, and 18.16's graceful stop takes ~8 s
    await server?.dispose();
  });

  async function lookUp(id: Uint8Array): Promise<{ bounds: TraceBounds[]; spanIds: bigint[] }> {
    const bounds = (await connection.queryAll<Record<string, unknown>>(traceBoundsSql(id, tables))).map(traceBoundsFromRow);
    const rows = await connection.queryAll<{ span_id: string }>(traceSpansSql(id, bounds, tables, "span_id"));
    return { bounds, spanIds: rows.map((r) => BigInt(r.span_id)) };
  }

  const expectedIds = (spans: Span[]) => [...spans].sort((a, b) => (a.startTimeUnixNano < b.startTimeUnixNano ? -1 : 1)).map((s) => spanIdNumber(s.spanId));

  it("finds exactly the trace's spans, in start order, whatever the coarsening", async () => {
    for (const [id, spans] of written) expect((await lookUp(id)).spanIds).toEqual(expectedIds(spans));
  });

  it("reports bounds per (service, name) with their days", async () => {
    const { bounds } = await lookUp(manyPairs);
    expect(bounds).toHaveLength(MAX_BOUND_TERMS + 20);
    expect(bounds.find((b) => b.name === "n2")).toEqual({ service: "s2", name: "n2", startMin: T0 + 2_000n + DAY, startMax: T0 + 2_000n + DAY, days: ["2023-11-15"] });
    expect(new Set((await lookUp(epoch)).bounds.flatMap((b) => b.days))).toEqual(new Set(["1970-01-01", "2023-11-14"]));
  });

  it("an unknown trace has no bounds", async () => {
    expect(await lookUp(traceId(7n, 9n))).toEqual({ bounds: [], spanIds: [] });
  });
});
