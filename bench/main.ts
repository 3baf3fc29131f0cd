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
    // The ui scenario builds its own 10k- and 100k-span traces, sdk runs a fixed load; --spans sizes the others.
    const size = scenario.name === "ui" ? "10k and 100k-span traces" : scenario.name === "sdk" ? "500 req/s, 200k log lines" : `${ctx.options.spans.toLocaleString("en-US")} spans`;
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
    console.log(`\nSkein bench — ${ctx.options.spans.toLocaleString("en-US")} spans, ${ctx.options.clients} clients, ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s. Ratio = Skein ÷ baseline.\n`);
    console.log(printTable(results));
    for (const r of results) for (const note of r.notes) console.log(`  [${r.scenario}] ${note}`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
