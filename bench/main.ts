import { Command } from "commander";
import { mkdirSync, writeFileSync } from "node:fs";
import type { BenchContext, Scenario } from "./scenarios/context.js";
import { SERVER_LOG } from "./scenarios/context.js";
import { ingestScenario } from "./scenarios/ingest.js";
import { sdkScenario } from "./scenarios/sdk.js";
import { searchScenario } from "./scenarios/search.js";
import { storageScenario } from "./scenarios/storage.js";
import { traceByIdScenario } from "./scenarios/trace-by-id.js";
import { uiScenario } from "./scenarios/ui.js";
import { parseCount } from "./support/parse-count.js";
import { DATA_DIR } from "./support/repo-paths.js";
import { acquireRunLock } from "./support/run-lock.js";
import type { ScenarioResult } from "./support/results.js";
import { printTable, writeResult } from "./support/results.js";

/** Every scenario, in the order `all` runs them (later ones reuse the data set `ingest` stored). */
const SCENARIOS: Scenario[] = [ingestScenario, storageScenario, traceByIdScenario, searchScenario, uiScenario, sdkScenario];
/** Scenarios that use the stored data set (--spans; --clients when it has to be ingested). */
const DATA_SET_SCENARIOS = new Set(["ingest", "storage", "trace-by-id", "search"]);
/** What the others measure instead, for the progress line. */
const OWN_SIZE: Record<string, string> = {
  ui: "10k and 100k-span traces",
  sdk: "a small HTTP service at 500 req/s with and without @skein/node; pino/winston lines",
};

async function main(argv: string[]): Promise<number> {
  const program = new Command("npm run bench --")
    .description("Skein benchmarks: each scenario measures Skein and a baseline in the same run (DESIGN §9)")
    .argument("[scenarios...]", `any of ${SCENARIOS.map((s) => s.name).join(", ")} (default: all)`)
    .option("--spans <n>", "spans in the stored data set", parseCount, 1_000_000)
    .option("--clients <n>", "concurrent OTLP/HTTP clients during ingest", parseCount, 4)
    .option("--seed <n>", "seed of the span generator", parseCount, 42)
    .parse(argv, { from: "user" });
  const names = program.args.length ? program.args : SCENARIOS.map((s) => s.name);
  const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) {
    process.stderr.write(`unknown scenario(s): ${unknown.join(", ")}; choose from ${SCENARIOS.map((s) => s.name).join(", ")}\n`);
    return 2;
  }
  const opts = program.opts<{ spans: number; clients: number; seed: number }>();
  const ctx: BenchContext = { options: { spans: opts.spans, clients: opts.clients, seed: opts.seed } };
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
  for (const scenario of SCENARIOS.filter((s) => names.includes(s.name))) {
    const size = OWN_SIZE[scenario.name] ?? `${ctx.options.spans.toLocaleString("en-US")} spans`;
    process.stderr.write(`▶ ${scenario.name} (${size})\n`);
    const t0 = performance.now();
    try {
      const result = await scenario.run(ctx);
      results.push(result);
      process.stderr.write(`  wrote ${writeResult(result)} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`✖ ${scenario.name} failed: ${(error as Error).stack ?? String(error)}\n`);
    }
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
  const used = ran.filter((name) => DATA_SET_SCENARIOS.has(name));
  if (used.length === 0) return "";
  const clients = ran.includes("ingest") ? `, ${ctx.options.clients} ingest clients` : "";
  return `${ctx.options.spans.toLocaleString("en-US")}-span data set${clients}, `;
}

process.exitCode = await main(process.argv.slice(2));
