import { join } from "node:path";
import { activeParts, countRows } from "../support/clickhouse-data-set.js";
import type { PartsFigure } from "../support/clickhouse-data-set.js";
import { CLICKHOUSE_DATABASE, CLICKHOUSE_DATA_SET, CLICKHOUSE_SERVER_DIR } from "../support/data-set-location.js";
import { compareEngines, figureAt } from "../support/engine-comparison.js";
import type { Headline } from "../support/headlines.js";
import { STORAGE_HEADLINE } from "../support/headlines.js";
import { round } from "../support/latency.js";
import type { Row, ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import { treeBytes } from "../support/tree-bytes.js";
import { zstdSize } from "../support/zstd-baseline.js";
import type { BenchContext, ClickHouseScenario } from "./context.js";
import { clickhouseState, clickhouseOf, ensureDataSet, payloadsOf } from "./context.js";

const row = (metric: string, skein: string, extra: Partial<Row> = {}): Row => ({ metric, skein, baseline: "", ratio: "", target: "", verdict: "", ...extra });
const sum = (parts: PartsFigure[], key: "bytesOnDisk" | "rows" | "parts"): number => parts.reduce((s, p) => s + p[key], 0);

/**
 * `storage` on ClickHouse: bytes on disk of the bench database's active parts (system.parts
 * bytes_on_disk, after OPTIMIZE … FINAL, i.e. one part per daily partition) ÷ acknowledged spans;
 * Skein's own data dir (the spool: empty when every write reached ClickHouse); the same zstd and
 * Parquet baselines as DuckDB's run, then ClickHouse ÷ DuckDB.
 */
export const storageClickHouseScenario: ClickHouseScenario = {
  name: "storage",
  async run(ctx: BenchContext, duckdb: ScenarioResult | undefined): Promise<ScenarioResult> {
    const manifest = await ensureDataSet(ctx, CLICKHOUSE_DATA_SET);
    const settled = clickhouseState(manifest);
    const clickhouse = await clickhouseOf(ctx);
    const direct = clickhouse.direct();
    let parts: PartsFigure[];
    let stored: number;
    let distinct: number;
    try {
      parts = await activeParts(direct);
      stored = await countRows(direct, "spans");
      const [d] = await direct.rows<{ n: string }>(`SELECT uniqExact(trace_id_hi, trace_id_lo, span_id) AS n FROM ${CLICKHOUSE_DATABASE}.spans`);
      distinct = Number(d?.n ?? 0);
    } finally {
      direct.close();
    }
    // The spool itself: its lock file beside it stays after a clean close.
    const spool = treeBytes(join(CLICKHOUSE_DATA_SET.skeinDataDir, "clickhouse-spool"));
    const directory = treeBytes(join(CLICKHOUSE_SERVER_DIR, "data", "data", CLICKHOUSE_DATABASE));
    const committed = manifest.committedSpans;
    const bytes = sum(parts, "bytesOnDisk");
    const perSpan = bytes / committed;
    const asIngested = sum(settled.partsAsIngested, "bytesOnDisk") / committed;

    // Engine-neutral baselines: DuckDB's run measured them on the same payloads.
    let zstdPerSpan = figureAt(duckdb, "baselines", "zstd", "bytesPerSpan");
    let wirePerSpan = figureAt(duckdb, "baselines", "otlpProtobufBytesPerSpan");
    const zstdFrom = zstdPerSpan === undefined ? "this run" : "DuckDB's run (same payloads)";
    if (zstdPerSpan === undefined || wirePerSpan === undefined) {
      const payloads = payloadsOf(ctx, manifest.plan);
      process.stderr.write("  baseline: zstd -3 of the OTLP payloads\n");
      const zstd = await zstdSize(payloads.requests, 3);
      const spans = payloads.spanCounts.reduce((s, n) => s + n, 0);
      zstdPerSpan = zstd.outputBytes / spans;
      wirePerSpan = zstd.inputBytes / spans;
    }
    const parquetPerSpan = figureAt(duckdb, "baselines", "spansTableAsZstdParquet", "bytesPerSpan");

    const t = target("bytes on disk per span", perSpan, "max", 60, "B/span");
    const kept = target("acknowledged spans missing from ClickHouse", committed - stored, "max", 0, "spans");
    const unique = target("duplicate spans (same trace id and span id)", stored - distinct, "max", 0, "spans");
    const emptySpool = target("spool bytes after shutdown", spool.bytes, "max", 0, "bytes");
    const headline: Headline<typeof STORAGE_HEADLINE> = { bytesPerSpan: round(perSpan) };
    const compared = compareEngines(STORAGE_HEADLINE, headline, duckdb);
    const verdict = (x: { pass: boolean }): Row["verdict"] => (x.pass ? "PASS" : "MISS");
    const rows: Row[] = [
      row("bytes/span, active parts after OPTIMIZE FINAL, vs zstd -3 OTLP", fmt(perSpan), { baseline: fmt(zstdPerSpan), ratio: ratioText(perSpan / zstdPerSpan), target: targetText(t), verdict: verdict(t) }),
      ...(parquetPerSpan === undefined ? [] : [row("  vs DuckDB's spans table as zstd Parquet", fmt(perSpan), { baseline: fmt(parquetPerSpan), ratio: ratioText(perSpan / parquetPerSpan) })]),
      row("  vs uncompressed OTLP protobuf", fmt(perSpan), { baseline: fmt(wirePerSpan), ratio: ratioText(perSpan / wirePerSpan) }),
      ...parts.map((p) => row(`  table ${p.table}: bytes/span (parts)`, `${fmt(p.bytesOnDisk / committed)} (${p.parts})`)),
      row("bytes/span as ingested, before OPTIMIZE FINAL (parts)", `${fmt(asIngested)} (${sum(settled.partsAsIngested, "parts")})`),
      row("database directory bytes/span (incl. inactive parts)", fmt(directory.bytes / committed)),
      row("spool: bytes in <data-dir>/clickhouse-spool after shutdown", fmt(spool.bytes), { target: targetText(emptySpool), verdict: verdict(emptySpool) }),
      row("spans in ClickHouse / acknowledged", `${stored.toLocaleString("en-US")} / ${committed.toLocaleString("en-US")}`, { target: targetText(kept), verdict: verdict(kept) }),
      row("duplicate spans", String(stored - distinct), { target: targetText(unique), verdict: verdict(unique) }),
      ...compared.rows,
    ];
    return {
      scenario: "storage-clickhouse",
      options: { ...ctx.options, engine: "clickhouse", clickhouseVersion: settled.serverVersion, database: CLICKHOUSE_DATABASE, storedSpans: committed },
      figures: {
        bytesPerSpan: round(perSpan),
        activePartBytes: bytes,
        parts,
        bytesPerSpanAsIngested: round(asIngested),
        partsAsIngested: settled.partsAsIngested,
        optimizeFinalMs: settled.optimizeFinalMs,
        databaseDirectoryBytes: directory.bytes,
        spoolBytes: spool.bytes,
        spoolFiles: spool.files,
        committedSpans: committed,
        spansInClickHouse: stored,
        distinctSpans: distinct,
      },
      baselines: {
        zstdBytesPerSpan: round(zstdPerSpan),
        otlpProtobufBytesPerSpan: round(wirePerSpan),
        zstdMeasuredIn: zstdFrom,
        duckdbSpansTableAsZstdParquetBytesPerSpan: parquetPerSpan ?? null,
      },
      ratios: {
        skeinOverZstd: round(perSpan / zstdPerSpan),
        skeinOverWire: round(perSpan / wirePerSpan),
        ...(parquetPerSpan === undefined ? {} : { skeinOverZstdParquet: round(perSpan / parquetPerSpan) }),
        ...compared.ratios,
      },
      targets: [t, kept, unique, emptySpool],
      rows,
      headline,
      engines: compared.engines,
      notes: [
        "Bytes = sum of system.parts.bytes_on_disk of the active parts of every table in the bench database (spans, trace_index, operations, logs, migrations), after OPTIMIZE … FINAL ran once the ingest's Skein had stopped: one part per daily partition, the state background merges settle to. Inactive parts (removed by ClickHouse after ~8 minutes) are not counted; the directory figure includes them.",
        "DuckDB's figure is its data dir after the server's shutdown checkpoint; both are divided by the spans acknowledged.",
        `zstd baseline: from ${zstdFrom}. Parquet baseline: DuckDB's spans table written as zstd Parquet in DuckDB's run (absent if that failed).`,
        "'vs DuckDB, same run' rows: ClickHouse's figure, DuckDB's (storage.json of this run) and the ratio ClickHouse ÷ DuckDB.",
      ],
    };
  },
};
