import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LATENCY_BUCKET_COUNT, SpanKind, StatusCode } from "@skein/model";
import type { SpanMetricsCell, SpanMetricsRow } from "@skein/storage";
import { collect } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseStorage } from "./clickhouse-storage.js";
import { serviceGraphSql, spanMetricsSql } from "./metrics-sql.js";
import { tableNames } from "./table-names.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

// Rollups through the started storage on one real server: additive writes summed by the reader,
// epoch-aligned windows, grouping and filters, node types, retention of rollup days.

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
const T0 = Date.UTC(2024, 0, 10); // a day boundary
let server: ClickHouseServerProcess;
let storage: ClickHouseStorage;
let dataDir: string;
const database = freshDatabase();

beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
  dataDir = await mkdtemp(join(tmpdir(), "skein-ch-metrics-"));
  storage = new ClickHouseStorage({ dataDir, options: { url: server.url, database, insertTimeoutMs: 30_000 } });
  await storage.start();
});
afterAll(async () => {
  await storage?.shutdown();
  await killAndDispose([server]);
  await rm(dataDir, { recursive: true, force: true });
});

function row(minuteUnixMs: number, service: string, overrides: Partial<SpanMetricsRow> = {}): SpanMetricsRow {
  return { minuteUnixMs, service, operation: "GET /", kind: SpanKind.SERVER, status: StatusCode.UNSET, buckets: [{ bucket: 10, count: 1 }], ...overrides };
}

const key = (c: SpanMetricsCell) => `${c.windowStartUnixMs}|${c.service}|${c.operation}|${c.kind}|${c.error}|${c.bucket}`;
async function cells(query: Parameters<ClickHouseStorage["metrics"]["reader"]["querySpanMetrics"]>[0]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of (await collect(storage.metrics.reader.querySpanMetrics(query))).flat()) {
    expect(out[key(c)], `cell ${key(c)} twice`).toBeUndefined();
    out[key(c)] = c.count;
  }
  return out;
}

describe("ClickHouse span metrics", () => {
  it("sums additive rows, splits errors, windows by epoch-aligned steps and groups only the fields asked for", async () => {
    const s = "sum-svc";
    await storage.metrics.writer.writeRollups({
      spanMetrics: [
        row(T0, s, { buckets: [{ bucket: 10, count: 2 }, { bucket: 12, count: 0.5 }] }),
        row(T0, s, { status: StatusCode.ERROR, buckets: [{ bucket: 12, count: 3 }] }),
        row(T0 + MINUTE, s, { operation: "POST /", kind: SpanKind.CLIENT, status: StatusCode.OK, buckets: [{ bucket: 10, count: 4 }] }),
        row(T0 + 5 * MINUTE, s, { buckets: [{ bucket: 0, count: 1 }, { bucket: 288, count: 1 }] }),
      ],
      serviceGraph: [],
    });
    // The same minute flushed again (another node): added, not replaced.
    await storage.metrics.writer.writeRollups({ spanMetrics: [row(T0, s, { buckets: [{ bucket: 10, count: 1 }] })], serviceGraph: [] });

    const range = { startUnixMs: T0, endUnixMs: T0 + 10 * MINUTE, services: [s] };
    expect(await cells({ ...range, stepMs: 5 * MINUTE, groupBy: {} })).toEqual({
      [`${T0}|null|null|null|false|10`]: 7,
      [`${T0}|null|null|null|false|12`]: 0.5,
      [`${T0}|null|null|null|true|12`]: 3,
      [`${T0 + 5 * MINUTE}|null|null|null|false|0`]: 1,
      [`${T0 + 5 * MINUTE}|null|null|null|false|288`]: 1,
    });
    expect(await cells({ ...range, stepMs: MINUTE, operation: "POST /", groupBy: { service: true, operation: true, kind: true } })).toEqual({
      [`${T0 + MINUTE}|${s}|POST /|${SpanKind.CLIENT}|false|10`]: 4,
    });
    expect(await cells({ ...range, stepMs: 10 * MINUTE, kinds: [SpanKind.SERVER], groupBy: { kind: true } })).toEqual({
      [`${T0}|null|null|${SpanKind.SERVER}|false|10`]: 3,
      [`${T0}|null|null|${SpanKind.SERVER}|false|12`]: 0.5,
      [`${T0}|null|null|${SpanKind.SERVER}|true|12`]: 3,
      [`${T0}|null|null|${SpanKind.SERVER}|false|0`]: 1,
      [`${T0}|null|null|${SpanKind.SERVER}|false|288`]: 1,
    });
    // The end is exclusive, the start inclusive; an empty service list or range matches nothing.
    expect(await cells({ ...range, startUnixMs: T0 + MINUTE, endUnixMs: T0 + 5 * MINUTE, stepMs: MINUTE, groupBy: {} })).toEqual({ [`${T0 + MINUTE}|null|null|null|false|10`]: 4 });
    expect(await cells({ ...range, services: [], stepMs: MINUTE, groupBy: {} })).toEqual({});
    expect(await cells({ ...range, endUnixMs: T0, stepMs: MINUTE, groupBy: {} })).toEqual({});
    await expect(cells({ ...range, stepMs: 90_000, groupBy: {} })).rejects.toThrow(RangeError);
  });

  it("keeps hostile service and operation names as data", async () => {
    const hostile = ["a'b", "c\\d", "e\tf\ng", "'); DROP TABLE x; --", "\u0000nul", "ünï🙂", "\ud800lone"];
    await storage.metrics.writer.writeRollups({ spanMetrics: hostile.map((name, i) => row(T0 + DAY_MS, name, { operation: name, buckets: [{ bucket: i + 1, count: 1 }] })), serviceGraph: [] });
    for (const [i, name] of hostile.entries()) {
      const got = (await collect(storage.metrics.reader.querySpanMetrics({ startUnixMs: T0 + DAY_MS, endUnixMs: T0 + DAY_MS + MINUTE, stepMs: MINUTE, services: [name], operation: name, groupBy: { service: true, operation: true } }))).flat();
      const stored = name.replace("\ud800", "\ufffd");
      expect(got).toEqual([{ windowStartUnixMs: T0 + DAY_MS, service: stored, operation: stored, kind: null, error: false, bucket: i + 1, count: 1 }]);
    }
  });

  it("refuses rows that must not be stored (outside the bucket scheme, counts not > 0), before writing anything", async () => {
    const buckets = (bucket: number, count: number) => ({ buckets: [{ bucket, count }] });
    const badBuckets = [buckets(1.5, 1), buckets(1, Number.NaN), buckets(LATENCY_BUCKET_COUNT, 1), buckets(65_535, 1), buckets(-1, 1), buckets(1, -1), buckets(1, 0), buckets(1, Infinity)];
    for (const bad of [row(T0 + 1, "x"), row(-MINUTE, "x"), ...badBuckets.map((b) => row(T0, "x", b))]) {
      await expect(storage.metrics.writer.writeRollups({ spanMetrics: [row(T0, "refused"), bad], serviceGraph: [] }), JSON.stringify(bad)).rejects.toThrow(RangeError);
    }
    const edge = { minuteUnixMs: T0, source: "refused", sourceType: "service" as const, target: "pg", targetType: "database" as const, failed: false };
    for (const bad of badBuckets) {
      const call = { spanMetrics: [], serviceGraph: [{ ...edge, ...buckets(3, 1) }, { ...edge, ...bad }] };
      await expect(storage.metrics.writer.writeRollups(call), JSON.stringify(bad)).rejects.toThrow(RangeError);
    }
    expect(await cells({ startUnixMs: 0, endUnixMs: T0 + 2 * DAY_MS, stepMs: MINUTE, services: ["refused"], groupBy: {} })).toEqual({});
    expect((await collect(storage.metrics.reader.queryServiceGraph({ startUnixMs: 0, endUnixMs: T0 + 2 * DAY_MS }))).flat().filter((c) => c.source === "refused")).toEqual([]);
    // The last bucket of the scheme is stored.
    await storage.metrics.writer.writeRollups({ spanMetrics: [row(T0, "last-bucket", buckets(LATENCY_BUCKET_COUNT - 1, 2))], serviceGraph: [] });
    expect(await cells({ startUnixMs: T0, endUnixMs: T0 + MINUTE, stepMs: MINUTE, services: ["last-bucket"], groupBy: {} })).toEqual({ [`${T0}|null|null|null|false|${LATENCY_BUCKET_COUNT - 1}`]: 2 });
  });
});

describe("ClickHouse service graph", () => {
  it("sums edges over the range by (source, target, types, failed, bucket)", async () => {
    const t = T0 + 3 * DAY_MS;
    const edge = { source: "front", sourceType: "service" as const, target: "pg", targetType: "database" as const, failed: false };
    await storage.metrics.writer.writeRollups({
      spanMetrics: [],
      serviceGraph: [
        { ...edge, minuteUnixMs: t, buckets: [{ bucket: 40, count: 2 }] },
        { ...edge, minuteUnixMs: t + MINUTE, buckets: [{ bucket: 40, count: 3 }, { bucket: 41, count: 1 }] },
        { ...edge, minuteUnixMs: t + MINUTE, failed: true, buckets: [{ bucket: 41, count: 1 }] },
        { ...edge, minuteUnixMs: t, target: "kafka:orders", targetType: "queue", buckets: [{ bucket: 5, count: 1 }] },
        { ...edge, minuteUnixMs: t + 2 * MINUTE, buckets: [{ bucket: 40, count: 100 }] }, // outside the range
      ],
    });
    const got = (await collect(storage.metrics.reader.queryServiceGraph({ startUnixMs: t, endUnixMs: t + 2 * MINUTE }))).flat();
    const text = got.map((c) => `${c.source}:${c.sourceType}>${c.target}:${c.targetType}|${c.failed}|${c.bucket}=${c.count}`).sort();
    expect(text).toEqual(["front:service>kafka:orders:queue|false|5=1", "front:service>pg:database|false|40=5", "front:service>pg:database|false|41=1", "front:service>pg:database|true|41=1"]);
  });

  it("retention drops rollup days before the cutoff's day and keeps later ones", async () => {
    const d = T0 + 10 * DAY_MS;
    const edge = { source: "ret", sourceType: "service" as const, target: "ret-db", targetType: "database" as const, failed: false, buckets: [{ bucket: 1, count: 1 }] };
    await storage.metrics.writer.writeRollups({
      spanMetrics: [row(d - MINUTE, "ret"), row(d, "ret")],
      serviceGraph: [{ ...edge, minuteUnixMs: d - MINUTE }, { ...edge, minuteUnixMs: d }],
    });
    await storage.deleteBefore(BigInt(d + 3_600_000) * 1_000_000n);
    expect(await cells({ startUnixMs: 0, endUnixMs: d + DAY_MS, stepMs: MINUTE, services: ["ret"], groupBy: {} })).toEqual({ [`${d}|null|null|null|false|10`]: 1 });
    const graph = (await collect(storage.metrics.reader.queryServiceGraph({ startUnixMs: 0, endUnixMs: d + DAY_MS }))).flat().filter((c) => c.source === "ret");
    expect(graph.map((c) => c.count)).toEqual([1]);
  });
});

describe("ClickHouse rollup sort keys", () => {
  /** Rows ClickHouse read for `sql` (FORMAT JSON's statistics). */
  async function rowsRead(sql: string): Promise<number> {
    const response = await fetch(`${server.url}/`, { method: "POST", body: `${sql} FORMAT JSON` });
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as { statistics: { rows_read: number } }).statistics.rows_read;
  }

  it("a one-hour read over every service reads that hour's granules, not the whole day (the hour leads both sort keys)", async () => {
    // A day of rollups for 40 services (sources): 40 × 1440 minutes × 2 buckets = 115,200 rows per table.
    const day = T0 + 20 * DAY_MS;
    const total = 40 * 1440 * 2;
    const generate = (table: string, columns: string) =>
      `INSERT INTO ${database}.${table} SELECT toDate(intDiv(m, 1000)), m, concat('k-', toString(s)), ${columns}, 40 + b, 1, 1, 0
       FROM (SELECT ${day} + intDiv(number, 80) * 60000 AS m, intDiv(number % 80, 2) AS s, number % 2 AS b FROM system.numbers LIMIT ${total})`;
    await fetch(`${server.url}/`, { method: "POST", body: generate("span_metrics", "'op', 2, 0") }).then((r) => expect(r.status).toBe(200));
    await fetch(`${server.url}/`, { method: "POST", body: generate("service_graph", "'service', 'pg', 'database', 0") }).then((r) => expect(r.status).toBe(200));
    const hour = { startUnixMs: day + 12 * 3_600_000, endUnixMs: day + 13 * 3_600_000 };
    const tables = tableNames(database);
    const metricsRead = await rowsRead(spanMetricsSql({ ...hour, stepMs: MINUTE, groupBy: { service: true } }, tables));
    const graphRead = await rowsRead(serviceGraphSql(hour, tables));
    // An hour is 1/24 of the rows; a granule is 8,192 rows: at most two granules past the hour on each side.
    for (const read of [metricsRead, graphRead]) expect(read).toBeLessThanOrEqual(total / 24 + 2 * 8_192);
    // The same answer as from the whole day.
    const cellsOfHour = await cells({ ...hour, stepMs: 3_600_000, groupBy: {} });
    expect(cellsOfHour).toEqual({ [`${hour.startUnixMs}|null|null|null|false|40`]: 40 * 60, [`${hour.startUnixMs}|null|null|null|false|41`]: 40 * 60 });
  });
});
