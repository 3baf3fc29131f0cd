import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Span } from "@skein/model";
import { compare, intrinsic } from "@skein/storage";
import type { TraceQuery } from "@skein/storage";
import { BASE_TIME_NANO, MemoryStorage, collect, makeSpan, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { ClickHouseStorage } from "./clickhouse-storage.js";
import { traceIdHalves } from "./id-columns.js";
import { tableNames } from "./table-names.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

const DAY = 86_400_000_000_000n;
let server: ClickHouseServerProcess;
let storage: ClickHouseStorage;
let raw: ClickHouseConnection;
let dataDir: string;
const database = freshDatabase("skein_reader");
const reference = new MemoryStorage();

/** A trace_index row without spans behind it (a write whose spans are still spooled, or were set aside as rejected). */
function orphanIndexRow(traceId: Uint8Array, day: string, startNano: bigint): string {
  const [hi, lo] = traceIdHalves(traceId);
  return JSON.stringify({ day, trace_id_hi: String(hi), trace_id_lo: String(lo), service: "svc", name: "op", start_min: String(startNano), start_max: String(startNano) });
}

async function write(spans: Span[]): Promise<void> {
  await storage.traces.writer.writeSpans({ spans });
  await reference.traces.writer.writeSpans({ spans });
}

beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
  dataDir = await mkdtemp(join(tmpdir(), "skein-ch-trace-reader-"));
  storage = new ClickHouseStorage({ dataDir, options: { url: server.url, database, insertTimeoutMs: 30_000 } });
  raw = new ClickHouseConnection({ url: server.url, user: "default", password: "", requestTimeoutMs: 10_000 });
  await Promise.all([storage.start(), reference.start()]);
});
afterAll(async () => {
  await storage?.shutdown();
  await raw?.close();
  await killAndDispose([server]);
  await rm(dataDir, { recursive: true, force: true });
});

describe("ClickHouseTraceReader.findTraces with trace_index rows whose spans are not stored", () => {
  // Trace 1 starts at +500 and has an orphan row at +10 (its start must stay +500); trace 2
  // starts at +100; trace 3 exists only as an orphan row, the newest of all (2030-01-01).
  beforeAll(async () => {
    await write([
      makeSpan({ traceId: traceIdOf(1), service: "svc", name: "op", startTimeUnixNano: BASE_TIME_NANO + 500n }),
      makeSpan({ traceId: traceIdOf(1), service: "svc", name: "child", startTimeUnixNano: BASE_TIME_NANO + 600n }),
      makeSpan({ traceId: traceIdOf(2), service: "svc", name: "op", startTimeUnixNano: BASE_TIME_NANO + 100n }),
    ]);
    const day = new Date(Number((BASE_TIME_NANO / DAY) * 86_400_000n)).toISOString().slice(0, 10);
    const rows = [orphanIndexRow(traceIdOf(1), day, BASE_TIME_NANO + 10n), orphanIndexRow(traceIdOf(3), "2030-01-01", 1_893_456_000_000_000_000n)];
    await raw.insertJsonLines(tableNames(database).traceIndex, rows.join("\n") + "\n");
  });

  const queries: [string, TraceQuery][] = [
    ["no filter, limit 2: both real traces, not the orphan", { limit: 2 }],
    ["no filter, limit 1: the newest real trace by its spans", { limit: 1 }],
    ["no filter, limit 10", { limit: 10 }],
    ["a filter, limit 1", { spanFilter: compare(intrinsic("service"), "=", "svc"), limit: 1 }],
    ["a time range, limit 1", { startTimeMinUnixNano: BASE_TIME_NANO, startTimeMaxUnixNano: BASE_TIME_NANO + DAY, limit: 1 }],
    ["a filter on another span than the first, limit 1", { spanFilter: compare(intrinsic("name"), "=~", "op|child"), limit: 1 }],
  ];

  it.each(queries)("%s", async (_, query) => {
    const want = await collect(reference.traces.reader.findTraces(query));
    expect(want.length).toBe(Math.min(query.limit, 2));
    expect(await collect(storage.traces.reader.findTraces(query))).toEqual(want);
  });
});

describe("ClickHouseTraceReader.findTraces and regexes RE2 refuses", () => {
  beforeAll(() => write([makeSpan({ traceId: traceIdOf(9), name: "αβγ" })]));

  // Valid in JS (the reference accepts them), refused by the server's RE2: InvalidFilterError
  // (HTTP 400), not a ClickHouseQueryError (500).
  it.each(["\\p{sc=Grek}+", "(?:a{100}){100}", "\\p{Script=Grek}"])("%s is an InvalidFilterError", async (pattern) => {
    const query: TraceQuery = { spanFilter: compare(intrinsic("name"), "=~", pattern), limit: 5 };
    await expect(collect(reference.traces.reader.findTraces(query))).resolves.toBeDefined();
    const error = await collect(storage.traces.reader.findTraces(query)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "SKEIN_ERR_INVALID_FILTER", name: "InvalidFilterError" });
    expect((error as Error).message).toMatch(/regex.*ClickHouse \(RE2\)/);
  });

  it("a regex RE2 takes still works", async () => {
    const found = await collect(storage.traces.reader.findTraces({ spanFilter: compare(intrinsic("name"), "=~", "\\p{Script=Greek}+"), limit: 5 }));
    expect(found.map((t) => t.rootName)).toEqual(["αβγ"]);
  });
});
