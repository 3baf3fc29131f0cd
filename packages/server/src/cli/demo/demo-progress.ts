import type { LoadStats } from "@skein/example-shop";

/** `orders 120 · 98 confirmed · 17 declined · 5 failed · 4.9/s · p50 48 ms p99 410 ms`. */
export function formatProgress(stats: LoadStats): string {
  const parts = [`orders ${stats.sent}`, `${stats.confirmed} confirmed`, `${stats.declined} declined`, `${stats.failed} failed`];
  if (stats.unreachable > 0) parts.push(`${stats.unreachable} unanswered`);
  const perSecond = stats.elapsedMs > 0 ? (stats.sent * 1000) / stats.elapsedMs : 0;
  parts.push(`${perSecond.toFixed(1)}/s`, `p50 ${Math.round(stats.p50Ms)} ms p99 ${Math.round(stats.p99Ms)} ms`);
  return parts.join(" · ");
}

/**
 * The UI's search for failing orders: traces with an error that touch the frontend, last 15
 * minutes (parameters as packages/ui/src/pages/search/search-query.ts reads them).
 */
export function failedOrdersUrl(apiUrl: string): string {
  return `${apiUrl}/search?service=frontend&errors=1&range=15m`;
}

/** The UI's page of one trace. */
export function traceUrl(apiUrl: string, traceId: string): string {
  return `${apiUrl}/trace/${traceId}`;
}

/**
 * The lines printed when the demo stops: totals, the shop processes that died on their own
 * (`unexpectedExits`, e.g. `payment was killed by SIGKILL`), then where to look in the UI.
 */
export function formatSummary(stats: LoadStats | undefined, apiUrl: string, unexpectedExits: readonly string[] = []): string {
  const lines = ["demo stopped"];
  if (stats !== undefined) {
    lines.push(`  ${formatProgress(stats)} · ran ${(stats.elapsedMs / 1000).toFixed(1)} s`);
    const declined = stats.lastTraceIds.declined;
    if (declined !== undefined) lines.push(`  a declined order:  ${traceUrl(apiUrl, declined)}`);
    const failed = stats.lastTraceIds.failed;
    if (failed !== undefined) lines.push(`  a failed order:    ${traceUrl(apiUrl, failed)}`);
  }
  for (const exit of unexpectedExits) lines.push(`  the shop was degraded: ${exit} unexpectedly`);
  lines.push(`  failing orders:    ${failedOrdersUrl(apiUrl)}`, "");
  return lines.join("\n");
}
