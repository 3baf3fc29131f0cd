import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, type BrowserSession } from "../support/browser.js";
import { SkeinProcess } from "../support/skein-process.js";
import { expectText, expectVisible } from "./page-waits.js";

/**
 * The UI's states without data, in Chromium against a real server with an empty data dir:
 * "no data yet", an unknown trace, an unknown page, and — after the server is stopped under an
 * open page — "can't reach the server".
 */
describe("UI states (empty server, unknown trace, unreachable)", () => {
  let server: SkeinProcess;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await SkeinProcess.start();
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await server?.cleanup();
  });

  const url = (path: string): string => `${server.endpoints.apiUrl}${path}`;

  it("shows how to send data on /search and /logs when the server has none", async () => {
    const { page } = session;
    await page.goto(url("/"));
    await expectVisible(page.getByTestId("no-data"), "/ → /search on an empty server");
    expect(new URL(page.url()).pathname).toBe("/search");
    await expectText(page.getByTestId("no-data"), "OTEL_EXPORTER_OTLP_ENDPOINT", "the no-data state explains how to send data");
    // The hint names the ports this server really bound (ephemeral here), from /api/v1/status.
    const otlpHttpPort = new URL(server.endpoints.otlpHttpUrl).port;
    const otlpGrpcPort = server.endpoints.otlpGrpcAddress.split(":").at(-1)!;
    await expectText(page.getByTestId("no-data"), `:${otlpHttpPort}`, "the no-data state shows the real OTLP/HTTP port");
    await expectText(page.getByTestId("no-data"), `:${otlpGrpcPort}`, "the no-data state shows the real OTLP/gRPC port");
    await screenshot(page, "empty-search");
    await page.goto(url("/logs"));
    await expectVisible(page.getByTestId("no-data"), "/logs on an empty server");
    await expectText(page.getByTestId("no-data"), `:${otlpHttpPort}/v1/logs`, "the logs no-data state shows the real OTLP/HTTP port");
  });

  it("says an unknown trace id was not found, and an unknown path is no page", async () => {
    const { page } = session;
    await page.goto(url(`/trace/${"ab".repeat(16)}`));
    await expectVisible(page.getByTestId("trace-not-found"), "an unknown trace id");
    await page.goto(url("/no-such-page"));
    await expectVisible(page.getByTestId("page-not-found"), "an unknown path");
  });

  it("says the server is unreachable when it stops under an open page", async () => {
    const { page } = session;
    await page.goto(url("/search"));
    await expectVisible(page.getByTestId("search-form"), "the search form");
    await server.stop();
    await page.getByTestId("search-submit").click();
    await expectVisible(page.getByTestId("unreachable"), "a search while the server is stopped");
    await expectText(page.getByTestId("unreachable"), "skein start", "the unreachable state says what to check");
    // The failed fetches are the expected console errors here; anything else is a bug.
    expect(session.unexpectedErrors([/Failed to load resource/, /ERR_CONNECTION_REFUSED/, /Failed to fetch/])).toEqual([]);
    expect(session.dialogs).toEqual([]);
  });
});
