import { rmSync } from "node:fs";
import { join } from "node:path";
import { measureRollupQueries, QUERY_RUNS } from "../support/insights-queries.js";
import { round } from "../support/latency.js";
import { DATA_DIR } from "../support/repo-paths.js";
import type { Row, ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import { startSkein } from "../support/skein-process.js";
import type { BenchContext, ClickHouseScenario } from "./context.js";
import { clickhouseOf, SERVER_LOG } from "./context.js";

/** The bench's own database for rollups, apart from the span data set's. */
const INSIGHTS_DATABASE = "skein_bench_insights";

/**
 * `insights` on ClickHouse: the same 24 h of rollups written through the ClickHouse adapter and
 * the same RED / services / service-map calls through `skein start --storage clickhouse`, beside
 * the adapter's own read and DuckDB's figures from the same run. (The processors' ingest cost is
 * measured on DuckDB only: it does not depend on the engine behind the writer.)
 */
export const insightsClickHouseScenario: ClickHouseScenario = {
  name: "insights",
  async run(ctx: BenchContext, duckdb: ScenarioResult | undefined): Promise<ScenarioResult> {
    const clickhouse = await clickhouseOf(ctx);
    const direct = clickhouse.direct();
    try {
      await direct.exec(`DROP DATABASE IF EXISTS ${INSIGHTS_DATABASE}`);
    } finally {
      direct.close();
    }
    const dataDir = join(DATA_DIR, "insights-rollups-clickhouse");
    rmSync(dataDir, { recursive: true, force: true });
    const args = ["--storage", "clickhouse", "--clickhouse-url", clickhouse.url, "--clickhouse-database", INSIGHTS_DATABASE];
    const q = await measureRollupQueries({ engine: "clickhouse", dataDir, url: clickhouse.url, database: INSIGHTS_DATABASE }, ctx.options.seed, () =>
      startSkein({ dataDir, logFile: SERVER_LOG, extraArgs: args }),
    );
    const duck = (duckdb?.figures.apiMs ?? undefined) as typeof q.apiMs | undefined;
    const vsDuck = (key: keyof typeof q.apiMs): string => (duck ? ratioText(q.apiMs[key].p99 / duck[key].p99) : "n/a");
    const targets = [target("RED over 24 h, p99", q.apiMs.red.p99, "max", 200, "ms"), target("service map over 24 h, p99", q.apiMs.serviceMap.p99, "max", 200, "ms")];
    const verdict = (i: number): "PASS" | "MISS" => (targets[i]!.pass ? "PASS" : "MISS");
    const ms = (s: { p50: number; p99: number }): string => `${fmt(s.p50)} / ${fmt(s.p99)}`;
    const rows: Row[] = [
      { metric: "RED 24 h step 15m p50 / p99 ms (vs adapter read)", skein: ms(q.apiMs.red), baseline: ms(q.adapterMs.red), ratio: ratioText(q.apiMs.red.p99 / q.adapterMs.red.p99), target: targetText(targets[0]!), verdict: verdict(0) },
      { metric: "  vs DuckDB, same run (p99)", skein: fmt(q.apiMs.red.p99), baseline: duck ? fmt(duck.red.p99) : "n/a", ratio: vsDuck("red"), target: "", verdict: "" },
      { metric: "RED 24 h step 1m p50 / p99 ms (vs DuckDB p99)", skein: ms(q.apiMs.red1m), baseline: duck ? fmt(duck.red1m.p99) : "n/a", ratio: vsDuck("red1m"), target: "", verdict: "" },
      { metric: "services 24 h p50 / p99 ms (vs DuckDB p99)", skein: ms(q.apiMs.services), baseline: duck ? fmt(duck.services.p99) : "n/a", ratio: vsDuck("services"), target: "", verdict: "" },
      { metric: "service map 24 h p50 / p99 ms (vs adapter read)", skein: ms(q.apiMs.serviceMap), baseline: ms(q.adapterMs.serviceGraph), ratio: ratioText(q.apiMs.serviceMap.p99 / q.adapterMs.serviceGraph.p99), target: targetText(targets[1]!), verdict: verdict(1) },
      { metric: "  vs DuckDB, same run (p99)", skein: fmt(q.apiMs.serviceMap.p99), baseline: duck ? fmt(duck.serviceMap.p99) : "n/a", ratio: vsDuck("serviceMap"), target: "", verdict: "" },
    ];
    return {
      scenario: "insights-clickhouse",
      options: { ...ctx.options, rollupPlan: q.plan, queryRuns: QUERY_RUNS, database: INSIGHTS_DATABASE },
      figures: { rollupBucketRows: q.bucketRows, writeMs: round(q.writeMs), apiMs: q.apiMs },
      baselines: { adapterReadMs: q.adapterMs, duckdbApiMs: duck ?? null },
      ratios: {
        redApiOverAdapter: round(q.apiMs.red.p99 / q.adapterMs.red.p99),
        serviceMapApiOverAdapter: round(q.apiMs.serviceMap.p99 / q.adapterMs.serviceGraph.p99),
        ...(duck ? { redOverDuckdb: round(q.apiMs.red.p99 / duck.red.p99), serviceMapOverDuckdb: round(q.apiMs.serviceMap.p99 / duck.serviceMap.p99) } : {}),
      },
      targets,
      rows,
      notes: [`Rollups: the DuckDB run's plan (${q.bucketRows.toLocaleString("en-US")} bucket rows) written through the ClickHouse adapter into ${INSIGHTS_DATABASE}; ${QUERY_RUNS} runs per call, one client.`],
    };
  },
};
