import type { DuckDBValue } from "@duckdb/node-api";
import type { Manifest } from "../support/dataset.js";
import { DirectDuckDb } from "../support/duckdb-direct.js";
import { HttpClient } from "../support/http-client.js";
import { round, summarize } from "../support/latency.js";
import { Progress } from "../support/progress.js";
import type { LatencySummary } from "../support/latency.js";
import type { Row, ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import type { BenchContext, Scenario } from "./context.js";
import { ensureDataSet, startServerOnDataSet } from "./context.js";

const SERVICES = ["frontend", "checkout", "payment", "product-catalog", "cart"];
const MIN_DURATIONS: [string, bigint][] = [["10ms", 10_000_000n], ["50ms", 50_000_000n], ["200ms", 200_000_000n]];
const PASSES = 8;
const ATTRIBUTE_RUNS = 30;
/** Per query set: passes stop once this much time is spent (after at least one measured pass). */
const BUDGET_MS = 30_000;

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

interface Query {
  label: string;
  path: string;
  sql: string;
  values: DuckDBValue[];
}

function queries(m: Manifest): { service: Query[]; attribute: Omit<Query, "sql"> } {
  const start = m.startMs - 1000;
  const end = m.endMs + 1000;
  const startNs = BigInt(start) * 1_000_000n;
  const endNs = BigInt(end) * 1_000_000n;
  const range = `start=${start}&end=${end}`;
  const service = SERVICES.flatMap((s) =>
    MIN_DURATIONS.map(([d, ns]) => ({ label: `${s} ≥ ${d}`, path: `/api/v1/traces?service=${s}&minDuration=${d}&limit=20&${range}`, sql: SERVICE_SQL, values: [s, ns, startNs, endNs] })),
  );
  const attrs = encodeURIComponent(JSON.stringify({ "http.response.status_code": 500 }));
  const attribute = { label: "http.response.status_code=500", path: `/api/v1/traces?attributes=${attrs}&limit=20&${range}`, values: [startNs, endNs] };
  return { service, attribute };
}

interface Measured {
  latency: LatencySummary;
  /** measured passes over the query list (the baseline runs as many as Skein completed) */
  passes: number;
  failures: number;
  /** result count per query label (last run) */
  results: Record<string, number>;
}

async function overHttp(apiUrl: string, list: Query[], passes: number): Promise<Measured> {
  const http = new HttpClient(apiUrl, 1);
  const ms: number[] = [];
  const results: Record<string, number> = {};
  let failures = 0;
  const started = performance.now();
  const progress = new Progress(`search ${list.length > 1 ? "service+minDuration" : list[0]!.label}`, passes * list.length, "queries");
  let pass = -1;
  for (; pass < passes; pass++) {
    if (pass > 0 && performance.now() - started > BUDGET_MS) break;
    for (const q of list) {
      const res = await http.getJson(q.path).catch(() => undefined); // no response: counted, not thrown
      if (res?.status !== 200) failures++;
      results[q.label] = (res?.json as { traces?: unknown[] } | undefined)?.traces?.length ?? -1;
      if (pass >= 0 && res) ms.push(res.ms); // pass -1 warms up
      progress.update(ms.length);
    }
  }
  http.close();
  return { latency: summarize(ms), passes: pass, failures, results };
}

async function overSql(db: DirectDuckDb, list: Query[], passes: number): Promise<Measured> {
  const ms: number[] = [];
  const results: Record<string, number> = {};
  for (let pass = -1; pass < passes; pass++) {
    for (const q of list) {
      const r = await db.time(q.sql, q.values);
      results[q.label] = r.rows;
      if (pass >= 0) ms.push(r.ms);
    }
  }
  return { latency: summarize(ms), passes, failures: 0, results };
}

/**
 * Queries where Skein returned a different number of traces than the SQL (both are "up to 20
 * traces with a matching span", so the counts must agree).
 */
function countsDifferingFromSql(skein: Measured, sql: Measured): string[] {
  return Object.keys(sql.results).filter((k) => sql.results[k] !== skein.results[k]).map((k) => `${k}: skein ${skein.results[k]}, sql ${sql.results[k]}`);
}

/**
 * Trace search over the whole stored time range: service + minDuration (a grid of services and
 * thresholds) and one attribute search, against bare SQL aggregates on the same file.
 */
export const searchScenario: Scenario = {
  name: "search",
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const manifest = await ensureDataSet(ctx);
    const q = queries(manifest);
    const server = await startServerOnDataSet();
    let skeinService: Measured;
    let skeinAttr: Measured;
    let serverProblem: string | undefined;
    try {
      skeinService = await overHttp(server.apiUrl, q.service, PASSES);
      skeinAttr = await overHttp(server.apiUrl, [{ ...q.attribute, sql: "" }], ATTRIBUTE_RUNS);
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
      sqlService = await overSql(db, q.service, skeinService.passes);
      const predicate = attributePredicate(columns);
      attrSql = predicate && attributeSql(predicate);
      if (attrSql) sqlAttr = await overSql(db, [{ ...q.attribute, sql: attrSql }], skeinAttr.passes);
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
      options: { ...ctx.options, storedSpans: manifest.committedSpans, services: SERVICES, minDurations: MIN_DURATIONS.map(([d]) => d), passes: PASSES, attributeRuns: ATTRIBUTE_RUNS },
      figures: { serviceDuration: skeinService, attribute: skeinAttr, countsDifferingFromSql: differing },
      baselines: { serviceDurationSql: SERVICE_SQL, attributeSql: attrSql ?? "n/a: unknown attribute layout", serviceDuration: sqlService, attribute: sqlAttr ?? null },
      ratios: {
        serviceP50SkeinOverSql: round(s.p50 / b.p50), serviceP99SkeinOverSql: round(s.p99 / b.p99),
        ...(sqlAttr ? { attributeP50SkeinOverSql: round(a.p50 / ab.p50), attributeP99SkeinOverSql: round(a.p99 / ab.p99) } : {}),
      },
      targets: [t, ok],
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
