import type { HeadlineSpec } from "./engine-comparison.js";

/**
 * The headline figures of each data-set scenario: both engines' results carry them under these
 * keys (`ScenarioResult.headline`), and a `--storage clickhouse` run compares them ClickHouse ÷
 * DuckDB. For ClickHouse, "server-side" means Skein plus clickhouse-server (DuckDB runs inside
 * Skein), so CPU and memory compare what each deployment costs on the machine.
 */
export const INGEST_HEADLINE = [
  { key: "spansPerSecond", label: "spans/s committed (e2e)", unit: "spans/s", better: "higher" },
  { key: "spansPerCpuSecond", label: "spans per server-side CPU-second", unit: "spans/CPU-s", better: "higher" },
  { key: "peakRssMiB", label: "server-side peak RSS", unit: "MiB", better: "lower" },
  { key: "requestP50Ms", label: "request latency p50", unit: "ms", better: "lower" },
  { key: "requestP99Ms", label: "request latency p99", unit: "ms", better: "lower" },
] as const satisfies readonly HeadlineSpec[];

export const STORAGE_HEADLINE = [
  { key: "bytesPerSpan", label: "bytes on disk per span", unit: "B/span", better: "lower" },
] as const satisfies readonly HeadlineSpec[];

export const TRACE_BY_ID_HEADLINE = [
  { key: "p50Ms", label: "GET /api/v1/traces/{id} p50", unit: "ms", better: "lower" },
  { key: "p99Ms", label: "GET /api/v1/traces/{id} p99", unit: "ms", better: "lower" },
] as const satisfies readonly HeadlineSpec[];

export const SEARCH_HEADLINE = [
  { key: "serviceP50Ms", label: "search service+minDuration p50", unit: "ms", better: "lower" },
  { key: "serviceP99Ms", label: "search service+minDuration p99", unit: "ms", better: "lower" },
  { key: "attributeP50Ms", label: "search attribute p50", unit: "ms", better: "lower" },
  { key: "attributeP99Ms", label: "search attribute p99", unit: "ms", better: "lower" },
] as const satisfies readonly HeadlineSpec[];

/** The headline values a scenario must report for `specs`: exactly their keys. */
export type Headline<S extends readonly HeadlineSpec[]> = Record<S[number]["key"], number>;
