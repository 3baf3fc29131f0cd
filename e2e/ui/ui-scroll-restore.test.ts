import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type BrowserSession } from "../support/browser.js";
import { SkeinProcess } from "../support/skein-process.js";
import { seedUiData, type UiSeed } from "../support/ui-seed.js";
import { expectCount, expectUrl, until } from "./page-waits.js";

/**
 * Scroll positions in Chromium where jsdom cannot see them (it has no layout, so nothing clamps):
 * re-running the same search keeps the window where it was, and Back after a reload, to an entry
 * whose answer is no longer in memory, lands where that entry was left once its rows are in.
 * A short viewport makes the 13 results scroll.
 */
describe("UI scroll restore (search results, Chromium)", () => {
  let server: SkeinProcess;
  let session: BrowserSession;
  let seed: UiSeed;
  let page: Page;
  const url = (path: string): string => `${server.endpoints.apiUrl}${path}`;
  const scrollY = async (): Promise<number> => Number(await page.evaluate("window.scrollY"));
  let all = 0;
  let scrolled = 0;

  beforeAll(async () => {
    server = await SkeinProcess.start();
    seed = await seedUiData(server.endpoints);
    session = await launchBrowser({ viewport: { width: 1440, height: 420 } });
    page = session.page;
    all = seed.okTraceIds.length + 1;
  });
  afterAll(async () => {
    const errors = session?.unexpectedErrors() ?? [];
    await session?.close();
    await server?.cleanup();
    expect(errors, "console errors or uncaught exceptions in the page").toEqual([]);
  });

  it("re-running the same search keeps the scroll position (the old rows stay while it runs)", async () => {
    await page.goto(url("/search?limit=50"));
    await expectCount(page.getByTestId("search-result"), all, "every trace of the last hour");
    // A little, so the submit button stays in view (a click scrolls its target into view).
    await page.evaluate("window.scrollTo(0, 80)");
    const before = await until("the window scrolled down a little", async () => (await scrollY()) > 0 && scrollY());
    const entries = Number(await page.evaluate("history.length"));

    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/v1/traces");
    await page.getByTestId("search-submit").click();
    await answered;
    await until("the refreshed results", async () => (await page.getByTestId("search-answer").getAttribute("aria-busy")) === "false");
    await expectCount(page.getByTestId("search-result"), all, "the same results, run again");
    expect(await scrollY(), "the window stayed where it was during and after the re-run").toBe(before);
    expect(Number(await page.evaluate("history.length")), "an unchanged search adds no entry").toBe(entries);
  });

  it("Back after a reload, to an entry whose answer is not remembered, restores its position", async () => {
    await page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)");
    scrolled = await until("the window scrolled to the bottom", async () => (await scrollY()) > 200 && scrollY());
    await page.waitForTimeout(200); // the scroll event is recorded on the next frame
    // Submit limit=10 from down there: fill()/click() would first scroll the form into view (and
    // that position would be recorded as where the entry was left), so set the field and submit
    // the form in the page, the way a keyboard user with the form off-screen could.
    await page.evaluate(`(() => {
      const input = document.querySelector('[data-testid="search-limit"]');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(input, "10");
      input.dispatchEvent(new Event("input", { bubbles: true }));
      document.querySelector('[data-testid="search-form"]').requestSubmit();
    })()`);
    await expectUrl(page, (u) => u.searchParams.get("limit") === "10", "the new limit in the URL");
    await expectCount(page.getByTestId("search-result"), 10, "ten results");
    expect(await scrollY(), "a new search starts at the top").toBe(0);

    await page.reload(); // forgets every remembered answer; positions survive in sessionStorage
    await expectCount(page.getByTestId("search-result"), 10, "ten results after the reload");
    await page.goBack();
    await expectUrl(page, (u) => u.searchParams.get("limit") === "50", "Back to the limit-50 search");
    await expectCount(page.getByTestId("search-result"), all, "its own results, searched again");
    await until(`the scroll position of that entry (${scrolled})`, async () => (await scrollY()) === scrolled);
    // And it stays there (no late reset once more of the page settles).
    await page.waitForTimeout(300);
    expect(await scrollY()).toBe(scrolled);
  });
});
