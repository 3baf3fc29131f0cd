import { rmSync } from "node:fs";
import { join } from "node:path";
import { SKEIN_DATA_DIR } from "../support/dataset.js";
import { DirectDuckDb } from "../support/duckdb-direct.js";
import { round } from "../support/latency.js";
import type { ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import type { Headline, STORAGE_HEADLINE } from "../support/headlines.js";
import { DATA_DIR } from "../support/repo-paths.js";
import { treeBytes } from "../support/tree-bytes.js";
import { zstdSize } from "../support/zstd-baseline.js";
import type { BenchContext, Scenario } from "./context.js";
import { ensureDataSet, payloadsOf } from "./context.js";

/**
 * Bytes on disk per span in the server's data dir after its shutdown (which checkpoints), against
 * the same spans as OTLP protobuf compressed with zstd.
 */
export const storageScenario: Scenario = {
  name: "storage",
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const manifest = await ensureDataSet(ctx); // the server is stopped afterwards
    const disk = treeBytes(SKEIN_DATA_DIR);
    const perSpan = disk.bytes / manifest.committedSpans;
    const payloads = payloadsOf(ctx, manifest.plan); // regenerated when the data set is from an earlier run
    process.stderr.write("  baseline: zstd -3 of the OTLP payloads\n");
    const zstd = await zstdSize(payloads.requests, 3);
    const spans = payloads.spanCounts.reduce((s, n) => s + n, 0);
    const zstdPerSpan = zstd.outputBytes / spans;
    process.stderr.write("  baseline: the spans table as zstd Parquet (DuckDB COPY)\n");
    const parquetFile = join(DATA_DIR, "spans-baseline.parquet");
    const db = await DirectDuckDb.open();
    let parquetBytes: number;
    let storedSpans: number;
    let blocks: { blockSize: number; total: number; used: number; free: number };
    try {
      storedSpans = await db.count("spans");
      blocks = await db.blocks();
      parquetBytes = await db.exportParquet("spans", parquetFile);
    } finally {
      db.close();
      rmSync(parquetFile, { force: true });
    }
    const parquetPerSpan = parquetBytes / manifest.committedSpans;
    const usedPerSpan = (blocks.used * blocks.blockSize) / manifest.committedSpans;
    const wirePerSpan = zstd.inputBytes / spans;
    const t = target("bytes on disk per span", perSpan, "max", 60, "B/span");
    const kept = target("acknowledged spans missing from the file", manifest.committedSpans - storedSpans, "max", 0, "spans");
    return {
      scenario: "storage",
      options: { ...ctx.options, storedSpans: manifest.committedSpans },
      figures: { duckdbBlocks: blocks, usedBlockBytesPerSpan: round(usedPerSpan), dataDirBytes: disk.bytes, files: disk.files, bytesPerSpan: round(perSpan), committedSpans: manifest.committedSpans, spansInFile: storedSpans },
      baselines: {
        zstd: { ...zstd, ms: round(zstd.ms), bytesPerSpan: round(zstdPerSpan) },
        otlpProtobufBytesPerSpan: round(wirePerSpan),
        spansTableAsZstdParquet: { bytes: parquetBytes, bytesPerSpan: round(parquetPerSpan) },
      },
      ratios: { skeinOverZstd: round(perSpan / zstdPerSpan), skeinOverWire: round(perSpan / wirePerSpan), skeinOverZstdParquet: round(perSpan / parquetPerSpan) },
      targets: [t, kept],
      headline: { bytesPerSpan: round(perSpan) } satisfies Headline<typeof STORAGE_HEADLINE>,
      rows: [
        { metric: "bytes/span on disk vs zstd -3 OTLP", skein: fmt(perSpan), baseline: fmt(zstdPerSpan), ratio: ratioText(perSpan / zstdPerSpan), target: targetText(t), verdict: t.pass ? "PASS" : "MISS" },
        { metric: "  bytes/span in used DuckDB blocks (free blocks excluded)", skein: fmt(usedPerSpan), baseline: fmt(zstdPerSpan), ratio: ratioText(usedPerSpan / zstdPerSpan), target: "", verdict: "" },
        { metric: "  vs the spans table as zstd Parquet", skein: fmt(perSpan), baseline: fmt(parquetPerSpan), ratio: ratioText(perSpan / parquetPerSpan), target: "", verdict: "" },
        { metric: "  vs uncompressed OTLP protobuf", skein: fmt(perSpan), baseline: fmt(wirePerSpan), ratio: ratioText(perSpan / wirePerSpan), target: "", verdict: "" },
        { metric: "spans in the file / acknowledged", skein: `${storedSpans.toLocaleString("en-US")} / ${manifest.committedSpans.toLocaleString("en-US")}`, baseline: "", ratio: "", target: targetText(kept), verdict: kept.pass ? "PASS" : "MISS" },
      ],
      notes: [
        "Data dir measured after SIGTERM (the server checkpoints on shutdown): every file under it, WAL included.",
        `Baseline: ${zstd.tool}, level 3, the concatenated ExportTraceServiceRequest payloads as one stream. Ratio = Skein ÷ baseline (lower is better).`,
        "Second baseline: the server's own spans table written by DuckDB as one zstd Parquet file (what the same columns cost in a columnar archive).",
      ],
    };
  },
};
