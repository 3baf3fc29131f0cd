import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, type BrowserSession } from "../support/browser.js";
import { DATABASE_NODE, EXPECTED_EDGES, EXTERNAL_NODE, INSIGHTS_SERVICES, QUEUE_NODE, seedInsightsData, waitForInsights } from "../support/insights-seed.js";
import { SkeinProcess } from "../support/skein-process.js";
import { expectCount, expectText, expectUrl, expectVisible } from "./page-waits.js";

/**
 * The Service map page in Chromium against a real server with the seeded shop's service-graph
 * rollups: the nodes of each type, the edges, the details panel, and a service node's link.
 */
describe("UI: Service map", () => {
  let server: SkeinProcess;
  let session: BrowserSession;
  let page: Page;
  const url = (path: string): string => `${server.endpoints.apiUrl}${path}`;

  beforeAll(async () => {
    server = await SkeinProcess.start({ args: ["--span-metrics", "on", "--span-metrics-flush-interval", "200ms"] });
    await seedInsightsData(server.endpoints);
    await waitForInsights(server.endpoints.apiUrl);
    session = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    page = session.page;
  });
  afterAll(async () => {
    const errors = session?.unexpectedErrors() ?? [];
    await session?.close();
    await server?.cleanup();
    expect(errors, "console errors or uncaught exceptions in the page").toEqual([]);
  });

  it("draws the services, the database, the queue and the external system, joined by the expected edges", async () => {
    await page.goto(url("/service-map"));
    const nodes = page.getByTestId("map-node");
    await expectCount(nodes, INSIGHTS_SERVICES.length + 3, "every node of the seeded shop");
    const types = Object.fromEntries(await nodes.evaluateAll((els) => els.map((el) => [el.getAttribute("data-name"), el.getAttribute("data-type")])));
    expect(types).toEqual({
      ...Object.fromEntries(INSIGHTS_SERVICES.map((s) => [s, "service"])),
      [DATABASE_NODE]: "database",
      [QUEUE_NODE]: "queue",
      [EXTERNAL_NODE]: "external",
    });
    const edges = await page.getByTestId("map-edge").evaluateAll((els) => els.map((el) => `${el.getAttribute("data-source")}>${el.getAttribute("data-target")}`));
    expect(edges.sort()).toEqual([...EXPECTED_EDGES]);
    await expectVisible(page.getByTestId("map-legend"), "the legend");
    // Laid out left to right: the caller's box is left of the callee's.
    const left = async (name: string) => (await page.locator(`[data-testid="map-node"][data-name="${name}"]`).boundingBox())!.x;
    expect(await left("frontend")).toBeLessThan(await left("checkout"));
    expect(await left("checkout")).toBeLessThan(await left("payment"));
    await screenshot(page, "service-map");
  });

  it("shows an edge's figures in the details panel", async () => {
    await page.locator(`[data-testid="map-edge"][data-source="checkout"][data-target="payment"] .map-edge-line`).click({ force: true });
    await expectText(page.getByTestId("map-details"), "checkout → payment", "the edge's details");
    await expectText(page.getByTestId("map-details-calls"), "8", "checkout called payment once per request");
    await page.locator(`[data-testid="map-node"][data-name="${DATABASE_NODE}"]`).click();
    await expectText(page.getByTestId("map-details"), "Database", "the database's details");
    await expectUrl(page, (u) => u.pathname === "/service-map", "a database node does not navigate");
  });

  it("opens a service's page from its node", async () => {
    await page.locator('[data-testid="map-node"][data-name="payment"]').click();
    await expectUrl(page, (u) => u.pathname === "/services/payment", "the payment service page");
    await expectText(page.getByTestId("service-name"), "payment", "the service page's heading");
  });
});
