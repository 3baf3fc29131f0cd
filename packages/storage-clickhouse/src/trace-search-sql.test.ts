import { StatusCode } from "@skein/model";
import type { Span } from "@skein/model";
import { attribute, compare, intrinsic } from "@skein/storage";
import type { SpanFilter, TraceQuery, TraceSummary } from "@skein/storage";
import { MemoryStorage, attrs, collect, makeSpan, spanIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { encodeSpanWrite, qualifiedTable } from "./encoded-write.js";
import { traceIdHalves } from "./id-columns.js";
import { migrate } from "./migrations.js";
import { tableNames } from "./table-names.js";
import type { TableNames } from "./table-names.js";
import { freshDatabase } from "./testdata/test-database.js";
import { startClickHouseCluster } from "./testing/index.js";
import type { ClickHouseTestCluster } from "./testing/index.js";
import { traceSearchSql } from "./trace-search-sql.js";
import { summaryFromRow } from "./trace-summary-row.js";
import type { TraceSummaryRow } from "./trace-summary-row.js";

const TABLES = tableNames("skein");
const DAY = 86_400_000_000_000n;
/** Midnight UTC, 2023-11-14. */
const T0 = 19_675n * DAY;

describe("traceSearchSql SQL", () => {
  it("without filter or time range", () => {
    expect(traceSearchSql({ limit: 20 }, TABLES)).toMatchSnapshot();
  });

  it("with a filter and a time range, bounded by partition days", () => {
    const filter: SpanFilter = { op: "and", filters: [compare(intrinsic("service"), "=", "cart"), compare(attribute("http.status_code", "span"), ">=", 500n)] };
    expect(traceSearchSql({ spanFilter: filter, startTimeMinUnixNano: T0 + 5n, startTimeMaxUnixNano: T0 + 2n * DAY, limit: 10 }, TABLES)).toMatchSnapshot();
  });

  it("folds bounds outside UInt64: no condition, or none matches", () => {
    const unbounded = traceSearchSql({ startTimeMinUnixNano: -5n, startTimeMaxUnixNano: 2n ** 64n, limit: 1 }, TABLES);
    expect(unbounded).not.toMatch(/start_ns [<>]=/);
    expect(traceSearchSql({ startTimeMinUnixNano: 2n ** 64n, limit: 1 }, TABLES)).toMatch(/WHERE 0\n/);
    expect(traceSearchSql({ startTimeMaxUnixNano: -1n, limit: 1 }, TABLES)).toMatch(/WHERE 0\n/);
  });

  it("a limit of 0 or less, or not a number, is LIMIT 0", () => {
    for (const limit of [0, -3, Number.NaN]) expect(traceSearchSql({ limit }, TABLES)).toMatch(/LIMIT 0$/);
    expect(traceSearchSql({ limit: 2.9 }, TABLES)).toMatch(/LIMIT 2$/);
  });
});

/**
 * Traces over three days, so that day pruning matters: some spread over days, some start at the
 * same instant (ties by id), error spans, traces without a parentless span, several services.
 * Trace ids differ in their low half too, so they spread over both shards.
 */
function traceIdFor(t: number): Uint8Array {
  const traceId = new Uint8Array(16);
  const view = new DataView(traceId.buffer);
  view.setUint32(0, 0x5c000000 + (t % 7)); // hi: few values, so ties on hi are ordered by lo
  view.setUint32(12, t * 2_654_435_761);
  return traceId;
}

function spans(): Span[] {
  const out: Span[] = [];
  let spanNumber = 1;
  for (let t = 1; t <= 40; t++) {
    const traceId = traceIdFor(t);
    const day = BigInt(t % 3);
    const start = T0 + day * DAY + BigInt((t * 7) % 5) * 1_000n; // many equal starts
    const count = 1 + (t % 4);
    for (let i = 0; i < count; i++) {
      // The 4th span of a trace lies a day later than the rest: found by a range over the
      // first day, summarized with it.
      const spanStart = start + BigInt(i) * 10n + (i === 3 ? DAY : 0n);
      out.push(
        makeSpan({
          traceId,
          spanId: spanIdOf(spanNumber++),
          parentSpanId: i === 0 && t % 5 !== 0 ? null : spanIdOf(10_000 + t),
          service: ["frontend", "cart", "db", "日本"][(t + i) % 4]!,
          name: i === 0 ? "GET /" : `op-${i}`,
          startTimeUnixNano: spanStart,
          endTimeUnixNano: spanStart + BigInt((t * 13) % 50) * 100n,
          status: { code: (t + i) % 6 === 0 ? StatusCode.ERROR : StatusCode.UNSET, message: "" },
          attributes: attrs({ n: BigInt(t), ratio: t / 8 }),
        }),
      );
    }
  }
  return out;
}

const FILTERS: (SpanFilter | undefined)[] = [
  undefined,
  compare(intrinsic("service"), "=", "cart"),
  compare(intrinsic("status"), "=", "error"),
  compare(intrinsic("name"), "=~", "op-.*"),
  compare(attribute("n", "span"), ">", 20n),
  compare(attribute("ratio", "span"), "<=", 2.5),
  { op: "or", filters: [compare(intrinsic("service"), "=", "日本"), compare(intrinsic("duration"), ">", 3_000n)] },
  compare(intrinsic("service"), "=", "nobody"),
];
const RANGES: Pick<TraceQuery, "startTimeMinUnixNano" | "startTimeMaxUnixNano">[] = [
  {},
  { startTimeMinUnixNano: T0 + DAY },
  { startTimeMaxUnixNano: T0 + DAY - 1n },
  { startTimeMinUnixNano: T0 + 2_000n, startTimeMaxUnixNano: T0 + DAY + 2_000n },
  { startTimeMinUnixNano: T0 + DAY + 30n, startTimeMaxUnixNano: T0 + DAY + 30n },
  { startTimeMinUnixNano: -1n, startTimeMaxUnixNano: 2n ** 70n },
  { startTimeMinUnixNano: T0 + 10n * DAY },
];

describe("traceSearchSql on a 2-shard cluster (Distributed tables)", () => {
  let cluster: ClickHouseTestCluster;
  let connection: ClickHouseConnection;
  let tables: TableNames;
  const reference = new MemoryStorage();

  beforeAll(async () => {
    cluster = await startClickHouseCluster({ shards: 2, name: "skein" });
    const connections = cluster.servers.map((s) => new ClickHouseConnection({ url: s.url, user: "default", password: "", requestTimeoutMs: 60_000 }));
    const database = freshDatabase("skein_search");
    await migrate(connections, { database, cluster: cluster.name });
    await Promise.all(connections.slice(1).map((c) => c.close()));
    connection = connections[0]!;
    tables = tableNames(database);
    const all = spans();
    // Two writes, so a trace's rows come from more than one insert.
    for (const batch of [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)]) {
      const write = encodeSpanWrite(batch, BigInt(batch.length));
      for (const part of [...write.side, write.main]) await connection.insertEncoded(qualifiedTable(tables, part.table), part.body);
    }
    // trace_index rows without spans (a write whose spans wait in the spool or were set aside):
    // traces 41-44 only there, on the newest day, and for every 5th trace a row a day before its
    // start. Neither may change a result.
    const orphan = (t: number, startNano: bigint) => {
      const [hi, lo] = traceIdHalves(traceIdFor(t));
      const day = new Date(Number(startNano / 1_000_000n)).toISOString().slice(0, 10);
      return JSON.stringify({ day, trace_id_hi: String(hi), trace_id_lo: String(lo), service: "cart", name: "GET /", start_min: String(startNano), start_max: String(startNano) });
    };
    const orphans = [...[41, 42, 43, 44].map((t) => orphan(t, T0 + 3n * DAY + BigInt(t))), ...[5, 10, 15, 20, 25, 30, 35, 40].map((t) => orphan(t, T0 - DAY + BigInt(t)))];
    await connection.insertJsonLines(tables.traceIndex, orphans.join("\n") + "\n");
    await reference.start();
    await reference.traces.writer.writeSpans({ spans: all });
  });
  afterAll(async () => {
    await connection?.close();
    await Promise.all(cluster?.servers.map((s) => s.kill()) ?? []); // the data is thrown away, and 18.16's graceful stop takes ~8 s
    await cluster?.dispose();
  });

  const search = async (query: TraceQuery): Promise<TraceSummary[]> => (await connection.queryAll<TraceSummaryRow>(traceSearchSql(query, tables))).map(summaryFromRow);

  it("both shards hold spans", async () => {
    for (const server of cluster.servers) expect(Number((await server.sql(`SELECT count() FROM ${tables.spans}_local`)).trim())).toBeGreaterThan(10);
  });

  it("returns what the reference adapter returns, for every filter, time range and limit (trace_index rows without spans aside)", async () => {
    const queries = FILTERS.flatMap((spanFilter) => RANGES.flatMap((range) => [1, 4, 100].map((limit) => ({ ...range, limit, ...(spanFilter ? { spanFilter } : {}) }))));
    const results = await Promise.all(queries.map(async (query) => ({ query, got: await search(query), want: await collect(reference.traces.reader.findTraces(query)) })));
    for (const { query, got, want } of results) expect(got, JSON.stringify(query, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))).toEqual(want);
    // Not vacuous: most queries find traces, some find many.
    expect(results.filter((r) => r.want.length > 0).length).toBeGreaterThan(queries.length / 2);
    expect(Math.max(...results.map((r) => r.want.length))).toBe(40);
  });

  it("summarizes spans outside the searched days", async () => {
    const [summary] = await search({ spanFilter: compare(attribute("n", "span"), "=", 3n), startTimeMaxUnixNano: T0 + 1n * DAY - 1n, limit: 5 });
    // Trace 3 starts on day 0 and has its 4th span a day later.
    expect(summary!.spanCount).toBe(4);
    expect(summary!.durationNano).toBeGreaterThan(DAY - 1_000_000n);
  });
});
