import { describe, expect, it } from "vitest";
import { VERSUS_DUCKDB, compareEngines, figureAt } from "./engine-comparison.js";
import type { HeadlineSpec } from "./engine-comparison.js";

const SPECS: HeadlineSpec[] = [
  { key: "spansPerSecond", label: "spans/s committed", unit: "spans/s", better: "higher" },
  { key: "p99Ms", label: "p99", unit: "ms", better: "lower" },
];

describe("ClickHouse ÷ DuckDB", () => {
  it("divides ClickHouse's figure by DuckDB's, per headline key", () => {
    const { engines, ratios, rows } = compareEngines(SPECS, { spansPerSecond: 90_000, p99Ms: 12 }, { scenario: "ingest", headline: { spansPerSecond: 120_000, p99Ms: 8 } });
    expect(engines).toMatchObject({ engine: "clickhouse", against: "duckdb", againstResult: "ingest.json" });
    expect(engines.figures.map((f) => [f.key, f.clickhouse, f.duckdb, f.ratio])).toEqual([
      ["spansPerSecond", 90_000, 120_000, 0.75],
      ["p99Ms", 12, 8, 1.5],
    ]);
    expect(ratios).toEqual({ clickhouseOverDuckdbSpansPerSecond: 0.75, clickhouseOverDuckdbP99Ms: 1.5 });
    expect(rows[0]).toEqual({ metric: `${VERSUS_DUCKDB} spans/s committed (spans/s, higher is better)`, skein: "90,000", baseline: "120,000", ratio: "0.75×", target: "", verdict: "" });
    expect(rows[1]!.ratio).toBe("1.50×");
  });

  it("keeps ClickHouse's figures and reports n/a when DuckDB's run failed or lacks a figure", () => {
    const failed = compareEngines(SPECS, { spansPerSecond: 90_000, p99Ms: 12 }, undefined);
    expect(failed.engines.againstResult).toBeNull();
    expect(failed.engines.figures.every((f) => f.duckdb === null && f.ratio === null)).toBe(true);
    expect(failed.rows.map((r) => [r.skein, r.baseline, r.ratio])).toEqual([["90,000", "n/a", "n/a"], ["12", "n/a", "n/a"]]);
    expect(failed.ratios).toEqual({});
    const partial = compareEngines(SPECS, { spansPerSecond: 90_000, p99Ms: Number.NaN }, { scenario: "x", headline: { spansPerSecond: 0 } });
    expect(partial.engines.figures.map((f) => f.ratio)).toEqual([null, null]); // ÷ 0 and NaN are not ratios
  });
});

describe("figureAt", () => {
  const result = { baselines: { zstd: { bytesPerSpan: 43.7 }, note: "x", nan: Number.NaN } };

  it("reads a finite number by path", () => {
    expect(figureAt(result, "baselines", "zstd", "bytesPerSpan")).toBe(43.7);
  });

  it("is undefined for a missing result, path, non-number or non-finite value", () => {
    expect(figureAt(undefined, "baselines")).toBeUndefined();
    expect(figureAt(result, "baselines", "parquet", "bytesPerSpan")).toBeUndefined();
    expect(figureAt(result, "baselines", "note")).toBeUndefined();
    expect(figureAt(result, "baselines", "nan")).toBeUndefined();
    expect(figureAt(result, "baselines", "note", "length")).toBeUndefined();
  });
});
