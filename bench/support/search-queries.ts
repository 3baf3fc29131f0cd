import type { Manifest } from "./dataset.js";
import { HttpClient } from "./http-client.js";
import { summarize } from "./latency.js";
import type { LatencySummary } from "./latency.js";
import { Progress } from "./progress.js";

/**
 * The `search` scenario's queries, the same for every engine: service + minDuration over a grid
 * of services and thresholds, and one attribute search, all over the data set's whole time range.
 */
export const SEARCH_SERVICES = ["frontend", "checkout", "payment", "product-catalog", "cart"];
export const MIN_DURATIONS: [string, bigint][] = [["10ms", 10_000_000n], ["50ms", 50_000_000n], ["200ms", 200_000_000n]];
export const PASSES = 8;
export const ATTRIBUTE_RUNS = 30;
/** Per query set: passes stop once this much time is spent (after at least one measured pass). */
const BUDGET_MS = 30_000;
/** The attribute search: `http.response.status_code` = 500 on a span. */
export const ATTRIBUTE_KEY = "http.response.status_code";
export const ATTRIBUTE_VALUE = 500;

export interface SearchQuery {
  label: string;
  /** the API request */
  path: string;
  /** what the bare-SQL baselines bind: service (absent for the attribute search), threshold, range (ns) */
  service?: string;
  minDurationNs?: bigint;
  startNs: bigint;
  endNs: bigint;
}

export function searchQueries(m: Manifest): { service: SearchQuery[]; attribute: SearchQuery } {
  const start = m.startMs - 1000;
  const end = m.endMs + 1000;
  const startNs = BigInt(start) * 1_000_000n;
  const endNs = BigInt(end) * 1_000_000n;
  const range = `start=${start}&end=${end}`;
  const service = SEARCH_SERVICES.flatMap((s) =>
    MIN_DURATIONS.map(([d, ns]) => ({ label: `${s} ≥ ${d}`, path: `/api/v1/traces?service=${s}&minDuration=${d}&limit=20&${range}`, service: s, minDurationNs: ns, startNs, endNs })),
  );
  const attrs = encodeURIComponent(JSON.stringify({ [ATTRIBUTE_KEY]: ATTRIBUTE_VALUE }));
  const attribute = { label: `${ATTRIBUTE_KEY}=${ATTRIBUTE_VALUE}`, path: `/api/v1/traces?attributes=${attrs}&limit=20&${range}`, startNs, endNs };
  return { service, attribute };
}

export interface Measured {
  latency: LatencySummary;
  /** measured passes over the query list (the baseline runs as many as Skein completed) */
  passes: number;
  failures: number;
  /** result count per query label (last run) */
  results: Record<string, number>;
}

/** Up to `passes` measured passes over the API after one warm-up pass, within the time budget. */
export async function searchOverHttp(apiUrl: string, list: SearchQuery[], passes: number): Promise<Measured> {
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

/** The same queries as bare SQL through `time` (one warm-up pass, then `passes` measured ones). */
export async function searchOverSql(list: SearchQuery[], passes: number, time: (q: SearchQuery) => Promise<{ rows: number; ms: number }>): Promise<Measured> {
  const ms: number[] = [];
  const results: Record<string, number> = {};
  for (let pass = -1; pass < passes; pass++) {
    for (const q of list) {
      const r = await time(q);
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
export function countsDifferingFromSql(skein: Measured, sql: Measured): string[] {
  return Object.keys(sql.results).filter((k) => sql.results[k] !== skein.results[k]).map((k) => `${k}: skein ${skein.results[k]}, sql ${sql.results[k]}`);
}
