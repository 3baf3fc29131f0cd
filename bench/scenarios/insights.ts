import { rmSync } from "node:fs";
import { join } from "node:path";
import { measureRollupQueries, QUERY_RUNS } from "../support/insights-queries.js";
import { round } from "../support/latency.js";
import { sendAll, type LoadResult } from "../support/load-driver.js";
import { DATA_DIR } from "../support/repo-paths.js";
import type { Row, ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import { startSkein } from "../support/skein-process.js";
import type { BenchContext, Scenario } from "./context.js";
import { payloadsOf, SERVER_LOG } from "./context.js";
import { planDataset } from "../support/dataset.js";

/** Spans per ingest round: enough for a steady rate, short enough for 4 rounds. */
const ROUND_SPANS = 400_000;

/**
 * Service insights (issue 6):
 * 1. ingest with the span-metrics and service-graph processors on and off (`--span-metrics`),
 *    interleaved off/on/off/on on fresh data dirs with the same payloads, so their ratio is the
 *    processors' cost (target ≤ 15 %);
 * 2. 24 h of rollups written through the DuckDB adapter, then the RED, services and service-map
 *    API calls over the whole 24 h against a real `skein start` (target ≤ 200 ms), beside the
 *    adapter's own read of the same cells in process (the storage part of the answer).
 */
export const insightsScenario: Scenario = {
  name: "insights",
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const spans = Math.min(ctx.options.spans, ROUND_SPANS);
    const plan = planDataset(spans, ctx.options.seed);
    const payloads = payloadsOf(ctx, plan);
    const rounds: { mode: "off" | "on"; load: LoadResult }[] = [];
    for (const mode of ["off", "on", "off", "on"] as const) {
      const dataDir = join(DATA_DIR, `insights-ingest-${mode}`);
      rmSync(dataDir, { recursive: true, force: true });
      const server = await startSkein({ dataDir, logFile: SERVER_LOG, extraArgs: ["--span-metrics", mode] });
      try {
        await new Promise((r) => setTimeout(r, 1000));
        process.stderr.write(`  ingest round with processors ${mode}\n`);
        rounds.push({ mode, load: await sendAll(server.otlpHttpUrl, payloads.requests, payloads.spanCounts, ctx.options.clients) });
      } finally {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    const rate = (mode: "off" | "on"): number => {
      const picked = rounds.filter((r) => r.mode === mode);
      const committed = picked.reduce((s, r) => s + r.load.committedSpans, 0);
      const seconds = picked.reduce((s, r) => s + r.load.elapsedMs / 1000, 0);
      return committed / seconds;
    };
    const off = rate("off");
    const on = rate("on");
    const cost = 1 - on / off;

    const rollupDir = join(DATA_DIR, "insights-rollups");
    rmSync(rollupDir, { recursive: true, force: true });
    const queries = await measureRollupQueries({ engine: "duckdb", dataDir: rollupDir }, ctx.options.seed, () => startSkein({ dataDir: rollupDir, logFile: SERVER_LOG }));
    const { apiMs: api, adapterMs } = queries;
    const storageRed = adapterMs.red;
    const storageMap = adapterMs.serviceGraph;
    const rows = queries.bucketRows;
    const rollupPlan = queries.plan;

    const targets = [
      target("processors' ingest cost", cost * 100, "max", 15, "%"),
      target("RED over 24 h, p99", api.red.p99, "max", 200, "ms"),
      target("service map over 24 h, p99", api.serviceMap.p99, "max", 200, "ms"),
    ];
    const verdict = (i: number): "PASS" | "MISS" => (targets[i]!.pass ? "PASS" : "MISS");
    const rows_: Row[] = [
      { metric: "ingest spans/s, processors on vs off", skein: fmt(on), baseline: fmt(off), ratio: ratioText(on / off), target: "", verdict: "" },
      { metric: "  processors' cost", skein: `${(cost * 100).toFixed(1)} %`, baseline: "", ratio: "", target: targetText(targets[0]!), verdict: verdict(0) },
      { metric: "RED 24 h step 15m p50 / p99 ms (vs adapter read)", skein: `${fmt(api.red.p50)} / ${fmt(api.red.p99)}`, baseline: `${fmt(storageRed.p50)} / ${fmt(storageRed.p99)}`, ratio: ratioText(api.red.p99 / storageRed.p99), target: targetText(targets[1]!), verdict: verdict(1) },
      { metric: "RED 24 h step 1m p50 / p99 ms", skein: `${fmt(api.red1m.p50)} / ${fmt(api.red1m.p99)}`, baseline: "", ratio: "", target: "", verdict: "" },
      { metric: "services (all, sparklines) 24 h p50 / p99 ms", skein: `${fmt(api.services.p50)} / ${fmt(api.services.p99)}`, baseline: "", ratio: "", target: "", verdict: "" },
      { metric: "service map 24 h p50 / p99 ms (vs adapter read)", skein: `${fmt(api.serviceMap.p50)} / ${fmt(api.serviceMap.p99)}`, baseline: `${fmt(storageMap.p50)} / ${fmt(storageMap.p99)}`, ratio: ratioText(api.serviceMap.p99 / storageMap.p99), target: targetText(targets[2]!), verdict: verdict(2) },
    ];
    return {
      scenario: "insights",
      options: { ...ctx.options, roundSpans: spans, rounds: rounds.map((r) => r.mode), rollupPlan, queryRuns: QUERY_RUNS },
      figures: {
        ingest: rounds.map((r) => ({ mode: r.mode, committedSpans: r.load.committedSpans, elapsedMs: round(r.load.elapsedMs), spansPerSecond: round(r.load.committedSpans / (r.load.elapsedMs / 1000)), failures: r.load.failures })),
        spansPerSecondOn: round(on),
        processorCostPercent: round(cost * 100),
        rollupBucketRows: rows,
        apiMs: api,
      },
      baselines: { spansPerSecondOff: round(off), adapterReadMs: { red: storageRed, serviceGraph: storageMap } },
      ratios: { ingestOnOverOff: round(on / off), redApiOverAdapter: round(api.red.p99 / storageRed.p99), serviceMapApiOverAdapter: round(api.serviceMap.p99 / storageMap.p99) },
      targets,
      rows: rows_,
      notes: [
        `Ingest: ${spans.toLocaleString("en-US")} spans per round, ${ctx.options.clients} clients, rounds off/on/off/on on fresh data dirs; rates are committed spans over the summed round times.`,
        `Rollups: ${rollupPlan.services} services × ${rollupPlan.operationsPerService} operations per minute for 24 h (${rows.toLocaleString("en-US")} bucket rows) and their service-graph edges; ${QUERY_RUNS} runs per call, one client.`,
      ],
    };
  },
};
