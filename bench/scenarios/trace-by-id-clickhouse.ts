import { lookupTraceBySql, traceIndexSql, traceSpansSql } from "../support/clickhouse-trace-lookup.js";
import { CLICKHOUSE_DATA_SET } from "../support/data-set-location.js";
import { compareEngines } from "../support/engine-comparison.js";
import type { Headline } from "../support/headlines.js";
import { TRACE_BY_ID_HEADLINE } from "../support/headlines.js";
import { round, summarize } from "../support/latency.js";
import type { ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import type { LookupResult } from "../support/trace-lookups.js";
import { LOOKUPS, WARMUP, lookupIds, lookupOverHttp } from "../support/trace-lookups.js";
import type { BenchContext, ClickHouseScenario } from "./context.js";
import { clickhouseState, clickhouseOf, ensureDataSet, startServerOnDataSet } from "./context.js";

const EXAMPLE_ID = "0123456789abcdef0123456789abcdef";

/**
 * `trace-by-id` on ClickHouse: the same 500 ids (after the same 50 warm-ups) through
 * `skein start --storage clickhouse`, then bare SQL on ClickHouse over HTTP with Skein stopped —
 * the schema's index path, trace_index rows then the spans they bound — and ClickHouse ÷ DuckDB.
 */
export const traceByIdClickHouseScenario: ClickHouseScenario = {
  name: "trace-by-id",
  async run(ctx: BenchContext, duckdb: ScenarioResult | undefined): Promise<ScenarioResult> {
    const manifest = await ensureDataSet(ctx, CLICKHOUSE_DATA_SET);
    const settled = clickhouseState(manifest);
    const { ids, warm } = lookupIds(manifest.sample, ctx.options.seed);
    const server = await startServerOnDataSet(ctx, CLICKHOUSE_DATA_SET);
    let lookups: LookupResult;
    let serverProblem: string | undefined;
    try {
      lookups = await lookupOverHttp(server.apiUrl, ids, warm);
    } finally {
      serverProblem = server.unexpectedExit();
      await server.stop();
    }

    const direct = (await clickhouseOf(ctx)).direct();
    const baseMs: number[] = [];
    let baseWrong = 0;
    try {
      for (const t of warm) await lookupTraceBySql(direct, t.traceId);
      for (const t of ids) {
        const r = await lookupTraceBySql(direct, t.traceId);
        baseMs.push(r.ms);
        if (r.rows !== t.spanCount) baseWrong++;
      }
    } finally {
      direct.close();
    }

    const skein = summarize(lookups.ms);
    const base = summarize(baseMs);
    const failed = Object.values(lookups.failures).reduce((s, n) => s + n, 0);
    const t = target(`trace by id p99 at ${manifest.committedSpans.toLocaleString("en-US")} spans`, skein.p99, "max", 20, "ms");
    const ok = target("lookups answered 200 with every span", failed + lookups.wrongSpanCount, "max", 0, "wrong");
    const headline: Headline<typeof TRACE_BY_ID_HEADLINE> = { p50Ms: skein.p50, p99Ms: skein.p99 };
    const compared = compareEngines(TRACE_BY_ID_HEADLINE, headline, duckdb);
    const sqlShape = `${traceIndexSql(EXAMPLE_ID)};\n${traceSpansSql(EXAMPLE_ID, [{ day: "<day>", service: "<service>", name: "<name>", lo: "0", hi: "0" }])} OR …`;
    return {
      scenario: "trace-by-id-clickhouse",
      options: { ...ctx.options, engine: "clickhouse", clickhouseVersion: settled.serverVersion, storedSpans: manifest.committedSpans, lookups: LOOKUPS, warmup: WARMUP },
      figures: { latencyMs: skein, failures: lookups.failures, wrongSpanCount: lookups.wrongSpanCount },
      baselines: { sql: sqlShape, latencyMs: base, wrongRowCount: baseWrong },
      ratios: { p50SkeinOverSql: round(skein.p50 / base.p50), p99SkeinOverSql: round(skein.p99 / base.p99), ...compared.ratios },
      targets: [t, ok],
      rows: [
        { metric: "GET /api/v1/traces/{id} p50 ms vs bare SQL on ClickHouse", skein: fmt(skein.p50), baseline: fmt(base.p50), ratio: ratioText(skein.p50 / base.p50), target: "", verdict: "" },
        { metric: "GET /api/v1/traces/{id} p99 ms vs bare SQL on ClickHouse", skein: fmt(skein.p99), baseline: fmt(base.p99), ratio: ratioText(skein.p99 / base.p99), target: targetText(t), verdict: t.pass ? "PASS" : "MISS" },
        { metric: "non-200 or incomplete traces", skein: String(failed + lookups.wrongSpanCount), baseline: String(baseWrong), ratio: "", target: targetText(ok), verdict: ok.pass ? "PASS" : "MISS" },
        ...compared.rows,
      ],
      headline,
      engines: compared.engines,
      notes: [
        ...(serverProblem ? [serverProblem] : []),
        "The same ids and warm-ups as DuckDB's run; sequential requests on one keep-alive connection; latency = request sent → JSON body parsed.",
        "Baseline 'bare SQL on ClickHouse': two statements over ClickHouse's HTTP interface on one keep-alive connection, Skein stopped — the trace_index rows of the id (day, service, name, start range), then SELECT * of the spans bounded by them (partition + sort-key prefix) — FORMAT JSONEachRow, every row parsed. Ratio = Skein ÷ baseline (lower is better).",
        "'vs DuckDB, same run' rows: ClickHouse's figure, DuckDB's (trace-by-id.json of this run) and the ratio ClickHouse ÷ DuckDB.",
      ],
    };
  },
};
