import { blob, DirectDuckDb } from "../support/duckdb-direct.js";
import { HttpClient } from "../support/http-client.js";
import { round, summarize } from "../support/latency.js";
import { Progress } from "../support/progress.js";
import type { ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import { Rng } from "../support/rng.js";
import type { BenchContext, Scenario } from "./context.js";
import { ensureDataSet, startServerOnDataSet } from "./context.js";

const LOOKUPS = 500;
const WARMUP = 50;

/**
 * p50/p99 of GET /api/v1/traces/{id} for 500 random known trace ids (after a warm-up), against
 * the same lookups as bare SQL on the server's DuckDB file with the server stopped.
 */
export const traceByIdScenario: Scenario = {
  name: "trace-by-id",
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const manifest = await ensureDataSet(ctx);
    const rng = new Rng(ctx.options.seed + 7);
    const ids = Array.from({ length: LOOKUPS }, () => rng.pick(manifest.sample));
    const warm = Array.from({ length: WARMUP }, () => rng.pick(manifest.sample));

    const server = await startServerOnDataSet();
    const skeinMs: number[] = [];
    let wrongSpanCount = 0;
    const failures: Record<string, number> = {};
    let serverProblem: string | undefined;
    try {
      const http = new HttpClient(server.apiUrl, 1);
      for (const t of warm) await http.getJson(`/api/v1/traces/${t.traceId}`).catch(() => undefined);
      const progress = new Progress("GET /api/v1/traces/{id}", LOOKUPS, "lookups");
      for (const t of ids) {
        progress.update(skeinMs.length);
        const res = await http.getJson(`/api/v1/traces/${t.traceId}`).catch((e: Error) => e);
        if (res instanceof Error) {
          failures["error"] = (failures["error"] ?? 0) + 1; // no response: counted, not thrown
          continue;
        }
        skeinMs.push(res.ms);
        if (res.status !== 200) failures[res.status] = (failures[res.status] ?? 0) + 1;
        else if ((res.json as { spans?: unknown[] }).spans?.length !== t.spanCount) wrongSpanCount++;
      }
      http.close();
    } finally {
      serverProblem = server.unexpectedExit();
      await server.stop();
    }

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

    const skein = summarize(skeinMs);
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
