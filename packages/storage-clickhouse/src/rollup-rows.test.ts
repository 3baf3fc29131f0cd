import { LATENCY_BUCKET_COUNT, SpanKind, StatusCode } from "@skein/model";
import type { SpanMetricsRow } from "@skein/storage";
import { describe, expect, it } from "vitest";
import { mainRowKeys } from "./encoded-write.js";
import { encodeRollupWrites } from "./rollup-rows.js";

const T0 = Date.UTC(2024, 0, 10, 23, 59);
let ids = 0n;
const nextId = () => ++ids;
const metrics = (overrides: Partial<SpanMetricsRow> = {}): SpanMetricsRow => ({ minuteUnixMs: T0, service: "cart", operation: "GET /", kind: SpanKind.SERVER, status: StatusCode.OK, buckets: [{ bucket: 3, count: 2 }], ...overrides });

describe("encodeRollupWrites", () => {
  it("one write per non-empty table, one row per non-zero bucket, rows numbered from 0, days of the minutes", () => {
    const writes = encodeRollupWrites(
      {
        spanMetrics: [metrics({ buckets: [{ bucket: 0, count: 1 }, { bucket: 288, count: 0.25 }] }), metrics({ minuteUnixMs: T0 + 60_000, service: "a\tb\n'c" })],
        serviceGraph: [{ minuteUnixMs: T0, source: "cart", sourceType: "service", target: "pg", targetType: "database", failed: true, buckets: [{ bucket: 7, count: 3 }] }],
      },
      nextId,
    );
    expect(writes.map((w) => ({ table: w.main.table, signal: w.signal, rows: w.rows, minDay: w.minDay, maxDay: w.maxDay, side: w.side }))).toEqual([
      { table: "span_metrics", signal: "rollups", rows: 3, minDay: "2024-01-10", maxDay: "2024-01-11", side: [] },
      { table: "service_graph", signal: "rollups", rows: 1, minDay: "2024-01-10", maxDay: "2024-01-10", side: [] },
    ]);
    expect(writes[0]!.ingestId).not.toBe(writes[1]!.ingestId);
    expect(writes[0]!.main.body).toBe(
      [
        `2024-01-10\t${T0}\tcart\tGET /\t2\t1\t0\t1\t${writes[0]!.ingestId}\t0`,
        `2024-01-10\t${T0}\tcart\tGET /\t2\t1\t288\t0.25\t${writes[0]!.ingestId}\t1`,
        `2024-01-11\t${T0 + 60_000}\ta\\tb\\n\\'c\tGET /\t2\t1\t3\t2\t${writes[0]!.ingestId}\t2`,
      ].join("\n") + "\n",
    );
    expect(writes[1]!.main.body).toBe(`2024-01-10\t${T0}\tcart\tservice\tpg\tdatabase\t1\t7\t3\t${writes[1]!.ingestId}\t0\n`);
    // The dedup keys read back from the rows.
    expect(mainRowKeys(writes[0]!).map((k) => `${k.service}|${k.name}|${k.time}`)).toEqual([`cart|GET /|${T0}`, `cart|GET /|${T0}`, `a\tb\n'c|GET /|${T0 + 60_000}`]);
    expect(mainRowKeys(writes[1]!)).toEqual([{ service: "cart", name: "", time: BigInt(T0) }]);
  });

  it("nothing to write for empty rollups or rows without buckets", () => {
    expect(encodeRollupWrites({ spanMetrics: [], serviceGraph: [] }, nextId)).toEqual([]);
    expect(encodeRollupWrites({ spanMetrics: [metrics({ buckets: [] })], serviceGraph: [] }, nextId)).toEqual([]);
  });

  it("refuses what ClickHouse could not store as given", () => {
    const bad: Partial<SpanMetricsRow>[] = [
      { minuteUnixMs: T0 + 1 },
      { minuteUnixMs: -60_000 },
      { minuteUnixMs: Date.UTC(2106, 0, 1) },
      { minuteUnixMs: Number.NaN },
      { buckets: [{ bucket: -1, count: 1 }] },
      { buckets: [{ bucket: LATENCY_BUCKET_COUNT, count: 1 }] }, // past the scheme: every read of the day would fail
      { buckets: [{ bucket: 65_535, count: 1 }] },
      { buckets: [{ bucket: 65_536, count: 1 }] },
      { buckets: [{ bucket: 1, count: Infinity }] },
      { buckets: [{ bucket: 1, count: -2 }] },
      { buckets: [{ bucket: 1, count: 0 }] },
      { buckets: [{ bucket: 1, count: Number.NaN }] },
      { kind: 256 as SpanKind },
      { status: -1 as StatusCode },
    ];
    for (const overrides of bad) expect(() => encodeRollupWrites({ spanMetrics: [metrics(overrides)], serviceGraph: [] }, nextId), JSON.stringify(overrides)).toThrow(RangeError);
    const edge = { minuteUnixMs: T0, source: "a", sourceType: "service" as const, target: "b", targetType: "cache" as never, failed: false, buckets: [{ bucket: 1, count: 1 }] };
    expect(() => encodeRollupWrites({ spanMetrics: [], serviceGraph: [edge] }, nextId)).toThrow(/node type "cache"/);
    const badEdge = { ...edge, targetType: "database" as const, buckets: [{ bucket: 1, count: 1 }, { bucket: LATENCY_BUCKET_COUNT, count: 1 }] };
    expect(() => encodeRollupWrites({ spanMetrics: [], serviceGraph: [badEdge] }, nextId)).toThrow(RangeError);
    expect(encodeRollupWrites({ spanMetrics: [metrics({ buckets: [{ bucket: LATENCY_BUCKET_COUNT - 1, count: 1e-9 }] })], serviceGraph: [] }, nextId)).toHaveLength(1);
  });
});
