import type { ApiRedPoint, ApiServiceMetrics } from "@skein/model/api";
import { vi } from "vitest";

/**
 * Builders and a fetch stub for the insights pages' component tests. `stubInsightsApi` answers
 * each path from `answers` (a body, or a function of the URL's parameters) and records every
 * request; unknown paths answer 404 with an API error body.
 */
export function redPoint(time: number, fields: Partial<ApiRedPoint> = {}): ApiRedPoint {
  return { time, count: 60, errorCount: 0, rate: 1, errorRate: 0, p50: 1e6, p90: 2e6, p95: 3e6, p99: 4e6, ...fields };
}

export function serviceMetrics(name: string, fields: Partial<ApiServiceMetrics> = {}): ApiServiceMetrics {
  return {
    name,
    count: 600,
    errorCount: 0,
    rate: 10,
    errorRate: 0,
    p50: 1e6,
    p95: 5e6,
    p99: 9e6,
    series: [redPoint(0), redPoint(60_000), redPoint(120_000)],
    ...fields,
  };
}

export type Answer = unknown | ((params: URLSearchParams) => unknown);

export function stubInsightsApi(answers: Record<string, Answer>, options: { fail?: boolean } = {}) {
  const requests: URL[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      const url = new URL(input, "http://skein.test");
      requests.push(url);
      if (options.fail) throw new TypeError("Failed to fetch");
      if (!(url.pathname in answers)) return json({ error: { code: "SKEIN_ERR_NOT_FOUND", message: `no ${url.pathname}` } }, 404);
      const answer = answers[url.pathname];
      return json(typeof answer === "function" ? (answer as (p: URLSearchParams) => unknown)(url.searchParams) : answer);
    }),
  );
  return { requests, to: (path: string) => requests.filter((u) => u.pathname === path) };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
