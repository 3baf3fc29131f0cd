import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LATENCY_BUCKET_COUNT, latencyBucketOf, latencyBucketUpperNano, StatusCode, bytesToHex } from "@skein/model";
import { BASE_TIME_NANO, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { ClickHouseStorage } from "./clickhouse-storage.js";
import { bucketSql, spanHistogramSql } from "./span-histogram-sql.js";
import { tableNames } from "./table-names.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

const TABLES = tableNames("skein");
const MS = 1_000_000n;

describe("spanHistogramSql", () => {
  it("filters as the search, windows by the step and keeps up to N exemplars per cell", () => {
    const filter = { op: "compare", field: { type: "intrinsic", name: "service" }, cmp: "=", value: "cart" } as const;
    expect(spanHistogramSql({ spanFilter: filter, startTimeMinUnixNano: BASE_TIME_NANO, startTimeMaxUnixNano: BASE_TIME_NANO + 3_600_000n * MS, stepNano: 60_000n * MS, exemplars: 3 }, TABLES)).toMatchSnapshot();
    expect(spanHistogramSql({ exemplars: 0 }, TABLES)).toMatchSnapshot();
  });

  it("refuses a step ≤ 0 and exemplar counts outside 0–10", () => {
    expect(() => spanHistogramSql({ stepNano: 0n, exemplars: 1 }, TABLES)).toThrow(RangeError);
    for (const exemplars of [-1, 11, 1.5]) expect(() => spanHistogramSql({ exemplars }, TABLES)).toThrow(RangeError);
  });
});

let server: ClickHouseServerProcess;
let connection: ClickHouseConnection;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
  connection = new ClickHouseConnection({ url: server.url, user: "default", password: "", requestTimeoutMs: 30_000 });
});
afterAll(async () => {
  await connection?.close();
  await killAndDispose([server]);
});

describe("bucketSql on a real server", () => {
  it("equals latencyBucketOf at every bound, one ns on either side, and at the extremes", async () => {
    const durations = new Set<bigint>([0n, 1n, 999n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n]);
    for (let b = 0; b < LATENCY_BUCKET_COUNT - 1; b++) {
      const bound = BigInt(latencyBucketUpperNano(b)!);
      for (const d of [bound - 1n, bound, bound + 1n]) durations.add(d);
    }
    // Pseudo-random durations across the whole scale too.
    let x = 12345n;
    for (let i = 0; i < 2_000; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      durations.add(x >> (x % 64n));
    }
    const list = [...durations];
    const rows = await connection.queryAll<{ text: string; b: number | string }>(
      `SELECT toString(d) AS text, ${bucketSql("d")} AS b FROM (SELECT toUInt64(arrayJoin(splitByChar(',', '${list.join(",")}'))) AS d)`,
    );
    expect(rows).toHaveLength(list.length);
    const wrong = rows.filter((r) => Number(r.b) !== latencyBucketOf(Number(BigInt(r.text))));
    expect(wrong).toEqual([]);
  });
});

describe("spanLatencyHistogram through the storage", () => {
  let storage: ClickHouseStorage;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "skein-ch-histogram-"));
    storage = new ClickHouseStorage({ dataDir, options: { url: server.url, database: freshDatabase(), insertTimeoutMs: 30_000 } });
    await storage.start();
  });
  afterAll(async () => {
    await storage?.shutdown();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("counts matching spans by window and bucket, weighted, with exemplars of the cell", async () => {
    const start = BASE_TIME_NANO;
    const span = (n: number, offsetMs: bigint, durationNano: bigint, overrides = {}) =>
      makeSpan({ traceId: traceIdOf(500 + n), spanId: spanIdOf(500 + n), service: "hist", name: "op", startTimeUnixNano: start + offsetMs * MS, endTimeUnixNano: start + offsetMs * MS + durationNano, ...overrides });
    await storage.traces.writer.writeSpans({
      spans: [
        span(1, 0n, 1_000_000n),
        span(2, 10n, 1_000_000n, { sampleWeight: 4 }),
        span(3, 20n, 1_000_000n),
        span(4, 60_000n, 5_000n, { status: { code: StatusCode.ERROR, message: "" } }),
        span(5, 60_001n, -5n), // end before start: duration 0
        span(6, 0n, 1_000_000n, { service: "other" }),
      ],
    });
    const cells = await storage.traces.reader.spanLatencyHistogram({
      spanFilter: { op: "compare", field: { type: "intrinsic", name: "service" }, cmp: "=", value: "hist" },
      startTimeMinUnixNano: start,
      startTimeMaxUnixNano: start + 120_000n * MS,
      stepNano: 60_000n * MS,
      exemplars: 2,
    });
    const window = (offsetMs: bigint) => ((start + offsetMs * MS) / (60_000n * MS)) * 60_000n * MS;
    const summary = cells.map((c) => ({ w: c.windowStartUnixNano, b: c.bucket, n: c.count, ex: c.exemplars.length })).sort((a, b) => Number(a.w - b.w) || a.b - b.b);
    expect(summary).toEqual([
      { w: window(0n), b: latencyBucketOf(1_000_000), n: 6, ex: 2 },
      { w: window(60_000n), b: 0, n: 1, ex: 1 },
      { w: window(60_000n), b: latencyBucketOf(5_000), n: 1, ex: 1 },
    ].sort((a, b) => Number(a.w - b.w) || a.b - b.b));
    const zero = cells.find((c) => c.bucket === 0)!;
    expect(zero.exemplars).toEqual([{ traceId: traceIdOf(505), spanId: spanIdOf(505), durationNano: 0n }]);
    const firstCell = cells.find((c) => c.bucket === latencyBucketOf(1_000_000))!;
    for (const e of firstCell.exemplars) expect([1, 2, 3].map((n) => bytesToHex(traceIdOf(500 + n)))).toContain(bytesToHex(e.traceId));

    // Without a step: one window at 0; an error-status filter; no exemplars.
    const errors = await storage.traces.reader.spanLatencyHistogram({ spanFilter: { op: "compare", field: { type: "intrinsic", name: "status" }, cmp: "=", value: "error" }, exemplars: 0 });
    expect(errors).toEqual([{ windowStartUnixNano: 0n, bucket: latencyBucketOf(5_000), count: 1, exemplars: [] }]);
  });
});
