import { clickhouseSearchSql } from "../support/clickhouse-search-sql.js";
import { CLICKHOUSE_DATA_SET } from "../support/data-set-location.js";
import { compareEngines } from "../support/engine-comparison.js";
import type { Headline } from "../support/headlines.js";
import { SEARCH_HEADLINE } from "../support/headlines.js";
import { round } from "../support/latency.js";
import type { Row, ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import type { Measured } from "../support/search-queries.js";
import { ATTRIBUTE_RUNS, MIN_DURATIONS, PASSES, SEARCH_SERVICES, countsDifferingFromSql, searchOverHttp, searchOverSql, searchQueries } from "../support/search-queries.js";
import type { BenchContext, ClickHouseScenario } from "./context.js";
import { clickhouseState, clickhouseOf, ensureDataSet, startServerOnDataSet } from "./context.js";

/**
 * `search` on ClickHouse: the same queries, passes and checks as on DuckDB through
 * `skein start --storage clickhouse`, against the same bare-SQL aggregate run directly on
 * ClickHouse over HTTP (Skein stopped), then ClickHouse ÷ DuckDB.
 */
export const searchClickHouseScenario: ClickHouseScenario = {
  name: "search",
  async run(ctx: BenchContext, duckdb: ScenarioResult | undefined): Promise<ScenarioResult> {
    const manifest = await ensureDataSet(ctx, CLICKHOUSE_DATA_SET);
    const settled = clickhouseState(manifest);
    const q = searchQueries(manifest);
    const server = await startServerOnDataSet(ctx, CLICKHOUSE_DATA_SET);
    let skeinService: Measured;
    let skeinAttr: Measured;
    let serverProblem: string | undefined;
    try {
      skeinService = await searchOverHttp(server.apiUrl, q.service, PASSES);
      skeinAttr = await searchOverHttp(server.apiUrl, [q.attribute], ATTRIBUTE_RUNS);
    } finally {
      serverProblem = server.unexpectedExit();
      await server.stop();
    }
    const direct = (await clickhouseOf(ctx)).direct();
    let sqlService: Measured;
    let sqlAttr: Measured;
    try {
      sqlService = await searchOverSql(q.service, skeinService.passes, (query) => direct.time(clickhouseSearchSql(query)));
      sqlAttr = await searchOverSql([q.attribute], skeinAttr.passes, (query) => direct.time(clickhouseSearchSql(query)));
    } finally {
      direct.close();
    }
    const s = skeinService.latency;
    const b = sqlService.latency;
    const a = skeinAttr.latency;
    const ab = sqlAttr.latency;
    const differing = [...countsDifferingFromSql(skeinService, sqlService), ...countsDifferingFromSql(skeinAttr, sqlAttr)];
    const failures = skeinService.failures + skeinAttr.failures;
    const t = target(`service+duration search p99 at ${manifest.committedSpans.toLocaleString("en-US")} spans`, s.p99, "max", 100, "ms");
    const ok = target("non-200 answers or result counts differing from SQL", failures + differing.length, "max", 0, "answers");
    const headline: Headline<typeof SEARCH_HEADLINE> = { serviceP50Ms: s.p50, serviceP99Ms: s.p99, attributeP50Ms: a.p50, attributeP99Ms: a.p99 };
    const compared = compareEngines(SEARCH_HEADLINE, headline, duckdb);
    const rows: Row[] = [
      { metric: "search service+minDuration p50 ms vs SQL on ClickHouse", skein: fmt(s.p50), baseline: fmt(b.p50), ratio: ratioText(s.p50 / b.p50), target: "", verdict: "" },
      { metric: "search service+minDuration p99 ms vs SQL on ClickHouse", skein: fmt(s.p99), baseline: fmt(b.p99), ratio: ratioText(s.p99 / b.p99), target: targetText(t), verdict: t.pass ? "PASS" : "MISS" },
      { metric: "search attribute p50 ms vs SQL on ClickHouse", skein: fmt(a.p50), baseline: fmt(ab.p50), ratio: ratioText(a.p50 / ab.p50), target: "", verdict: "" },
      { metric: "search attribute p99 ms vs SQL on ClickHouse", skein: fmt(a.p99), baseline: fmt(ab.p99), ratio: ratioText(a.p99 / ab.p99), target: "", verdict: "" },
      { metric: "non-200 / result count ≠ SQL", skein: String(failures + differing.length), baseline: "", ratio: "", target: targetText(ok), verdict: ok.pass ? "PASS" : "MISS" },
      ...compared.rows,
    ];
    return {
      scenario: "search-clickhouse",
      options: { ...ctx.options, engine: "clickhouse", clickhouseVersion: settled.serverVersion, storedSpans: manifest.committedSpans, services: SEARCH_SERVICES, minDurations: MIN_DURATIONS.map(([d]) => d), passes: PASSES, attributeRuns: ATTRIBUTE_RUNS },
      figures: { serviceDuration: skeinService, attribute: skeinAttr, countsDifferingFromSql: differing },
      baselines: { serviceDurationSql: clickhouseSearchSql(q.service[0]!), attributeSql: clickhouseSearchSql(q.attribute), serviceDuration: sqlService, attribute: sqlAttr },
      ratios: {
        serviceP50SkeinOverSql: round(s.p50 / b.p50), serviceP99SkeinOverSql: round(s.p99 / b.p99),
        attributeP50SkeinOverSql: round(a.p50 / ab.p50), attributeP99SkeinOverSql: round(a.p99 / ab.p99),
        ...compared.ratios,
      },
      targets: [t, ok],
      rows,
      headline,
      engines: compared.engines,
      notes: [
        `Each of ${q.service.length} service × minDuration queries ran ${skeinService.passes} times (attribute query ${skeinAttr.passes} times) after one warm-up pass, sequentially; start/end cover the whole data set; limit 20.`,
        ...(serverProblem ? [serverProblem] : []),
        "Baseline 'SQL on ClickHouse': the same aggregate as DuckDB's (latest 20 trace ids with a matching span) over ClickHouse's HTTP interface, FORMAT JSONEachRow, rows parsed, Skein stopped. Ratio = Skein ÷ baseline (lower is better).",
        "'vs DuckDB, same run' rows: ClickHouse's figure, DuckDB's (search.json of this run) and the ratio ClickHouse ÷ DuckDB.",
      ],
    };
  },
};
