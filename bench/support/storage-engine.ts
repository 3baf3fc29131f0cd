import { InvalidArgumentError } from "commander";

/**
 * `--storage duckdb|clickhouse`: the engine the data-set scenarios measure. DuckDB (the default)
 * is today's bench; ClickHouse runs each selected scenario on DuckDB and then on ClickHouse in
 * the same run, over the same data set, and compares the two.
 */
export const STORAGE_ENGINES = ["duckdb", "clickhouse"] as const;
export type StorageEngine = (typeof STORAGE_ENGINES)[number];

/** The scenarios that exist for both engines (they use the stored data set). */
export const ENGINE_SCENARIOS = ["ingest", "storage", "trace-by-id", "search", "insights"] as const;

export function parseStorageEngine(text: string): StorageEngine {
  const engine = STORAGE_ENGINES.find((e) => e === text.trim().toLowerCase());
  if (engine === undefined) throw new InvalidArgumentError(`expected one of ${STORAGE_ENGINES.join(", ")}, got ${JSON.stringify(text)}`);
  return engine;
}

/**
 * The scenarios to run, in `all`'s order: the requested ones, or every scenario when none is
 * named — under ClickHouse only the scenarios that use the storage engine, since `ui` and `sdk` do not touch
 * the storage engine. Returns an error text for unknown names, and for `ui`/`sdk` under ClickHouse.
 */
export function selectScenarios(requested: readonly string[], all: readonly string[], engine: StorageEngine): { names: string[] } | { error: string } {
  const unknown = requested.filter((n) => !all.includes(n));
  if (unknown.length) return { error: `unknown scenario(s): ${unknown.join(", ")}; choose from ${all.join(", ")}` };
  const engineOnly = (n: string): boolean => (ENGINE_SCENARIOS as readonly string[]).includes(n);
  if (engine === "clickhouse") {
    const other = requested.filter((n) => !engineOnly(n));
    if (other.length) {
      const them = other.length > 1 ? `${other.join(" and ")} do not use the storage engine; run them` : `${other[0]} does not use the storage engine; run it`;
      return { error: `${them} without --storage clickhouse (which runs ${ENGINE_SCENARIOS.join(", ")})` };
    }
  }
  const wanted = requested.length ? requested : engine === "clickhouse" ? all.filter(engineOnly) : all;
  return { names: all.filter((n) => wanted.includes(n)) };
}
