import { ROOT_CONTEXT, SpanKind, trace, type HrTime, type Span } from "@opentelemetry/api";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, type BrowserSession } from "../support/browser.js";
import { createTracingPipeline } from "../support/otel-clients.js";
import { SkeinProcess, type SkeinEndpoints } from "../support/skein-process.js";
import { expectAttribute, expectCount, expectText, expectUrl, expectVisible, until } from "./page-waits.js";

/**
 * The trace page's critical path and "Compare with…" in Chromium against a real server, with two
 * known traces sent through the real OTel SDK (OTLP/HTTP JSON). Times are ms from the trace start.
 *
 *  A: gateway POST /order 0–100                 B: gateway POST /order 0–110   (slower)
 *     ├ orders place 10–60                          ├ orders place 10–75        (slower)
 *     │ ├ inventory reserve 15–40                   │ ├ inventory reserve 15–55 (slower)
 *     │ └ cache get 20–30                           │ └ risk fraud-check 56–70  (added)
 *     └ orders INSERT 65–95                         └ orders INSERT 80–100      (faster)
 *                                                   (cache get: missing)
 * A's critical path: root 0–10, place 10–15, reserve 15–40, place 40–60, root 60–65, INSERT 65–95,
 * root 95–100: every span but "cache get" (it ends before reserve, in parallel with it).
 */
const ROOT = "POST /order";

interface Seeded {
  a: { traceId: string; spanIds: Record<string, string> };
  b: { traceId: string; spanIds: Record<string, string> };
}

type SpanSpec = readonly [key: string, service: string, name: string, parent: string | null, startMs: number, endMs: number];

const A_SPANS: SpanSpec[] = [
  ["root", "gateway", ROOT, null, 0, 100],
  ["place", "orders", "place", "root", 10, 60],
  ["reserve", "inventory", "reserve", "place", 15, 40],
  ["cache", "inventory", "cache get", "place", 20, 30],
  ["insert", "orders", "INSERT", "root", 65, 95],
];
const B_SPANS: SpanSpec[] = [
  ["root", "gateway", ROOT, null, 0, 110],
  ["place", "orders", "place", "root", 10, 75],
  ["reserve", "inventory", "reserve", "place", 15, 55],
  ["fraud", "risk", "fraud-check", "place", 56, 70],
  ["insert", "orders", "INSERT", "root", 80, 100],
];

function hr(ms: number): HrTime {
  const whole = Math.floor(ms);
  return [Math.floor(whole / 1000), (whole % 1000) * 1_000_000 + Math.round((ms - whole) * 1_000_000)];
}

async function sendTrace(endpoints: SkeinEndpoints, specs: readonly SpanSpec[], t0: number): Promise<{ traceId: string; spanIds: Record<string, string> }> {
  const services = [...new Set(specs.map((s) => s[1]))];
  const pipelines = Object.fromEntries(services.map((service) => [service, createTracingPipeline("http/json", endpoints, { "service.name": service })]));
  const spans: Record<string, Span> = {};
  for (const [key, service, name, parent, start] of specs) {
    const ctx = parent === null ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, spans[parent]!);
    spans[key] = pipelines[service]!.tracer("ui-insights").startSpan(name, { kind: parent === null ? SpanKind.SERVER : SpanKind.INTERNAL, startTime: hr(t0 + start), root: parent === null }, ctx);
  }
  for (const [key, , , , , end] of specs) spans[key]!.end(hr(t0 + end));
  for (const pipeline of Object.values(pipelines)) {
    await pipeline.flush();
    await pipeline.shutdown();
  }
  return { traceId: spans.root!.spanContext().traceId, spanIds: Object.fromEntries(Object.entries(spans).map(([key, span]) => [key, span.spanContext().spanId])) };
}

describe("UI: critical path and trace comparison", () => {
  let server: SkeinProcess;
  let session: BrowserSession;
  let page: Page;
  let seeded: Seeded;
  const url = (path: string): string => `${server.endpoints.apiUrl}${path}`;

  beforeAll(async () => {
    server = await SkeinProcess.start();
    const now = Date.now();
    seeded = { a: await sendTrace(server.endpoints, A_SPANS, now - 10 * 60_000), b: await sendTrace(server.endpoints, B_SPANS, now - 5 * 60_000) };
    session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
    page = session.page;
  }, 60_000);
  afterAll(async () => {
    const errors = session?.unexpectedErrors() ?? [];
    await session?.close();
    await server?.cleanup();
    expect(errors, "console errors or uncaught exceptions in the page").toEqual([]);
  });

  const row = (key: string) => page.locator(`[data-testid="waterfall"] [data-testid="span-row"][data-span-id="${seeded.a.spanIds[key]}"]`);

  it("the critical-path switch highlights exactly the spans on the path, and the parts of their bars", async () => {
    await page.goto(url(`/trace/${seeded.a.traceId}`));
    await expectCount(page.getByTestId("span-row"), 5, "A's spans");
    await page.getByTestId("critical-path-toggle").click();
    await expectText(page.getByTestId("critical-path-summary"), "4 spans · 100 ms", "the path's summary");
    await expectUrl(page, (u) => u.searchParams.get("critical") === "1", "the switch is in the URL");
    const marks = await until("every row marked", async () => {
      const seen = await page.getByTestId("span-row").evaluateAll((els) => els.map((el) => [el.getAttribute("data-span-id"), el.getAttribute("data-critical")]));
      return seen.every(([, mark]) => mark !== null) ? Object.fromEntries(seen) : undefined;
    });
    const byKey = Object.fromEntries(Object.entries(seeded.a.spanIds).map(([key, id]) => [key, marks[id]]));
    expect(byKey).toEqual({ root: "true", place: "true", reserve: "true", cache: "false", insert: "true" });
    // The root is on the path in three stretches, "place" in two, the rest in one; "cache get" in none.
    const segments = async (key: string) => row(key).getByTestId("critical-segment").count();
    expect([await segments("root"), await segments("place"), await segments("reserve"), await segments("insert"), await segments("cache")]).toEqual([3, 2, 1, 1, 0]);
    const [left, width] = await row("reserve").getByTestId("critical-segment").evaluate((el) => [parseFloat((el as unknown as { style: { left: string } }).style.left), parseFloat((el as unknown as { style: { width: string } }).style.width)]);
    expect(left).toBeCloseTo(15, 3);
    expect(width).toBeCloseTo(25, 3);

    await row("place").click();
    await expectText(page.getByTestId("span-critical-share"), "25 ms (25.0% of the critical path)", "place's share");
    await screenshot(page, "trace-critical-path");
    await page.getByTestId("critical-path-toggle").click();
    await expectCount(page.getByTestId("critical-segment"), 0, "no highlight once switched off");
  });

  it("'Compare with…' offers the other trace with the same root and shows the expected diff", async () => {
    await page.goto(url(`/trace/${seeded.a.traceId}`));
    await page.getByTestId("compare-open").click();
    const candidate = page.locator(`[data-testid="compare-candidate"][data-trace-id="${seeded.b.traceId}"]`);
    await expectVisible(candidate, "trace B among the recent traces of gateway POST /order");
    await candidate.click();
    await expectUrl(page, (u) => u.pathname === "/compare" && u.searchParams.get("a") === seeded.a.traceId && u.searchParams.get("b") === seeded.b.traceId, "the compare page");
    await expectCount(page.getByTestId("diff-row"), 6, "five positions of A plus B's added one");
    const statuses = await page.getByTestId("diff-row").evaluateAll((els) => els.map((el) => [el.querySelector(".diff-operation")?.textContent, el.getAttribute("data-status")]));
    expect(Object.fromEntries(statuses)).toEqual({ [ROOT]: "slower", place: "slower", reserve: "slower", "cache get": "missing", "fraud-check": "added", INSERT: "faster" });
    await expectText(page.getByTestId("compare-duration-delta"), "+10 ms (+10%)", "B took 10 ms longer");
    await screenshot(page, "trace-compare");

    await page.getByTestId("diff-filter-added").click();
    await expectCount(page.getByTestId("diff-row"), 3, "the added span with its two ancestors");
    await expectAttribute(page.locator('[data-testid="diff-row"]:not([data-context])'), "data-status", "added", "only the added span is not context");

    await page.locator('[data-testid="diff-row"][data-status="added"] [data-testid="diff-link-b"]').click();
    await expectUrl(page, (u) => u.pathname === `/trace/${seeded.b.traceId}` && u.searchParams.get("span") === seeded.b.spanIds.fraud, "the added span in trace B");
  });
});
