import { apiTraceResponseSchema } from "@skein/model";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "../support/api-client.js";
import { launchBrowser, screenshot, type BrowserSession } from "../support/browser.js";
import { INSIGHTS_SERVICES, seedInsightsData, waitForInsights, type InsightsSeed } from "../support/insights-seed.js";
import { SkeinProcess } from "../support/skein-process.js";
import { expectAtLeast, expectCount, expectText, expectUrl, expectVisible, until } from "./page-waits.js";

/**
 * The Services page and a service page in Chromium, against a real server whose span-metrics
 * rollups hold the seeded shop (flushed every 200 ms): every service listed with its sparklines
 * and the right error rate (the server picks the sparkline step); the service page's uPlot charts,
 * operations, heatmap of the service's requests (server spans; a cell lists traces that open) and
 * the critical-path breakdown; a cell's "Search these traces" finds exactly that cell's traces
 * (its span kind carried). The steps share one page and run in order.
 */
describe("UI: Services and service pages", () => {
  let server: SkeinProcess;
  let session: BrowserSession;
  let seed: InsightsSeed;
  let page: Page;
  /** Every latency-histogram and services-metrics request the page sent, in order. */
  const sent: URL[] = [];
  const sentTo = (path: string): URL[] => sent.filter((u) => u.pathname === path);
  const url = (path: string): string => `${server.endpoints.apiUrl}${path}`;

  beforeAll(async () => {
    server = await SkeinProcess.start({ args: ["--span-metrics", "on", "--span-metrics-flush-interval", "200ms"] });
    seed = await seedInsightsData(server.endpoints);
    await waitForInsights(server.endpoints.apiUrl);
    session = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    page = session.page;
    page.on("request", (request) => {
      const u = new URL(request.url());
      if (u.pathname === "/api/v1/metrics/latency-histogram" || u.pathname === "/api/v1/metrics/services") sent.push(u);
    });
  });
  afterAll(async () => {
    const errors = session?.unexpectedErrors() ?? [];
    await session?.close();
    await server?.cleanup();
    expect(errors, "console errors or uncaught exceptions in the page").toEqual([]);
  });

  it("lists every service with drawn sparklines and its error rate, and sorts by error rate", async () => {
    await page.goto(url("/services"));
    const rows = page.getByTestId("services-row");
    await expectCount(rows, INSIGHTS_SERVICES.length, "one row per seeded service");
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-service")))).toEqual([...INSIGHTS_SERVICES]);
    for (const service of INSIGHTS_SERVICES) {
      const row = page.locator(`[data-testid="services-row"][data-service="${service}"]`);
      const points = await row.getByTestId("sparkline").evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-points"))));
      expect(points, `${service}'s three sparklines have points`).toHaveLength(3);
      expect(points.every((n) => n > 0), `${service}'s sparklines are drawn: ${points.join(",")}`).toBe(true);
      await expectText(row.getByTestId("services-error-rate"), service === "payment" ? "25%" : "0%", `${service}'s error rate`);
    }
    expect(new Set(sentTo("/api/v1/metrics/services").map((u) => u.searchParams.has("step"))), "the page lets the server pick the step").toEqual(new Set([false]));
    await expectText(page.getByTestId("services-step"), "one point per 1m", "the sparkline step the server chose for the last hour");
    await screenshot(page, "services");

    await page.getByTestId("services-sort-errors").click();
    await expectUrl(page, (u) => u.searchParams.get("sort") === "errors", "the sort in the URL");
    await until("payment first when sorted by error rate", async () => (await rows.first().getAttribute("data-service")) === "payment");
  });

  it("opens a service page with RED charts, its operations and a heatmap whose cell lists traces that open", async () => {
    await page.locator('[data-testid="services-row"][data-service="checkout"]').getByTestId("services-link").click();
    await expectUrl(page, (u) => u.pathname === "/services/checkout", "the checkout service page");
    for (const chart of ["red-rate-chart", "red-errors-chart", "red-latency-chart"]) {
      await expectVisible(page.getByTestId(chart).locator("canvas"), `${chart}'s canvas`);
      await expectAtLeast(page.getByTestId(chart).locator(".u-axis"), 2, `${chart}'s axes`);
    }
    const operations = page.getByTestId("operation-row");
    await expectCount(operations, 4, "checkout's operations");
    expect((await operations.evaluateAll((els) => els.map((el) => el.getAttribute("data-operation")))).sort()).toEqual(["POST /charge", "POST /checkout", "SELECT orders", "orders publish"]);

    const cells = page.getByTestId("heatmap-cell");
    const cellCount = await expectAtLeast(cells, 2, "heatmap cells (the seed varies durations)");
    const counts = await cells.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-count"))));
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(cellCount).toBe(counts.length);
    // The heatmap shows checkout's requests (its server spans), not its client calls too.
    await expectText(page.getByTestId("heatmap-spans"), "of server spans", "the heatmap caption");
    const heatmapAsks = sentTo("/api/v1/metrics/latency-histogram").map((u) => `${u.searchParams.get("service")} ${u.searchParams.get("kind")}`);
    expect(new Set(heatmapAsks), "every heatmap request of the page").toEqual(new Set(["checkout server"]));
    await expectAtLeast(page.getByTestId("critical-path-row"), 1, "the critical-path breakdown of POST /checkout");
    await screenshot(page, "service-page");

    await cells.first().click();
    const exemplars = page.getByTestId("heatmap-exemplar");
    await expectAtLeast(exemplars, 1, "the clicked cell's traces");
    const traceId = await exemplars.first().getAttribute("data-trace-id");
    expect(seed.traceIds).toContain(traceId);
    const search = new URL((await page.getByTestId("heatmap-search").getAttribute("href"))!, "http://x");
    expect(search.searchParams.get("service")).toBe("checkout");
    expect(search.searchParams.get("minDuration")).toMatch(/^\d+ns$/);
    await exemplars.first().click();
    await expectUrl(page, (u) => u.pathname === `/trace/${traceId}`, "the exemplar's trace page");
    await expectVisible(page.getByTestId("trace-header"), "the trace header");
  });

  it("filters the service page to one operation through the URL", async () => {
    await page.goBack();
    await expectUrl(page, (u) => u.pathname === "/services/checkout", "back on the service page");
    await page.locator('[data-testid="operation-row"][data-operation="SELECT orders"]').getByTestId("operation-link").click();
    await expectUrl(page, (u) => u.searchParams.get("operation") === "SELECT orders", "the operation in the URL");
    await expectText(page.getByTestId("service-operation"), "SELECT orders", "the filter shown");
    await expectVisible(page.getByTestId("red-latency-chart").locator("canvas"), "the filtered latency chart");
    await expectAtLeast(page.getByTestId("heatmap-cell"), 1, "the filtered heatmap");
    await expectText(page.getByTestId("heatmap-spans"), "of client spans", "the filtered heatmap caption");
    const last = sentTo("/api/v1/metrics/latency-histogram").at(-1)!;
    expect([last.searchParams.get("operation"), last.searchParams.get("kind")]).toEqual(["SELECT orders", "client"]);
  });

  it("a heatmap cell's \"Search these traces\" searches its span kind and finds exactly the cell's traces", async () => {
    await page.goto(url("/services/checkout"));
    await expectText(page.getByTestId("heatmap-spans"), "of server spans", "the heatmap caption");
    const cell = page.getByTestId("heatmap-cell").last(); // the slowest band of the last window
    await expectVisible(cell, "a heatmap cell");
    const count = Number(await cell.getAttribute("data-count"));
    await cell.click();
    await expectAtLeast(page.getByTestId("heatmap-exemplar"), 1, "the clicked cell's traces");
    const exemplars = await page.getByTestId("heatmap-exemplar").evaluateAll((els) => els.map((el) => el.getAttribute("data-trace-id")!));

    await page.getByTestId("heatmap-search").click();
    const search = await expectUrl(page, (u) => u.pathname === "/search", "the cell's trace search");
    expect([search.searchParams.get("service"), search.searchParams.get("kind")]).toEqual(["checkout", "server"]);
    expect(await page.getByTestId("search-kind").inputValue(), "the kind shown in the form").toBe("server");
    const results = page.getByTestId("search-result");
    await expectCount(results, count, "one result per span of the cell (one checkout server span per trace)");
    const found = await results.evaluateAll((els) => els.map((el) => el.getAttribute("data-trace-id")!));
    expect(found, "the cell's exemplars are among the results").toEqual(expect.arrayContaining(exemplars));

    // Every result holds a checkout SERVER span in the cell's band and window (same span).
    const minNano = BigInt(search.searchParams.get("minDuration")!.replace(/ns$/, ""));
    const maxNano = search.searchParams.has("maxDuration") ? BigInt(search.searchParams.get("maxDuration")!.replace(/ns$/, "")) : null;
    const startNano = BigInt(Date.parse(search.searchParams.get("start")!)) * 1_000_000n;
    const endNano = BigInt(Date.parse(search.searchParams.get("end")!)) * 1_000_000n;
    for (const traceId of found) {
      const { spans } = apiTraceResponseSchema.parse((await getJson(url(`/api/v1/traces/${traceId}`))).body);
      const matching = spans.filter((span) => {
        const duration = BigInt(span.durationNano);
        const start = BigInt(span.startTimeUnixNano);
        return span.service === "checkout" && span.kind === "server" && duration >= minNano && (maxNano === null || duration <= maxNano) && start >= startNano && start <= endNano;
      });
      expect(matching, `${traceId}'s checkout server span lies in the cell`).toHaveLength(1);
    }
    await screenshot(page, "heatmap-cell-search", { forDocs: false });
  });
});
