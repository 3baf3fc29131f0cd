// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ServicesProvider } from "../../api/services-context.js";
import { AlertsPage } from "./alerts-page.js";
import { fakeAlertsServer, storedRule } from "./testdata/fake-alerts-server.js";

function Probe() {
  return <output data-testid="location">{useLocation().search}</output>;
}

function renderAt(url = "/alerts") {
  render(
    <MemoryRouter initialEntries={[url]}>
      <ServicesProvider retryDelaysMs={[60_000]}>
        <Routes>
          <Route path="/alerts" element={<AlertsPage />} />
        </Routes>
        <Probe />
      </ServicesProvider>
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const input = (name: string) => screen.getByTestId(`rule-${name}`) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });
const rowOf = (name: string) => screen.getAllByTestId("rule-row").find((row) => row.getAttribute("data-rule-name") === name)!;

describe("AlertsPage", () => {
  it("lists rules with target, condition, window, state and last value", async () => {
    fakeAlertsServer({
      rules: [
        storedRule({ id: "a", name: "pay errors", service: "payment", state: "firing", lastEvaluatedAt: Date.now(), lastValue: 37.5 }),
        storedRule({ id: "b", name: "slow cart", operation: "GET /cart", condition: { type: "latency", percentile: 99, threshold: "800ms" }, lastEvaluatedAt: Date.now(), lastValue: 312_000_000 }),
        storedRule({ id: "c", name: "off", enabled: false }),
      ],
    });
    renderAt();
    await screen.findByTestId("rules-table");
    expect(rowOf("pay errors").textContent).toContain("payment · all operations");
    expect(within(rowOf("pay errors")).getByTestId("rule-state").textContent).toBe("firing");
    expect(within(rowOf("pay errors")).getByTestId("rule-last-value").textContent).toBe("37.5%");
    expect(within(rowOf("slow cart")).getByTestId("rule-condition").textContent).toBe("p99 latency > 800ms");
    expect(within(rowOf("slow cart")).getByTestId("rule-last-value").textContent).toBe("312 ms");
    expect(within(rowOf("off")).getByTestId("rule-state").textContent).toBe("disabled");
    expect(within(rowOf("off")).getByTestId("rule-last-value").textContent).toBe("not evaluated yet");
  });

  it("says when there are no rules", async () => {
    fakeAlertsServer();
    renderAt();
    expect((await screen.findByTestId("alerts-empty")).textContent).toContain("No alert rules yet");
  });

  it("creates a rule from the form, validating it first, and lists it", async () => {
    const server = fakeAlertsServer();
    renderAt();
    await screen.findByTestId("alerts-empty");
    fireEvent.click(screen.getByTestId("rule-new"));
    expect(screen.getByTestId("location").textContent).toBe("?edit=new");
    fireEvent.click(screen.getByTestId("rule-save"));
    expect(screen.getByTestId("rule-error-name")).toBeTruthy();
    expect(screen.getByTestId("rule-error-service")).toBeTruthy();
    expect(screen.getByTestId("rule-error-webhookUrl")).toBeTruthy();
    expect(input("name").getAttribute("aria-invalid")).toBe("true");
    expect(server.writes()).toEqual([]);

    type("name", "checkout p95");
    await screen.findByRole("option", { name: "checkout" });
    type("service", "checkout");
    await screen.findByRole("option", { name: "POST /pay" });
    type("operation", "POST /pay");
    fireEvent.click(screen.getByTestId("rule-type-latency"));
    type("percentile", "95");
    type("latencyThreshold", "250ms");
    type("window", "10m");
    type("webhookUrl", "http://127.0.0.1:9000/hook");
    fireEvent.click(screen.getByTestId("rule-save"));
    await screen.findByTestId("rules-table");
    expect(server.writes()).toEqual([
      {
        method: "POST",
        url: "/api/v1/alerts/rules",
        body: { name: "checkout p95", service: "checkout", operation: "POST /pay", condition: { type: "latency", percentile: 95, threshold: "250ms" }, window: "10m", minRequests: 1, webhookUrl: "http://127.0.0.1:9000/hook", enabled: true },
      },
    ]);
    expect(rowOf("checkout p95").textContent).toContain("p95 latency > 250ms");
    await vi.waitFor(() => expect(screen.queryByTestId("rule-form")).toBeNull()); // the navigation may commit after the list
    expect(screen.getByTestId("location").textContent).toBe("");
  });

  it("shows the server's refusal and keeps the form", async () => {
    const server = fakeAlertsServer({ rules: [storedRule({ id: "a", name: "pay errors" })] });
    renderAt("/alerts?edit=a");
    await screen.findByTestId("rule-form");
    expect(input("name").value).toBe("pay errors");
    server.state.refuse = "webhookUrl must not point at Skein itself";
    fireEvent.click(screen.getByTestId("rule-save"));
    expect((await screen.findByTestId("rule-server-error")).textContent).toContain("webhookUrl must not point at Skein itself (SKEIN_ERR_INVALID_ALERT_RULE)");
    expect(screen.getByTestId("rule-form")).toBeTruthy();
  });

  it("edits a rule with PUT, keeping the stored webhook (shown redacted) unless a new one is typed", async () => {
    const server = fakeAlertsServer({ rules: [storedRule({ id: "a", name: "pay errors", webhookUrl: "https://hooks.slack.com/…XXXX" })] });
    renderAt();
    await screen.findByTestId("rules-table");
    fireEvent.click(within(rowOf("pay errors")).getByTestId("rule-edit"));
    expect(input("webhookUrl").value).toBe("");
    expect(input("webhookUrl").placeholder).toBe("https://hooks.slack.com/…XXXX");
    type("thresholdPercent", "12.5");
    fireEvent.click(screen.getByTestId("rule-enabled"));
    fireEvent.click(screen.getByTestId("rule-save"));
    await vi.waitFor(() => expect(screen.queryByTestId("rule-form")).toBeNull());
    const [write] = server.writes();
    expect(write!.method).toBe("PUT");
    expect(write!.url).toBe("/api/v1/alerts/rules/a");
    expect(write!.body).toMatchObject({ condition: { type: "error-rate", thresholdPercent: 12.5 }, enabled: false });
    expect(write!.body).not.toHaveProperty("webhookUrl");
    expect((await screen.findByTestId("rule-condition")).textContent).toBe("error rate > 12.5%");

    fireEvent.click(within(rowOf("pay errors")).getByTestId("rule-edit"));
    type("webhookUrl", "https://hooks.example/new");
    fireEvent.click(screen.getByTestId("rule-save"));
    await vi.waitFor(() => expect(server.writes()).toHaveLength(2));
    expect(server.writes()[1]!.body).toMatchObject({ webhookUrl: "https://hooks.example/new" });
  });

  it("deletes a rule after an inline confirmation", async () => {
    const server = fakeAlertsServer({ rules: [storedRule({ id: "a", name: "pay errors" }), storedRule({ id: "b", name: "other" })] });
    renderAt();
    await screen.findByTestId("rules-table");
    fireEvent.click(within(rowOf("pay errors")).getByTestId("rule-delete"));
    expect(server.writes()).toEqual([]);
    fireEvent.click(within(rowOf("pay errors")).getByTestId("rule-delete-confirm"));
    await vi.waitFor(() => expect(screen.getAllByTestId("rule-row")).toHaveLength(1));
    expect(server.writes()).toEqual([{ method: "DELETE", url: "/api/v1/alerts/rules/a", body: undefined }]);
    expect(rowOf("other")).toBeTruthy();
  });
});
