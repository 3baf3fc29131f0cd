import { cpus, totalmem } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineComparison } from "./engine-comparison.js";
import { RESULTS_DIR } from "./repo-paths.js";

/** One line of the printed table; also kept in the scenario's JSON. */
export interface Row {
  metric: string;
  skein: string;
  baseline: string;
  /** skein / baseline, oriented so that > 1 means Skein is better (see `ratioNote`) */
  ratio: string;
  target: string;
  verdict: "PASS" | "MISS" | "";
}

export interface Target {
  name: string;
  value: number;
  limit: number;
  /** "min": value must be ≥ limit; "max": value must be ≤ limit */
  kind: "min" | "max";
  unit: string;
  pass: boolean;
}

export function target(name: string, value: number, kind: "min" | "max", limit: number, unit: string): Target {
  const pass = Number.isFinite(value) && (kind === "min" ? value >= limit : value <= limit);
  return { name, value, limit, kind, unit, pass };
}

export function targetText(t: Target): string {
  return `${t.kind === "min" ? "≥" : "≤"} ${fmt(t.limit)} ${t.unit}`;
}

export function machineInfo(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpuModel: cpu[0]?.model ?? "unknown",
    totalMemoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

export interface ScenarioResult {
  scenario: string;
  options: Record<string, unknown>;
  figures: Record<string, unknown>;
  baselines: Record<string, unknown>;
  ratios: Record<string, number>;
  targets: Target[];
  rows: Row[];
  notes: string[];
  /**
   * The figures both engines report under the same keys (see engine-comparison.ts), so a
   * `--storage clickhouse` run can set ClickHouse's beside DuckDB's.
   */
  headline?: Record<string, number>;
  /** In a ClickHouse result: its headline figures beside DuckDB's from the same run, and the ratios. */
  engines?: EngineComparison;
}

/** Writes bench/results/<scenario>.json (a ClickHouse result's scenario is `<name>-clickhouse`); returns the path. */
export function writeResult(result: ScenarioResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.scenario}.json`);
  const body = { ...result, machine: machineInfo() };
  writeFileSync(file, JSON.stringify(body, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n");
  return file;
}

/** Human number: thousands separators, at most 3 significant decimals. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return "n/a";
  if (Number.isInteger(v) && Math.abs(v) < 1000) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function ratioText(v: number): string {
  return Number.isFinite(v) ? `${v.toFixed(2)}×` : "n/a";
}

export function printTable(results: ScenarioResult[]): string {
  const header = ["scenario", "metric", "skein", "baseline", "ratio", "target", ""];
  const lines: string[][] = [header];
  for (const r of results) for (const row of r.rows) lines.push([r.scenario, row.metric, row.skein, row.baseline, row.ratio, row.target, row.verdict]);
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const render = (l: string[]): string => l.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const out = [render(lines[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...lines.slice(1).map(render)];
  return out.join("\n");
}
