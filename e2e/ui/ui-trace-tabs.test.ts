import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, type BrowserSession } from "../support/browser.js";
import { SkeinProcess } from "../support/skein-process.js";
import { expectAtLeast, until } from "./page-waits.js";

/**
 * Tab switches on a trace with thousands of logs, in Chromium (jsdom has no layout, so a hidden
 * tab never measures 0 px there). The page keeps hidden tabs mounted; the Logs tab's virtualized
 * list used to keep measuring its rows while hidden (display:none → 0 px each) until React gave
 * up (error #185) and the whole app went blank. Its scroll position must also survive the trip.
 */
const SPAN_COUNT = 300;
const LOG_COUNT = 4_200;
const SERVICES = ["frontend", "checkout", "payment"];

const hex = (bytes: number): string => randomBytes(bytes).toString("hex");
const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** Spans 1..CHAIN_LENGTH nest one under the other (a deep flame graph); the rest are children of the root. */
const CHAIN_LENGTH = 80;

/** One trace of SPAN_COUNT spans and LOG_COUNT logs spread over them (OTLP/JSON). */
function bigTrace(startMs: number) {
  const traceId = hex(16);
  const spanIds = Array.from({ length: SPAN_COUNT }, () => hex(8));
  const startNs = BigInt(startMs) * 1_000_000n;
  const spans = spanIds.map((spanId, i) => ({
    service: SERVICES[i % SERVICES.length]!,
    span: {
      traceId,
      spanId,
      ...(i === 0 ? {} : { parentSpanId: spanIds[i <= CHAIN_LENGTH ? i - 1 : 0] }),
      name: i === 0 ? "POST /api/import" : i <= CHAIN_LENGTH ? `resolve dependency ${i}` : `import batch ${i}`,
      kind: i === 0 ? 2 : 1,
      startTimeUnixNano: (startNs + BigInt(i) * 1_000_000n).toString(),
      endTimeUnixNano: (startNs + BigInt(i === 0 ? 5_000 : i <= CHAIN_LENGTH ? 5_000 - i : i + 8) * 1_000_000n).toString(),
      attributes: [attr("batch.index", String(i))],
    },
  }));
  const logs = Array.from({ length: LOG_COUNT }, (_, i) => {
    const spanIndex = i % SPAN_COUNT;
    const timeNs = (startNs + BigInt(i) * 1_000_000n + 500_000n).toString();
    return {
      service: SERVICES[spanIndex % SERVICES.length]!,
      record: {
        timeUnixNano: timeNs,
        observedTimeUnixNano: timeNs,
        severityNumber: i % 50 === 0 ? 13 : 9,
        severityText: i % 50 === 0 ? "WARN" : "INFO",
        body: { stringValue: `imported row ${String(i).padStart(4, "0")} of the batch` },
        traceId,
        spanId: spanIds[spanIndex],
      },
    };
  });
  return { traceId, spans, logs };
}

function byService<I extends { service: string }, T>(items: I[], pick: (item: I) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.service);
    if (group) group.push(pick(item));
    else groups.set(item.service, [pick(item)]);
  }
  return groups;
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`POST ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

async function ingest(otlpHttpUrl: string, trace: ReturnType<typeof bigTrace>): Promise<void> {
  const resource = (service: string) => ({ attributes: [attr("service.name", service)] });
  const spans = byService(trace.spans, (item) => item.span);
  await post(`${otlpHttpUrl}/v1/traces`, {
    resourceSpans: [...spans].map(([service, list]) => ({ resource: resource(service), scopeSpans: [{ scope: { name: "e2e-ui" }, spans: list }] })),
  });
  const logs = byService(trace.logs, (item) => item.record);
  await post(`${otlpHttpUrl}/v1/logs`, {
    resourceLogs: [...logs].map(([service, list]) => ({ resource: resource(service), scopeLogs: [{ scope: { name: "e2e-ui" }, logRecords: list }] })),
  });
}

describe("UI trace tabs (a trace with > 4,000 logs, Chromium)", () => {
  let server: SkeinProcess;
  let session: BrowserSession;
  let page: Page;
  let traceId = "";

  beforeAll(async () => {
    server = await SkeinProcess.start();
    const trace = bigTrace(Date.now() - 10 * 60_000);
    traceId = trace.traceId;
    await ingest(server.endpoints.otlpHttpUrl, trace);
    session = await launchBrowser();
    page = session.page;
  });
  afterAll(async () => {
    const errors = session?.unexpectedErrors() ?? [];
    await session?.close();
    await server?.cleanup();
    expect(errors, "console errors or uncaught exceptions in the page").toEqual([]);
  });

  // Scripts run in the page as strings: this project's e2e code compiles without the DOM types.
  const scrollOf = async (selector: string): Promise<number> => Number(await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).scrollTop`));
  const scrollTo = (selector: string, top: number): Promise<unknown> => page.evaluate(`document.querySelector(${JSON.stringify(selector)}).scrollTo(0, ${top})`);
  /**
   * The first `rows` element inside `scroller` whose top is at least `inset` px below the
   * scroller's top edge (the first fully in view under any sticky header), read by `read(row)`.
   */
  const firstInView = async (scroller: string, rows: string, read: string, inset = 0): Promise<string> =>
    String(
      await page.evaluate(`(() => {
        const scroller = document.querySelector(${JSON.stringify(scroller)});
        const top = scroller.getBoundingClientRect().top + ${inset} - 1;
        const rows = [...scroller.querySelectorAll(${JSON.stringify(rows)})].filter((row) => row.getBoundingClientRect().top >= top);
        rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
        const read = ${read};
        return rows[0] ? read(rows[0]) : "";
      })()`),
    );
  const LOG_LIST = '[data-testid="trace-logs"] .trace-logs-list';
  const firstVisibleLog = (): Promise<string> => firstInView(LOG_LIST, '[data-testid="trace-log-row"]', '(row) => row.querySelector(".trace-log-body")?.textContent ?? ""');
  const listScrollTop = (): Promise<number> => scrollOf(LOG_LIST);
  const showTab = async (tab: "waterfall" | "flame" | "stats" | "logs", ready: string): Promise<void> => {
    await page.getByTestId(`trace-tab-${tab}`).click({ timeout: 5_000 });
    await page.getByTestId(ready).first().waitFor({ state: "visible", timeout: 5_000 });
  };

  it("keeps the app and the Logs list's position while switching to Waterfall, Flame and Stats and back", async () => {
    await page.goto(`${server.endpoints.apiUrl}/trace/${traceId}?tab=logs`);
    await until("the Logs tab counts every log", async () => (await page.getByTestId("trace-logs-count").textContent())?.includes(`${LOG_COUNT} logs`));
    await expectAtLeast(page.getByTestId("trace-log-row"), 10, "log rows on screen");

    // One row near the top expanded (taller than estimated: its measured height must be kept while
    // hidden, or every row below shifts), then far down the list (500 px used to be enough to crash).
    await page.getByTestId("trace-log-row").nth(2).locator(".trace-log-toggle").click();
    await page.locator(".trace-log-details").first().waitFor({ state: "visible" });
    await scrollTo(LOG_LIST, 40_000);
    await until("the list scrolled", async () => (await listScrollTop()) >= 30_000);
    await page.waitForTimeout(200); // the virtualizer renders the rows of the new position on the next frame
    const before = await firstVisibleLog();
    expect(before).toMatch(/^imported row \d{4} of the batch$/);
    expect(before).not.toBe("imported row 0000 of the batch");
    const scrolled = await listScrollTop();

    await showTab("waterfall", "span-row");
    await showTab("flame", "flame-node");
    await showTab("stats", "trace-stats");
    await page.waitForTimeout(300); // give a render loop on the hidden list time to blow up
    expect(await page.getByTestId("ui-crash").count(), "no crash screen").toBe(0);
    await showTab("logs", "trace-log-row");
    await until(`the same first visible log (${before})`, async () => (await firstVisibleLog()) === before);
    expect(Math.abs((await listScrollTop()) - scrolled), "the list's scroll position survived").toBeLessThanOrEqual(1);
    await screenshot(page, "trace-logs-tab-after-switch", { forDocs: false });

    // And again, straight back from the waterfall (the view Back returns to).
    await showTab("waterfall", "span-row");
    await page.waitForTimeout(200);
    await showTab("logs", "trace-log-row");
    await until(`the same first visible log again (${before})`, async () => (await firstVisibleLog()) === before);
    expect(await page.getByTestId("trace-header").count(), "the page is still there").toBe(1);
  });

  it("keeps the flame graph's and the waterfall's scroll positions across tab switches", async () => {
    const flameBody = '[data-testid="flame-graph"] .flame-graph-body';
    /** Flame nodes drawn inside the body's visible area (0 when the view rendered rows of another offset). */
    const flameNodesInView = async (): Promise<number> =>
      Number(
        await page.evaluate(`(() => {
          const view = document.querySelector(${JSON.stringify(flameBody)}).getBoundingClientRect();
          return [...document.querySelectorAll('[data-testid="flame-node"]')].filter((node) => {
            const rect = node.getBoundingClientRect();
            return rect.bottom > view.top && rect.top < view.bottom;
          }).length;
        })()`),
      );
    await showTab("flame", "flame-node");
    await scrollTo(flameBody, 1_000);
    await until("the flame graph scrolled", async () => (await scrollOf(flameBody)) >= 900);
    const flameTop = await scrollOf(flameBody);
    await showTab("stats", "trace-stats");
    await showTab("flame", "flame-node");
    expect(await scrollOf(flameBody), "the flame graph's scroll position survived").toBe(flameTop);
    expect(await flameNodesInView(), "spans drawn where the flame graph is scrolled to").toBeGreaterThan(10);

    await showTab("waterfall", "span-row");
    await scrollTo('[data-testid="waterfall"]', 2_000);
    await until("the waterfall scrolled", async () => (await scrollOf('[data-testid="waterfall"]')) >= 1_500);
    const waterfallTop = await scrollOf('[data-testid="waterfall"]');
    await page.waitForTimeout(200);
    const firstSpan = await firstInView('[data-testid="waterfall"]', '[data-testid="span-row"]', '(row) => row.getAttribute("data-span-id") ?? ""', 30);
    expect(firstSpan).toMatch(/^[0-9a-f]{16}$/);
    await showTab("logs", "trace-log-row");
    await showTab("waterfall", "span-row");
    expect(await scrollOf('[data-testid="waterfall"]'), "the waterfall's scroll position survived").toBe(waterfallTop);
    expect(await page.locator(`[data-testid="span-row"][data-span-id="${firstSpan}"]`).count(), "the rows of that position are rendered").toBe(1);
    expect(await page.getByTestId("ui-crash").count()).toBe(0);
  });
});
