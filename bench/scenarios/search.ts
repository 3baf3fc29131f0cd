import type { DuckDBValue } from "@duckdb/node-api";
import { DirectDuckDb } from "../support/duckdb-direct.js";
import type { Headline, SEARCH_HEADLINE } from "../support/headlines.js";
import { round, summarize } from "../support/latency.js";
import type { Measured, SearchQuery } from "../support/search-queries.js";
import { ATTRIBUTE_RUNS, MIN_DURATIONS, PASSES, SEARCH_SERVICES, countsDifferingFromSql, searchOverHttp, searchOverSql, searchQueries } from "../support/search-queries.js";
import type { Row, ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import type { BenchContext, Scenario } from "./context.js";
import { ensureDataSet, startServerOnDataSet } from "./context.js";

const SERVICE_SQL = `SELECT trace_id, max(start_ns) AS latest FROM spans
WHERE service = $1 AND end_ns >= start_ns + $2 AND start_ns >= $3 AND start_ns <= $4
GROUP BY trace_id ORDER BY latest DESC, trace_id LIMIT 20`;
const attributeSql = (predicate: string): string => `SELECT trace_id, max(start_ns) AS latest FROM spans
WHERE ${predicate} AND start_ns >= $1 AND start_ns <= $2
GROUP BY trace_id ORDER BY latest DESC, trace_id LIMIT 20`;

/**
 * `http.response.status_code = 500` on a span, in the adapter's current attribute layout
 * (one typed-JSON object, or parallel JSON arrays of keys and values); undefined if unknown.
 */
function attributePredicate(columns: string[]): string | undefined {
  if (columns.includes("attributes_json")) return `json_extract_string(attributes_json, '/http.response.status_code') = '500'`;
  if (columns.includes("attribute_keys") && columns.includes("attribute_values")) {
    const position = `list_position(from_json(attribute_keys, '["VARCHAR"]'), 'http.response.status_code')`;
    return `json_extract_string(attribute_values, ${position} - 1) = '500'`;
  }
  return undefined;
}

/** What DuckDB's baseline statements bind ($1…) for a query. */
function values(q: SearchQuery): DuckDBValue[] {
  return q.service === undefined ? [q.startNs, q.endNs] : [q.service, q.minDurationNs ?? 0n, q.startNs, q.endNs];
}

/**
 * Trace search over the whole stored time range: service + minDuration (a grid of services and
 * thresholds) and one attribute search, against bare SQL aggregates on the same file.
 */
export const searchScenario: Scenario = {
  name: "search",
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const manifest = await ensureDataSet(ctx);
    const q = searchQueries(manifest);
    const server = await startServerOnDataSet(ctx);
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
    const db = await DirectDuckDb.open();
    let sqlService: Measured;
    let sqlAttr: Measured | undefined;
    let attrSql: string | undefined;
    try {
      const columns = await db.columns("spans");
      for (const c of ["trace_id", "service", "start_ns", "end_ns"]) if (!columns.includes(c)) throw new Error(`search baseline: the adapter's spans table has no ${c} column (has ${columns.join(", ")})`);
      sqlService = await searchOverSql(q.service, skeinService.passes, (query) => db.time(SERVICE_SQL, values(query)));
      const predicate = attributePredicate(columns);
      attrSql = predicate && attributeSql(predicate);
      const sql = attrSql;
      if (sql) sqlAttr = await searchOverSql([q.attribute], skeinAttr.passes, (query) => db.time(sql, values(query)));
    } finally {
      db.close();
    }
    const s = skeinService.latency;
    const b = sqlService.latency;
    const a = skeinAttr.latency;
    const ab = sqlAttr?.latency ?? summarize([]);
    const differing = [...countsDifferingFromSql(skeinService, sqlService), ...(sqlAttr ? countsDifferingFromSql(skeinAttr, sqlAttr) : [])];
    const failures = skeinService.failures + skeinAttr.failures;
    const t = target(`service+duration search p99 at ${manifest.committedSpans.toLocaleString("en-US")} spans`, s.p99, "max", 100, "ms");
    const ok = target("non-200 answers or result counts differing from SQL", failures + differing.length, "max", 0, "answers");
    const rows: Row[] = [
      { metric: "search service+minDuration p50 ms", skein: fmt(s.p50), baseline: fmt(b.p50), ratio: ratioText(s.p50 / b.p50), target: "", verdict: "" },
      { metric: "search service+minDuration p99 ms", skein: fmt(s.p99), baseline: fmt(b.p99), ratio: ratioText(s.p99 / b.p99), target: targetText(t), verdict: t.pass ? "PASS" : "MISS" },
      { metric: "search attribute p50 ms", skein: fmt(a.p50), baseline: fmt(ab.p50), ratio: ratioText(a.p50 / ab.p50), target: "", verdict: "" },
      { metric: "search attribute p99 ms", skein: fmt(a.p99), baseline: fmt(ab.p99), ratio: ratioText(a.p99 / ab.p99), target: "", verdict: "" },
      { metric: "non-200 / result count ≠ SQL", skein: String(failures + differing.length), baseline: "", ratio: "", target: targetText(ok), verdict: ok.pass ? "PASS" : "MISS" },
    ];
    return {
      scenario: "search",
      options: { ...ctx.options, storedSpans: manifest.committedSpans, services: SEARCH_SERVICES, minDurations: MIN_DURATIONS.map(([d]) => d), passes: PASSES, attributeRuns: ATTRIBUTE_RUNS },
      figures: { serviceDuration: skeinService, attribute: skeinAttr, countsDifferingFromSql: differing },
      baselines: { serviceDurationSql: SERVICE_SQL, attributeSql: attrSql ?? "n/a: unknown attribute layout", serviceDuration: sqlService, attribute: sqlAttr ?? null },
      ratios: {
        serviceP50SkeinOverSql: round(s.p50 / b.p50), serviceP99SkeinOverSql: round(s.p99 / b.p99),
        ...(sqlAttr ? { attributeP50SkeinOverSql: round(a.p50 / ab.p50), attributeP99SkeinOverSql: round(a.p99 / ab.p99) } : {}),
      },
      targets: [t, ok],
      headline: { serviceP50Ms: s.p50, serviceP99Ms: s.p99, attributeP50Ms: a.p50, attributeP99Ms: a.p99 } satisfies Headline<typeof SEARCH_HEADLINE>,
      rows,
      notes: [
        `Each of ${q.service.length} service × minDuration queries ran ${skeinService.passes} times (attribute query ${skeinAttr.passes} times) after one warm-up pass, sequentially; start/end cover the whole data set; limit 20.`,
        ...(serverProblem ? [serverProblem] : []),
        ...(attrSql ? [] : ["The attribute search has no SQL baseline: the adapter's attribute columns were not recognised."]),
        "Skein returns full trace summaries (root, span and error counts per service); the SQL baseline only the 20 latest matching trace ids. Ratio = Skein ÷ baseline (lower is better).",
      ],
    };
  },
};
