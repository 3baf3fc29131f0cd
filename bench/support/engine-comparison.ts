import { round } from "./latency.js";
import type { Row } from "./results.js";
import { fmt, ratioText } from "./results.js";

/** A headline figure that both engines' results carry under `key`. */
export interface HeadlineSpec {
  key: string;
  /** the table's metric text, e.g. "spans/s committed" */
  label: string;
  unit: string;
  /** which way is better, to read the ratio: for "higher" a ratio above 1 favours ClickHouse */
  better: "higher" | "lower";
}

export interface ComparedFigure extends HeadlineSpec {
  clickhouse: number | null;
  duckdb: number | null;
  /** clickhouse ÷ duckdb; null when either is missing or the division is not finite */
  ratio: number | null;
}

/** ClickHouse's headline figures beside DuckDB's, measured in the same run. */
export interface EngineComparison {
  engine: "clickhouse";
  against: "duckdb";
  /** the DuckDB result file of the same run these figures came from, or null if DuckDB's run failed */
  againstResult: string | null;
  figures: ComparedFigure[];
}

/** Prefix of the comparison rows in the printed table. */
export const VERSUS_DUCKDB = "vs DuckDB, same run:";

function finite(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/**
 * Sets ClickHouse's headline figures beside DuckDB's (absent when DuckDB's run failed): the
 * comparison for the JSON, one table row per figure (ClickHouse in the "skein" column, DuckDB
 * in "baseline", ratio ClickHouse ÷ DuckDB), and the ratios keyed `clickhouseOverDuckdb<Key>`.
 */
export function compareEngines(
  specs: readonly HeadlineSpec[],
  clickhouse: Record<string, number>,
  duckdb: { scenario: string; headline?: Record<string, number> } | undefined,
): { engines: EngineComparison; rows: Row[]; ratios: Record<string, number> } {
  const figures = specs.map((spec): ComparedFigure => {
    const ch = finite(clickhouse[spec.key]);
    const dd = finite(duckdb?.headline?.[spec.key]);
    const ratio = ch !== null && dd !== null && dd !== 0 ? round(ch / dd) : null;
    return { ...spec, clickhouse: ch, duckdb: dd, ratio };
  });
  const rows = figures.map((f): Row => ({
    metric: `${VERSUS_DUCKDB} ${f.label} (${f.unit}, ${f.better} is better)`,
    skein: f.clickhouse === null ? "n/a" : fmt(f.clickhouse),
    baseline: f.duckdb === null ? "n/a" : fmt(f.duckdb),
    ratio: f.ratio === null ? "n/a" : ratioText(f.ratio),
    target: "",
    verdict: "",
  }));
  const ratios: Record<string, number> = {};
  for (const f of figures) if (f.ratio !== null) ratios[`clickhouseOverDuckdb${f.key[0]!.toUpperCase()}${f.key.slice(1)}`] = f.ratio;
  const againstResult = duckdb ? `${duckdb.scenario}.json` : null;
  return { engines: { engine: "clickhouse", against: "duckdb", againstResult, figures }, rows, ratios };
}

/**
 * A number inside another result of the same run, by property path (e.g. DuckDB's
 * `baselines.zstd.bytesPerSpan`), so a ClickHouse result reuses an engine-neutral baseline
 * instead of measuring it twice; undefined when the result or the figure is missing.
 */
export function figureAt(result: object | undefined, ...path: string[]): number | undefined {
  let at: unknown = result;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === "number" && Number.isFinite(at) ? at : undefined;
}
