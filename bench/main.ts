import { Command } from "commander";
import { mkdirSync, writeFileSync } from "node:fs";
import type { BenchContext, ClickHouseScenario, Scenario } from "./scenarios/context.js";
import { SERVER_LOG } from "./scenarios/context.js";
import { ingestClickHouseScenario } from "./scenarios/ingest-clickhouse.js";
import { ingestScenario } from "./scenarios/ingest.js";
import { insightsClickHouseScenario } from "./scenarios/insights-clickhouse.js";
import { insightsScenario } from "./scenarios/insights.js";
import { sdkScenario } from "./scenarios/sdk.js";
import { searchClickHouseScenario } from "./scenarios/search-clickhouse.js";
import { searchScenario } from "./scenarios/search.js";
import { storageClickHouseScenario } from "./scenarios/storage-clickhouse.js";
import { storageScenario } from "./scenarios/storage.js";
import { traceByIdClickHouseScenario } from "./scenarios/trace-by-id-clickhouse.js";
import { traceByIdScenario } from "./scenarios/trace-by-id.js";
import { uiScenario } from "./scenarios/ui.js";
import { ClickHouseBenchServer } from "./support/clickhouse-bench-server.js";
import { parseCount } from "./support/parse-count.js";
import { DATA_DIR } from "./support/repo-paths.js";
import { acquireRunLock } from "./support/run-lock.js";
import type { ScenarioResult } from "./support/results.js";
import { printTable, writeResult } from "./support/results.js";
import type { StorageEngine } from "./support/storage-engine.js";
import { parseStorageEngine, selectScenarios } from "./support/storage-engine.js";

/** Every scenario, in the order `all` runs them (later ones reuse the data set `ingest` stored). */
const SCENARIOS: Scenario[] = [ingestScenario, storageScenario, traceByIdScenario, searchScenario, uiScenario, sdkScenario, insightsScenario];
/** With --storage clickhouse, each data-set scenario runs on DuckDB and then on ClickHouse. */
const CLICKHOUSE_SCENARIOS: ClickHouseScenario[] = [ingestClickHouseScenario, storageClickHouseScenario, traceByIdClickHouseScenario, searchClickHouseScenario, insightsClickHouseScenario];
/** Scenarios that use the stored data set (--spans; --clients when it has to be ingested). */
const DATA_SET_SCENARIOS = new Set(["ingest", "storage", "trace-by-id", "search"]);
/** What the others measure instead, for the progress line. */
const OWN_SIZE: Record<string, string> = {
  ui: "10k and 100k-span traces",
  sdk: "a small HTTP service at 500 req/s with and without @skein/node; pino/winston lines",
  insights: "ingest with processors on/off, then 24 h of rollups queried",
};

async function main(argv: string[]): Promise<number> {
  const program = new Command("npm run bench --")
    .description("Skein benchmarks: each scenario measures Skein and a baseline in the same run (DESIGN §9)")
    .argument("[scenarios...]", `any of ${SCENARIOS.map((s) => s.name).join(", ")} (default: all)`)
    .option("--spans <n>", "spans in the stored data set", parseCount, 1_000_000)
    .option("--clients <n>", "concurrent OTLP/HTTP clients during ingest", parseCount, 4)
    .option("--seed <n>", "seed of the span generator", parseCount, 42)
    .option("--storage <engine>", "duckdb, or clickhouse: each data-set scenario on DuckDB, then on a local clickhouse-server, compared", parseStorageEngine, "duckdb" as StorageEngine)
    .parse(argv, { from: "user" });
  const selected = selectScenarios(program.args, SCENARIOS.map((s) => s.name), program.opts<{ storage: StorageEngine }>().storage);
  if ("error" in selected) {
    process.stderr.write(`${selected.error}\n`);
    return 2;
  }
  const names = selected.names;
  const opts = program.opts<{ spans: number; clients: number; seed: number; storage: StorageEngine }>();
  const ctx: BenchContext = { options: { spans: opts.spans, clients: opts.clients, seed: opts.seed, storage: opts.storage }, manifests: {} };
  if (opts.storage === "clickhouse") ctx.clickhouse = new ClickHouseBenchServer();
  mkdirSync(DATA_DIR, { recursive: true });
  try {
    acquireRunLock();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  writeFileSync(SERVER_LOG, ""); // the server's output of this run only
  const results: ScenarioResult[] = [];
  let failed = 0;
  const started = performance.now();
  const attempt = async (label: string, run: () => Promise<ScenarioResult>): Promise<ScenarioResult | undefined> => {
    const t0 = performance.now();
    try {
      const result = await run();
      results.push(result);
      process.stderr.write(`  wrote ${writeResult(result)} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
      return result;
    } catch (error) {
      failed++;
      process.stderr.write(`✖ ${label} failed: ${(error as Error).stack ?? String(error)}\n`);
      return undefined;
    }
  };
  try {
    for (const scenario of SCENARIOS.filter((s) => names.includes(s.name))) {
      const size = OWN_SIZE[scenario.name] ?? `${ctx.options.spans.toLocaleString("en-US")} spans`;
      const onClickHouse = ctx.clickhouse && CLICKHOUSE_SCENARIOS.find((s) => s.name === scenario.name);
      process.stderr.write(`▶ ${scenario.name} (${size}${onClickHouse ? ", DuckDB" : ""})\n`);
      const duckdb = await attempt(scenario.name, () => scenario.run(ctx));
      if (!onClickHouse) continue;
      process.stderr.write(`▶ ${scenario.name} (${size}, ClickHouse)\n`);
      await attempt(`${scenario.name} on ClickHouse`, () => onClickHouse.run(ctx, duckdb));
      await ctx.clickhouse!.stop(); // no ClickHouse CPU (merges) while the next DuckDB phase is measured
    }
  } finally {
    await ctx.clickhouse?.dispose();
  }
  if (results.length) {
    console.log(`\nSkein bench — ${summaryHeader(results.map((r) => r.scenario), ctx)}${((performance.now() - started) / 1000).toFixed(0)} s. Ratio = Skein ÷ baseline.\n`);
    console.log(printTable(results));
    for (const r of results) for (const note of r.notes) console.log(`  [${r.scenario}] ${note}`);
  }
  return failed ? 1 : 0;
}

/** The run's size, naming only what the scenarios that ran used ("" when none used the data set). */
function summaryHeader(ran: readonly string[], ctx: BenchContext): string {
  const used = ran.filter((name) => DATA_SET_SCENARIOS.has(name.replace(/-clickhouse$/, "")));
  if (used.length === 0) return "";
  const clients = ran.includes("ingest") ? `, ${ctx.options.clients} ingest clients` : "";
  const engines = ctx.options.storage === "clickhouse" ? ", DuckDB then ClickHouse (ClickHouse rows: Skein on ClickHouse ÷ baseline, and ClickHouse ÷ DuckDB)" : "";
  return `${ctx.options.spans.toLocaleString("en-US")}-span data set${clients}${engines}, `;
}

process.exitCode = await main(process.argv.slice(2));
