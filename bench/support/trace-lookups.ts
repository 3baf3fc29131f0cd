import type { SampledTrace } from "./dataset.js";
import { HttpClient } from "./http-client.js";
import { Progress } from "./progress.js";
import { Rng } from "./rng.js";

export const LOOKUPS = 500;
export const WARMUP = 50;

/** The ids both engines look up: the same 500 (+50 warm-up) random traces of the data set's sample. */
export function lookupIds(sample: readonly SampledTrace[], seed: number): { ids: SampledTrace[]; warm: SampledTrace[] } {
  const rng = new Rng(seed + 7);
  const ids = Array.from({ length: LOOKUPS }, () => rng.pick(sample));
  const warm = Array.from({ length: WARMUP }, () => rng.pick(sample));
  return { ids, warm };
}

export interface LookupResult {
  /** latency of each answered lookup, ms */
  ms: number[];
  /** non-200 answers by status ("error": no response) */
  failures: Record<string, number>;
  /** 200 answers whose span count differs from what was sent */
  wrongSpanCount: number;
}

/**
 * GET /api/v1/traces/{id} for each id, sequentially on one keep-alive connection, after the
 * warm-up lookups; latency = request sent → JSON body parsed. Failures are counted, not thrown.
 */
export async function lookupOverHttp(apiUrl: string, ids: readonly SampledTrace[], warm: readonly SampledTrace[]): Promise<LookupResult> {
  const http = new HttpClient(apiUrl, 1);
  const out: LookupResult = { ms: [], failures: {}, wrongSpanCount: 0 };
  try {
    for (const t of warm) await http.getJson(`/api/v1/traces/${t.traceId}`).catch(() => undefined);
    const progress = new Progress("GET /api/v1/traces/{id}", ids.length, "lookups");
    for (const t of ids) {
      progress.update(out.ms.length);
      const res = await http.getJson(`/api/v1/traces/${t.traceId}`).catch((e: Error) => e);
      if (res instanceof Error) {
        out.failures["error"] = (out.failures["error"] ?? 0) + 1;
        continue;
      }
      out.ms.push(res.ms);
      if (res.status !== 200) out.failures[res.status] = (out.failures[res.status] ?? 0) + 1;
      else if ((res.json as { spans?: unknown[] }).spans?.length !== t.spanCount) out.wrongSpanCount++;
    }
  } finally {
    http.close();
  }
  return out;
}
