// @vitest-environment jsdom
import type { ApiAlertEvent } from "@skein/model/api";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AlertHistoryPage } from "./alert-history-page.js";
import { fakeAlertsServer, storedRule } from "./testdata/fake-alerts-server.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

function event(fields: Partial<ApiAlertEvent> & { id: string; time: number }): ApiAlertEvent {
  return {
    ruleId: "a", ruleName: "pay errors", state: "firing", service: "payment", operation: null, value: 40, threshold: 5, text: "FIRING: pay errors\npayment · all operations: error rate 40% > 5%",
    exemplars: [], delivery: { ok: true, status: 200, error: null, attempts: 1 }, ...fields,
  };
}

const EVENTS = [
  event({ id: "e1", time: 1_000_000, exemplars: [{ traceId: TRACE, url: `http://skein/trace/${TRACE}`, errorLogs: [{ timeUnixNano: "1000000000000000", severityText: "ERROR", body: "card declined", spanId: null }] }] }),
  event({ id: "e2", time: 2_000_000, state: "resolved", value: 1.5, delivery: { ok: false, status: 500, error: null, attempts: 3 } }),
  event({ id: "e3", time: 1_500_000, ruleId: "gone", ruleName: "old latency", value: 900_000_000, threshold: 500_000_000, text: "FIRING: old\ncart: p95 latency 900ms > 500ms" }),
];

function Probe() {
  return <output data-testid="location">{useLocation().search}</output>;
}

function renderAt(url = "/alerts/history") {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/alerts/history" element={<AlertHistoryPage />} />
        <Route path="/trace/:id" element={<p data-testid="trace-page">trace</p>} />
      </Routes>
      <Probe />
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const card = (id: string) => screen.getAllByTestId("alert-event").find((el) => el.textContent!.includes(id))!;

describe("AlertHistoryPage", () => {
  it("lists events newest first with state, value against threshold and delivery", async () => {
    fakeAlertsServer({ rules: [storedRule({ id: "a", name: "pay errors" })], events: EVENTS });
    renderAt();
    await screen.findByTestId("alert-events");
    const cards = screen.getAllByTestId("alert-event");
    expect(cards.map((el) => el.getAttribute("data-state"))).toEqual(["resolved", "firing", "firing"]);
    expect(within(cards[0]!).getByTestId("alert-event-value").textContent).toBe("value 1.5% ≤ threshold 5%");
    expect(within(cards[0]!).getByTestId("alert-event-delivery").textContent).toBe("Webhook failed: HTTP 500 after 3 attempts");
    expect(within(cards[1]!).getByTestId("alert-event-value").textContent).toBe("value 900 ms > threshold 500 ms");
    expect(within(cards[2]!).getByTestId("alert-event-delivery").textContent).toBe("Webhook delivered (HTTP 200), 1 attempt");
  });

  it("links exemplar traces and shows their error logs", async () => {
    fakeAlertsServer({ rules: [], events: [EVENTS[0]!] });
    renderAt();
    const link = await screen.findByTestId("alert-exemplar-link");
    expect(link.getAttribute("href")).toBe(`/trace/${TRACE}`);
    expect(screen.getByTestId("alert-exemplar-log").textContent).toContain("card declined");
    fireEvent.click(link);
    expect(await screen.findByTestId("trace-page")).toBeTruthy();
  });

  it("filters by rule through the URL", async () => {
    const server = fakeAlertsServer({ rules: [storedRule({ id: "a", name: "pay errors" })], events: EVENTS });
    renderAt();
    await screen.findByTestId("alert-events");
    fireEvent.change(screen.getByTestId("history-rule-filter"), { target: { value: "a" } });
    expect(screen.getByTestId("location").textContent).toBe("?rule=a");
    await vi.waitFor(() => expect(screen.getAllByTestId("alert-event")).toHaveLength(2));
    expect(server.requests.some((r) => r.url.includes("ruleId=a"))).toBe(true);
    expect(card("pay errors")).toBeTruthy();
  });

  it("shows an event never sent (rule disabled while firing) as such, not as a failure", async () => {
    const disabled = event({ id: "e4", time: 3_000_000, state: "resolved", value: null, delivery: { ok: false, status: null, error: "not sent: the rule was disabled", attempts: 0 } });
    fakeAlertsServer({ rules: [], events: [disabled] });
    renderAt();
    const delivery = await screen.findByTestId("alert-event-delivery");
    expect(delivery.textContent).toBe("Not sent: the rule was disabled");
    expect(delivery.className).not.toContain("error-text");
  });

  it("says when nothing was sent yet", async () => {
    fakeAlertsServer();
    renderAt();
    expect((await screen.findByTestId("history-empty")).textContent).toContain("No notifications yet");
  });
});
