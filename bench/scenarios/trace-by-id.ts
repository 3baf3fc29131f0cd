import { blob, DirectDuckDb } from "../support/duckdb-direct.js";
import { round, summarize } from "../support/latency.js";
import type { ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import type { Headline, TRACE_BY_ID_HEADLINE } from "../support/headlines.js";
import type { LookupResult } from "../support/trace-lookups.js";
import { LOOKUPS, WARMUP, lookupIds, lookupOverHttp } from "../support/trace-lookups.js";
import type { BenchContext, Scenario } from "./context.js";
import { ensureDataSet, startServerOnDataSet } from "./context.js";

/**
 * p50/p99 of GET /api/v1/traces/{id} for 500 random known trace ids (after a warm-up), against
 * the same lookups as bare SQL on the server's DuckDB file with the server stopped.
 */
export const traceByIdScenario: Scenario = {
  name: "trace-by-id",
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const manifest = await ensureDataSet(ctx);
    const { ids, warm } = lookupIds(manifest.sample, ctx.options.seed);
    const server = await startServerOnDataSet(ctx);
    let lookups: LookupResult;
    let serverProblem: string | undefined;
    try {
      lookups = await lookupOverHttp(server.apiUrl, ids, warm);
    } finally {
      serverProblem = server.unexpectedExit();
      await server.stop();
    }
    const { failures, wrongSpanCount } = lookups;

    const sql = "SELECT * FROM spans WHERE trace_id = $1";
    const db = await DirectDuckDb.open();
    const baseMs: number[] = [];
    let baseWrong = 0;
    try {
      for (const t of warm) await db.time(sql, [blob(t.traceId)]);
      for (const t of ids) {
        const r = await db.time(sql, [blob(t.traceId)]);
        baseMs.push(r.ms);
        if (r.rows !== t.spanCount) baseWrong++;
      }
    } finally {
      db.close();
    }

    const skein = summarize(lookups.ms);
    const base = summarize(baseMs);
    const failed = Object.values(failures).reduce((s, n) => s + n, 0);
    const t = target(`trace by id p99 at ${manifest.committedSpans.toLocaleString("en-US")} spans`, skein.p99, "max", 20, "ms");
    const ok = target("lookups answered 200 with every span", failed + wrongSpanCount, "max", 0, "wrong");
    return {
      scenario: "trace-by-id",
      options: { ...ctx.options, storedSpans: manifest.committedSpans, lookups: LOOKUPS, warmup: WARMUP },
      figures: { latencyMs: skein, failures, wrongSpanCount },
      baselines: { sql, latencyMs: base, wrongRowCount: baseWrong },
      ratios: { p50SkeinOverSql: round(skein.p50 / base.p50), p99SkeinOverSql: round(skein.p99 / base.p99) },
      targets: [t, ok],
      headline: { p50Ms: skein.p50, p99Ms: skein.p99 } satisfies Headline<typeof TRACE_BY_ID_HEADLINE>,
      rows: [
        { metric: "GET /api/v1/traces/{id} p50 ms", skein: fmt(skein.p50), baseline: fmt(base.p50), ratio: ratioText(skein.p50 / base.p50), target: "", verdict: "" },
        { metric: "GET /api/v1/traces/{id} p99 ms", skein: fmt(skein.p99), baseline: fmt(base.p99), ratio: ratioText(skein.p99 / base.p99), target: targetText(t), verdict: t.pass ? "PASS" : "MISS" },
        { metric: "non-200 or incomplete traces", skein: String(failed + wrongSpanCount), baseline: String(baseWrong), ratio: "", target: targetText(ok), verdict: ok.pass ? "PASS" : "MISS" },
      ],
      notes: [
        ...(serverProblem ? [serverProblem] : []),
        "Sequential requests on one keep-alive connection; latency = request sent → JSON body parsed.",
        `Baseline: \`${sql}\` prepared once on the server's file (read-only, 2 threads, 1 GiB), rows materialized to JS. Ratio = Skein ÷ baseline (lower is better).`,
      ],
    };
  },
};
