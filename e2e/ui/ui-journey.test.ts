import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, type BrowserSession } from "../support/browser.js";
import { SkeinProcess } from "../support/skein-process.js";
import { ERROR_LOG_BODY, seedUiData, XSS_LOG_BODY, XSS_VALUE, type UiSeed } from "../support/ui-seed.js";
import { expectAtLeast, expectAttribute, expectCount, expectNoInjectedMarkup, expectText, expectUrl, expectVisible, until } from "./page-waits.js";
import { scatterPointOf } from "./scatter-point.js";

/**
 * The journey in Chromium against a real server loaded through the OpenTelemetry SDK:
 * search → errors only (URL, Back) → scatter point → trace waterfall → the failed span's details
 * and inline log → Logs tab → jump to the span → flame graph → logs explorer → back to the span.
 * The steps share one page and run in order. Span and log values include markup that must show as
 * text; no dialog may open and the page may log no error.
 */
describe("UI journey: from a failed checkout in search to its log and back", () => {
  let server: SkeinProcess;
  let session: BrowserSession;
  let seed: UiSeed;
  let page: Page;
  const url = (path: string): string => `${server.endpoints.apiUrl}${path}`;
  const spanRow = (spanId: string) => page.locator(`[data-testid="span-row"][data-span-id="${spanId}"]`);

  beforeAll(async () => {
    server = await SkeinProcess.start();
    seed = await seedUiData(server.endpoints);
    session = await launchBrowser();
    page = session.page;
  });
  afterEach(async () => {
    await expectNoInjectedMarkup(page, "after this step");
    expect(session.dialogs, "a dialog opened: span or log data ran as script").toEqual([]);
  });
  afterAll(async () => {
    const errors = session?.unexpectedErrors() ?? [];
    await session?.close();
    await server?.cleanup();
    expect(errors, "console errors or uncaught exceptions in the page").toEqual([]);
  });

  it("lists every trace of the last hour with a scatter, and errors-only is a URL Back undoes", async () => {
    await page.goto(url("/search"));
    await expectCount(page.getByTestId("search-result"), seed.okTraceIds.length + 1, "search results of the last hour");
    await expectVisible(page.getByTestId("search-scatter"), "the scatter plot");
    await screenshot(page, "search");

    await page.getByTestId("search-errors-only").check();
    await page.getByTestId("search-submit").click();
    const filtered = await expectUrl(page, (u) => u.pathname === "/search" && /error/.test(u.search), "errors-only in the URL");
    await expectCount(page.getByTestId("search-result"), 1, "errors-only results");
    await expectAttribute(page.getByTestId("search-result"), "data-trace-id", seed.failedTraceId, "the one failed trace");

    await page.goBack();
    await expectUrl(page, (u) => u.search !== filtered.search, "Back leaves the errors-only URL");
    await expectCount(page.getByTestId("search-result"), seed.okTraceIds.length + 1, "Back restores all results");
    expect(await page.getByTestId("search-errors-only").isChecked(), "Back restores the form").toBe(false);
  });

  it("filters by service and operation, by attributes, and by duration", async () => {
    const results = page.getByTestId("search-result");
    await page.getByTestId("search-service").selectOption("payment");
    await expectAtLeast(page.getByTestId("search-operation").locator('option[value="POST /charge"]'), 1, "payment's operations load");
    await page.getByTestId("search-operation").selectOption("POST /charge");
    await page.getByTestId("search-submit").click();
    await expectUrl(page, (u) => u.searchParams.get("service") === "payment", "the service in the URL");
    await expectCount(results, 1, "traces with a payment POST /charge span");

    await page.goto(url("/search"));
    await page.getByTestId("search-attribute").first().fill("http.route=/charge");
    await page.getByTestId("search-add-attribute").click();
    await page.getByTestId("search-attribute").nth(1).fill("http.response.status_code=402");
    await page.getByTestId("search-submit").click();
    await expectCount(results, 1, "traces with a span matching both attribute filters");
    await expectAttribute(results, "data-trace-id", seed.failedTraceId, "the attribute match");

    await page.goto(url("/search"));
    await page.getByTestId("search-min-duration").fill("1s");
    await page.getByTestId("search-submit").click();
    await expectCount(results, 1, "traces of at least 1 s");
    const entries = Number(await page.evaluate("history.length"));
    await page.getByTestId("search-submit").click(); // unchanged: runs again, replacing the entry
    await expectCount(results, 1, "the same search, run again");
    expect(Number(await page.evaluate("history.length")), "re-submitting an unchanged search adds no history entry").toBe(entries);
    await page.getByTestId("search-min-duration").fill("100ms");
    await page.getByTestId("search-max-duration").fill("400ms");
    await page.getByTestId("search-submit").click();
    // Durations filter spans (Jaeger semantics): the traces of 130–610 ms and the failed one have a
    // span of 100–400 ms; 520 ms through its 374 ms client span; 42, 70, 95, 880 and 1180 ms none.
    await expectCount(results, 8, "traces with a span of 100–400 ms");

    await page.goto(url("/search"));
    await expectCount(results, seed.okTraceIds.length + 1, "a fresh search page lists everything again");
  });

  it("opens the failed trace by clicking its scatter point, and by its result row", async () => {
    const point = await scatterPointOf(page, seed.failedTraceId);
    await page.mouse.click(point.x, point.y);
    await expectUrl(page, (u) => u.pathname === `/trace/${seed.failedTraceId}`, "a click on the failed trace's point");
    await expectVisible(page.getByTestId("trace-header"), "the trace header");

    await page.goBack();
    await expectBackKeepsThePlace();
    const row = page.locator(`[data-testid="search-result"][data-trace-id="${seed.failedTraceId}"]`);
    await row.locator(`a[href="/trace/${seed.failedTraceId}"]`).first().click();
    await expectUrl(page, (u) => u.pathname === `/trace/${seed.failedTraceId}`, "a click on the result row's link");
  });

  /**
   * On the search results: opens the last row's trace from below the fold (a short viewport), goes
   * Back, and expects the same results at the same scroll position without a new search request.
   */
  async function expectBackKeepsThePlace(): Promise<void> {
    const results = page.getByTestId("search-result");
    await expectCount(results, seed.okTraceIds.length + 1, "the results to scroll through");
    await page.setViewportSize({ width: 1440, height: 480 });
    const searches: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (new URL(request.url()).pathname === "/api/v1/traces") searches.push(request.url());
    };
    try {
      const last = results.last();
      await last.scrollIntoViewIfNeeded();
      const scrolled = Number(await page.evaluate("window.scrollY"));
      expect(scrolled, "the last result is below the fold at 480 px").toBeGreaterThan(0);
      page.on("request", onRequest);
      await last.locator('a[href^="/trace/"]').first().click();
      await expectVisible(page.getByTestId("trace-header"), "the last result's trace");
      await page.goBack();
      await expectCount(results, seed.okTraceIds.length + 1, "Back shows the same results");
      await until("the scroll position of the results", async () => Number(await page.evaluate("window.scrollY")) === scrolled);
      expect(searches, "Back showed the remembered answer instead of searching again").toEqual([]);
    } finally {
      page.off("request", onRequest);
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }

  it("shows the waterfall; selecting the payment span shows its details and its log inline", async () => {
    await expectText(page.getByTestId("trace-header"), "POST /api/checkout", "the header names the root span");
    await expectVisible(page.getByTestId("waterfall"), "the waterfall");
    await expectCount(page.getByTestId("span-row"), 9, "every span of the trace as a row");
    await expectVisible(page.getByTestId("overview-strip"), "the overview strip");
    await expectVisible(page.getByTestId("time-axis"), "the time axis");

    await spanRow(seed.paymentSpanId).click();
    await expectAttribute(spanRow(seed.paymentSpanId), "aria-selected", "true", "the clicked payment span");
    await expectUrl(page, (u) => u.searchParams.get("span") === seed.paymentSpanId, "the selection in the URL");
    const details = page.getByTestId("span-details");
    await expectText(details, "card declined", "the details show the error status");
    await expectText(details.getByTestId("span-attributes"), XSS_VALUE, "the markup attribute shows as text");
    await expectText(details.getByTestId("span-resource"), "payment", "the resource (service.name)");
    await expectText(details.getByTestId("span-events"), "CardDeclinedError", "the exception event");
    await expectText(details.getByTestId("span-events"), "stripe-client.js:88", "the stack trace");
    const inlineLog = page.locator(`[data-testid="span-log-row"][data-span-id="${seed.paymentSpanId}"]`).filter({ hasText: ERROR_LOG_BODY });
    await expectVisible(inlineLog, "the ERROR log inline under the payment span");
    const [spanBox, logBox] = await Promise.all([spanRow(seed.paymentSpanId).boundingBox(), inlineLog.boundingBox()]);
    expect(logBox!.y, "the inline log row sits below its span's row").toBeGreaterThan(spanBox!.y);
    await screenshot(page, "trace");

    await page.getByTestId("trace-find").fill("score fraud");
    await expectText(page.getByTestId("find-count"), "of 1", "find counts the one matching span");
    await page.getByTestId("trace-find").press("Enter");
    await expectText(page.getByTestId("find-count"), "1 of 1", "Enter selects the match");
    await expectText(page.getByTestId("span-details"), "score fraud risk", "the found span's details");
    await page.getByTestId("trace-find").fill("");
  });

  it("links the checkout span to the trace it names", async () => {
    await spanRow(seed.checkoutSpanId).click();
    const links = page.getByTestId("span-details").getByTestId("span-links");
    await expectVisible(links, "the span links section");
    await expectAtLeast(links.locator(`a[href^="/trace/${seed.linkedTraceId}"]`), 1, "a link to the linked trace");
    await expectText(page.getByTestId("span-details").getByTestId("span-attributes"), XSS_VALUE, "markup in another attribute");
  });

  it("Logs tab lists the trace's logs; a log's jump selects its span", async () => {
    await page.getByTestId("trace-tab-logs").click();
    await expectVisible(page.getByTestId("trace-logs"), "the Logs tab");
    await expectCount(page.getByTestId("trace-log-row"), 3, "the trace's three logs");
    await expectText(page.getByTestId("trace-logs"), XSS_LOG_BODY, "the markup log body shows as text");
    await screenshot(page, "trace-logs");

    const errorLog = page.getByTestId("trace-log-row").filter({ hasText: ERROR_LOG_BODY });
    await expectAttribute(errorLog, "data-span-id", seed.paymentSpanId, "the ERROR log's span");
    await errorLog.getByTestId("trace-log-jump").click();
    await expectUrl(page, (u) => u.searchParams.get("span") === seed.paymentSpanId, "the jump puts the span in the URL");
    await expectAttribute(spanRow(seed.paymentSpanId), "aria-selected", "true", "the jumped-to span");
    await expectVisible(page.getByTestId("span-details"), "the jumped-to span's details");
  });

  it("flame graph draws every span; clicking a node selects it", async () => {
    await page.getByTestId("trace-tab-flame").click();
    await expectVisible(page.getByTestId("flame-graph"), "the flame graph");
    await expectCount(page.getByTestId("flame-node"), 9, "one flame node per span");
    await expectVisible(page.getByTestId("span-details"), "the payment span stays selected across tabs");
    await screenshot(page, "trace-flame");
    await page.locator(`[data-testid="flame-node"][data-span-id="${seed.dbSpanId}"]`).click();
    await expectUrl(page, (u) => u.searchParams.get("span") === seed.dbSpanId, "the flame selection in the URL");
    await expectText(page.getByTestId("span-details"), "UPDATE stock SET", "the db span's details");

    await page.getByTestId("trace-tab-stats").click();
    await expectText(page.getByTestId("trace-stats"), "payment", "the stats tab lists the services");
  });

  it("logs explorer finds the ERROR log by text and follows it to its span", async () => {
    await page.goto(url("/logs"));
    await expectAtLeast(page.getByTestId("log-row"), 6, "every log of the last hour");
    await expectText(page.getByTestId("logs-table"), XSS_LOG_BODY, "the markup log body shows as text");
    await page.getByTestId("log-row").filter({ hasText: ERROR_LOG_BODY }).click();
    await expectText(page.getByTestId("log-row-details"), "insufficient_funds", "the expanded ERROR log shows its attributes");
    await screenshot(page, "logs");

    await page.getByTestId("logs-query").fill("CARD DECLINED");
    await page.getByTestId("logs-submit").click();
    await expectUrl(page, (u) => u.pathname === "/logs" && /card/i.test(decodeURIComponent(u.search)), "the text filter in the URL");
    await expectCount(page.getByTestId("log-row"), 1, "one log matches 'card declined'");
    const row = page.getByTestId("log-row");
    await expectAttribute(row, "data-trace-id", seed.failedTraceId, "the matching log's trace");
    await row.click();
    await expectVisible(page.getByTestId("log-row-details"), "the expanded log");
    await page.getByTestId("log-trace-link").click();
    await expectUrl(page, (u) => u.pathname === `/trace/${seed.failedTraceId}` && u.searchParams.get("span") === seed.paymentSpanId, "the log's trace link");
    await expectAttribute(spanRow(seed.paymentSpanId), "aria-selected", "true", "the log's span, selected");
    await expectText(page.getByTestId("span-details"), "card declined", "the log's span details");
  });
});
