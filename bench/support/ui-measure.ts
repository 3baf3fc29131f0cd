import type { Browser } from "playwright-core";
import { baselineProbe, collapseProbe, scrollToMiddleProbe, selectCentreRowProbe } from "./ui-page-probes.js";

/** Performance marks of the UI (packages/ui: api-client and the waterfall). */
export const DATA_ARRIVED_MARK = "skein:trace-data-arrived";
export const RENDERED_MARK = "skein:trace-rendered";

/** One page load of `/trace/{id}` and the interactions on it, ms. */
export interface UiRun {
  /** `skein:trace-rendered` − `skein:trace-data-arrived`: parse, validate, model, first rows painted. */
  renderMs: number;
  /** navigation start → `skein:trace-rendered` (includes loading the app and fetching the trace). */
  navigationToRenderedMs: number;
  scrollMs: number;
  selectMs: number;
  collapseMs: number;
  /** render + scroll + select + collapse */
  interactiveMs: number;
  jsonParseMs: number;
  naiveRenderMs: number;
  bodyBytes: number;
  details: string[];
  /** Console errors, uncaught exceptions, and a rendered mark not set exactly once. */
  pageErrors: string[];
}

/**
 * Opens `<apiUrl>/trace/<traceId>` in a fresh 1440×900 page, waits for the rendered mark, runs the
 * three interactions in order and then the baselines in the same page, and closes the page.
 */
export async function measureTracePage(browser: Browser, apiUrl: string, traceId: string, spanCount: number): Promise<UiRun> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  try {
    await page.goto(`${apiUrl}/trace/${traceId}`);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, RENDERED_MARK, { timeout: 120_000, polling: 50 });
    const marks = await page.evaluate(([arrived, rendered]) => ({
      arrived: performance.getEntriesByName(arrived)[0]?.startTime ?? Number.NaN,
      rendered: performance.getEntriesByName(rendered)[0]!.startTime,
    }), [DATA_ARRIVED_MARK, RENDERED_MARK] as const);
    if (!Number.isFinite(marks.arrived)) throw new Error(`${RENDERED_MARK} was set but ${DATA_ARRIVED_MARK} was not`);
    const scroll = await page.evaluate(scrollToMiddleProbe);
    const select = await page.evaluate(selectCentreRowProbe);
    const collapse = await page.evaluate(collapseProbe);
    const base = await page.evaluate(baselineProbe, traceId);
    const marksSet = await page.evaluate((name) => performance.getEntriesByName(name).length, RENDERED_MARK);
    if (marksSet !== 1) pageErrors.push(`${RENDERED_MARK} was set ${marksSet} times on one page load (the contract: once per loaded trace)`);
    if (base.spans !== spanCount) throw new Error(`the trace has ${base.spans} spans, expected ${spanCount}`);
    const renderMs = marks.rendered - marks.arrived;
    return {
      renderMs,
      navigationToRenderedMs: marks.rendered,
      scrollMs: scroll.ms,
      selectMs: select.ms,
      collapseMs: collapse.ms,
      interactiveMs: renderMs + scroll.ms + select.ms + collapse.ms,
      jsonParseMs: base.jsonParseMs,
      naiveRenderMs: base.naiveRenderMs,
      bodyBytes: base.bodyBytes,
      details: [scroll.detail, select.detail, collapse.detail],
      pageErrors,
    };
  } finally {
    await page.close();
  }
}

/** Median of each numeric field over the runs. */
export function medianRun(runs: UiRun[]): Record<Exclude<keyof UiRun, "details" | "pageErrors">, number> {
  const median = (values: number[]): number => {
    const s = [...values].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  const keys = ["renderMs", "navigationToRenderedMs", "scrollMs", "selectMs", "collapseMs", "interactiveMs", "jsonParseMs", "naiveRenderMs", "bodyBytes"] as const;
  return Object.fromEntries(keys.map((k) => [k, Math.round(median(runs.map((r) => r[k])) * 10) / 10])) as Record<(typeof keys)[number], number>;
}
