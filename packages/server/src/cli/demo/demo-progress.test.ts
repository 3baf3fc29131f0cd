import type { LoadStats } from "@skein/example-shop";
import { describe, expect, it } from "vitest";
import { failedOrdersUrl, formatProgress, formatSummary, traceUrl } from "./demo-progress.js";

const DECLINED = "4bf92f3577b34da6a3ce929d0e0e4736";
const FAILED = "0af7651916cd43dd8448eb211c80319c";

function stats(overrides: Partial<LoadStats> = {}): LoadStats {
  return { sent: 120, confirmed: 98, declined: 17, failed: 5, unreachable: 0, elapsedMs: 24_500, p50Ms: 48.4, p99Ms: 409.6, lastTraceIds: {}, ...overrides };
}

describe("demo progress", () => {
  it("prints the documented progress line", () => {
    expect(formatProgress(stats())).toBe("orders 120 · 98 confirmed · 17 declined · 5 failed · 4.9/s · p50 48 ms p99 410 ms");
  });

  it("adds unanswered orders only when there are some, and a zero rate before any time passed", () => {
    expect(formatProgress(stats({ unreachable: 3 }))).toContain("5 failed · 3 unanswered · 4.9/s");
    expect(formatProgress(stats({ sent: 0, confirmed: 0, declined: 0, failed: 0, elapsedMs: 0, p50Ms: 0, p99Ms: 0 }))).toBe(
      "orders 0 · 0 confirmed · 0 declined · 0 failed · 0.0/s · p50 0 ms p99 0 ms",
    );
  });

  it("links to the UI's search with the parameters the search page reads, and to a trace", () => {
    expect(failedOrdersUrl("http://127.0.0.1:16686")).toBe("http://127.0.0.1:16686/search?service=frontend&errors=1&range=15m");
    expect(traceUrl("http://127.0.0.1:16686", DECLINED)).toBe(`http://127.0.0.1:16686/trace/${DECLINED}`);
  });

  it("summarises the run with links to the latest declined and failed orders", () => {
    const summary = formatSummary(stats({ lastTraceIds: { declined: DECLINED, failed: FAILED } }), "http://h:1");
    expect(summary.split("\n")).toEqual([
      "demo stopped",
      "  orders 120 · 98 confirmed · 17 declined · 5 failed · 4.9/s · p50 48 ms p99 410 ms · ran 24.5 s",
      `  a declined order:  http://h:1/trace/${DECLINED}`,
      `  a failed order:    http://h:1/trace/${FAILED}`,
      "  failing orders:    http://h:1/search?service=frontend&errors=1&range=15m",
      "",
    ]);
  });

  it("summarises a run that never reported", () => {
    expect(formatSummary(undefined, "http://h:1")).toBe("demo stopped\n  failing orders:    http://h:1/search?service=frontend&errors=1&range=15m\n");
  });

  it("names the shop processes that died on their own", () => {
    expect(formatSummary(undefined, "http://h:1", ["payment was killed by SIGKILL", "nats exited with code 1"]).split("\n")).toEqual([
      "demo stopped",
      "  the shop was degraded: payment was killed by SIGKILL unexpectedly",
      "  the shop was degraded: nats exited with code 1 unexpectedly",
      "  failing orders:    http://h:1/search?service=frontend&errors=1&range=15m",
      "",
    ]);
  });
});
