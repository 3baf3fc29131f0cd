import { apiAlertEventsResponseSchema, apiAlertRulesResponseSchema, type ApiAlertRule } from "@skein/model";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERTS_ERROR_LOG, ALERTS_OPERATION, ALERTS_SERVICE, sendAlertTraffic, startWebhookReceiver, type WebhookReceiver } from "../support/alerts-seed.js";
import { eventually, getJson } from "../support/api-client.js";
import { launchBrowser, screenshot, type BrowserSession } from "../support/browser.js";
import { SkeinProcess } from "../support/skein-process.js";
import { expectAttribute, expectCount, expectText, expectUrl, until } from "./page-waits.js";

/**
 * The alerts pages in Chromium against a real server (alerts evaluated every second, rollups
 * flushed every 200 ms) with a local webhook receiver: a rule is created, edited and deleted
 * through the form (each checked through the API), and once traffic with errors makes the rule
 * fire, the history page shows the event with its exemplar traces and their error logs. Rules
 * measure complete minutes only, so the rule fires up to a minute after the traffic's minute ends.
 */
describe("UI: Alerts", () => {
  let server: SkeinProcess;
  let session: BrowserSession;
  let page: Page;
  let receiver: WebhookReceiver;
  let failedTraceIds: string[];
  const url = (path: string): string => `${server.endpoints.apiUrl}${path}`;
  /** The webhook as the API shows it: scheme://host/… and the last 4 characters of its path. */
  const redactedWebhook = (): string => `${new URL(receiver.url).origin}/…${receiver.url.slice(-4)}`;
  const rules = async (): Promise<ApiAlertRule[]> => apiAlertRulesResponseSchema.parse((await getJson(url("/api/v1/alerts/rules"))).body).rules;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    server = await SkeinProcess.start({ args: ["--alert-interval", "1s", "--span-metrics", "on", "--span-metrics-flush-interval", "200ms"] });
    // 60 % of the requests fail: enough for a "> 30 %" rule to fire once it exists.
    failedTraceIds = await sendAlertTraffic(server.endpoints, 4, 6);
    session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
    page = session.page;
  }, 60_000);
  afterAll(async () => {
    const errors = session?.unexpectedErrors() ?? [];
    await session?.close();
    await server?.cleanup();
    await receiver?.close();
    expect(errors, "console errors or uncaught exceptions in the page").toEqual([]);
  });

  const fillRule = async (fields: { name: string; threshold: string; withOperation: boolean }) => {
    await page.getByTestId("rule-name").fill(fields.name);
    await until("the service is offered", async () => (await page.locator(`[data-testid="rule-service"] option[value="${ALERTS_SERVICE}"]`).count()) === 1);
    await page.getByTestId("rule-service").selectOption(ALERTS_SERVICE);
    if (fields.withOperation) {
      await until("the operation is offered", async () => (await page.locator(`[data-testid="rule-operation"] option[value="${ALERTS_OPERATION}"]`).count()) === 1);
      await page.getByTestId("rule-operation").selectOption(ALERTS_OPERATION);
    }
    await page.getByTestId("rule-type-error-rate").check();
    await page.getByTestId("rule-thresholdPercent").fill(fields.threshold);
    await page.getByTestId("rule-window").fill("5m");
    await page.getByTestId("rule-minRequests").fill("5");
    await page.getByTestId("rule-webhookUrl").fill(receiver.url);
  };

  it("validates the form, then creates a rule stored as entered", async () => {
    await page.goto(url("/alerts"));
    await expectText(page.getByTestId("alerts-empty"), "No alert rules yet", "no rules at first");
    await page.getByTestId("rule-new").click();
    await page.getByTestId("rule-save").click();
    await expectText(page.getByTestId("rule-error-name"), "name", "the missing name is explained");
    await expectText(page.getByTestId("rule-error-webhookUrl"), "http", "the missing webhook is explained");
    expect(await rules()).toEqual([]);

    // 95 % is above the seeded 60 %: the rule must not fire before the edit below lowers it.
    await fillRule({ name: "Checkout failing", threshold: "95", withOperation: true });
    await screenshot(page, "alerts-rule-form", { forDocs: false });
    await page.getByTestId("rule-save").click();
    await expectCount(page.getByTestId("rule-row"), 1, "the new rule is listed");
    const [rule] = await rules();
    expect(rule).toMatchObject({
      name: "Checkout failing", service: ALERTS_SERVICE, operation: ALERTS_OPERATION, condition: { type: "error-rate", thresholdPercent: 95 }, window: "5m", minRequests: 5, webhookUrl: redactedWebhook(), enabled: true,
    });
    await expectText(page.getByTestId("rule-condition"), "error rate > 95%", "the row's condition");
  });

  it("edits the rule and deletes another one, both checked through the API", async () => {
    const row = page.locator('[data-testid="rule-row"][data-rule-name="Checkout failing"]');
    await row.getByTestId("rule-edit").click();
    // The stored webhook is not sent back: the field starts empty (kept on save) with the redacted URL as placeholder.
    expect(await page.getByTestId("rule-webhookUrl").inputValue()).toBe("");
    expect(await page.getByTestId("rule-webhookUrl").getAttribute("placeholder")).toBe(redactedWebhook());
    await page.getByTestId("rule-thresholdPercent").fill("30");
    await page.getByTestId("rule-operation").selectOption("");
    await page.getByTestId("rule-save").click();
    await expectText(row.getByTestId("rule-condition"), "error rate > 30%", "the edited condition");
    const [edited] = await rules();
    expect(edited).toMatchObject({ name: "Checkout failing", operation: null, condition: { type: "error-rate", thresholdPercent: 30 }, webhookUrl: redactedWebhook() });

    await page.getByTestId("rule-new").click();
    await fillRule({ name: "Temporary", threshold: "99", withOperation: false });
    await page.getByTestId("rule-save").click();
    await expectCount(page.getByTestId("rule-row"), 2, "two rules");
    expect((await rules()).map((r) => r.name).sort()).toEqual(["Checkout failing", "Temporary"]);
    const temporary = page.locator('[data-testid="rule-row"][data-rule-name="Temporary"]');
    await temporary.getByTestId("rule-delete").click();
    await temporary.getByTestId("rule-delete-confirm").click();
    await expectCount(page.getByTestId("rule-row"), 1, "the deleted rule is gone");
    expect((await rules()).map((r) => r.name)).toEqual(["Checkout failing"]);
  });

  it("shows the rule firing, and the history page shows the event with exemplar traces and their error logs", async () => {
    const [rule] = await rules();
    await eventually(async () => {
      const events = apiAlertEventsResponseSchema.parse((await getJson(url(`/api/v1/alerts/events?ruleId=${rule!.id}`))).body).events;
      return events.some((event) => event.state === "firing" && event.delivery.ok) ? events : undefined;
    }, 90_000, "a delivered firing event");
    expect(receiver.bodies.length).toBeGreaterThan(0); // the edit kept the stored webhook

    await page.getByTestId("alerts-refresh").click();
    await expectAttribute(page.getByTestId("rule-row"), "data-state", "firing", "the rule's state"); // (shown upper-cased)
    await expectText(page.getByTestId("rule-last-value"), "60%", "the measured error rate");
    await screenshot(page, "alerts-rules", { forDocs: false });

    await page.getByTestId("rule-history").click();
    await expectUrl(page, (u) => u.pathname === "/alerts/history" && u.searchParams.get("rule") === rule!.id, "the rule's history");
    const event = page.locator('[data-testid="alert-event"][data-state="firing"]');
    await expectText(event.getByTestId("alert-event-value"), "value 60% > threshold 30%", "value against threshold");
    await expectText(event.getByTestId("alert-event-delivery"), "Webhook delivered (HTTP 200)", "the delivery result");
    await expectCount(event.getByTestId("alert-exemplar-link"), 3, "three exemplar traces");
    const linked = await event.getByTestId("alert-exemplar-link").allInnerTexts();
    for (const id of linked) expect(failedTraceIds).toContain(id);
    await expectText(event.getByTestId("alert-exemplar-log"), ALERTS_ERROR_LOG, "an exemplar's error log");
    await screenshot(page, "alerts-history");

    await event.getByTestId("alert-exemplar-link").first().click();
    await expectUrl(page, (u) => u.pathname === `/trace/${linked[0]}`, "the exemplar's trace page");
    await expectText(page.getByTestId("trace-header"), ALERTS_OPERATION, "the exemplar trace");
  }, 120_000);
});
