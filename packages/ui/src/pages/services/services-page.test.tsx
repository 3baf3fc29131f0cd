// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ServicesPage } from "./services-page.js";
import { redPoint, serviceMetrics, stubInsightsApi } from "./testdata/insights-fixtures.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

let where = "";
function Where() {
  const location = useLocation();
  where = `${location.pathname}${location.search}`;
  return null;
}

function renderAt(url: string) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Where />
      <Routes>
        <Route path="/services" element={<ServicesPage />} />
        <Route path="/services/:service" element={<div data-testid="service-page" />} />
      </Routes>
    </MemoryRouter>,
  );
}

const SERVICES = [
  serviceMetrics("payment", { rate: 2, errorRate: 0.25, errorCount: 30, p95: 9e6, series: [redPoint(0, { errorRate: 0.5 }), redPoint(60_000, { count: 0, errorRate: 0, p95: null })] }),
  serviceMetrics("checkout", { rate: 5, p95: 4e6 }),
  serviceMetrics("frontend", { rate: 7, p95: null }),
];

const rowNames = () => screen.getAllByTestId("services-row").map((row) => row.dataset.service);

describe("ServicesPage", () => {
  it("asks for the URL's range without a step (the server picks it), and lists each service with its figures and sparklines", async () => {
    const api = stubInsightsApi({ "/api/v1/metrics/services": { stepMs: 120_000, services: SERVICES } });
    const before = Date.now();
    renderAt("/services?range=1h");
    await screen.findByTestId("services-table");
    const [request] = api.to("/api/v1/metrics/services");
    expect(request!.searchParams.has("step")).toBe(false);
    expect(Number(request!.searchParams.get("end")) - Number(request!.searchParams.get("start"))).toBe(3_600_000);
    expect(Number(request!.searchParams.get("end"))).toBeGreaterThanOrEqual(before);

    expect(rowNames()).toEqual(["checkout", "frontend", "payment"]);
    const payment = screen.getAllByTestId("services-row")[2]!;
    expect(within(payment).getByTestId("services-error-rate").textContent).toBe("25%");
    expect(within(payment).getByTestId("services-rate").textContent).toBe("2/s");
    expect(within(payment).getByTestId("services-p95").textContent).toBe("9 ms");
    const sparklines = within(payment).getAllByTestId("sparkline");
    expect(sparklines).toHaveLength(3);
    // Rate has both windows; error rate and p95 only the window with requests.
    expect(sparklines.map((s) => s.getAttribute("data-points"))).toEqual(["2", "1", "1"]);
    // The sparklines say the window the server chose.
    expect(sparklines[0]!.getAttribute("aria-label")).toBe("payment request rate per 2m");
    expect(screen.getByTestId("services-step").textContent).toBe("Sparklines: one point per 2m over the range");
    expect(within(payment).getByRole("link", { name: "payment" }).getAttribute("href")).toBe("/services/payment?range=1h");
    expect(within(screen.getAllByTestId("services-row")[1]!).getByTestId("services-p95").textContent).toBe("—");
  });

  it("sorts by a column from its header, flips on a second click, keeps the order in the URL and asks nothing again", async () => {
    const api = stubInsightsApi({ "/api/v1/metrics/services": { stepMs: 60_000, services: SERVICES } });
    renderAt("/services");
    await screen.findByTestId("services-table");
    await userEvent.click(screen.getByTestId("services-sort-errors"));
    expect(rowNames()).toEqual(["payment", "checkout", "frontend"]);
    expect(where).toContain("sort=errors&order=desc");
    expect(screen.getByRole("columnheader", { name: /Error rate/ }).getAttribute("aria-sort")).toBe("descending");
    await userEvent.click(screen.getByTestId("services-sort-rate"));
    expect(rowNames()).toEqual(["frontend", "checkout", "payment"]);
    await userEvent.click(screen.getByTestId("services-sort-rate"));
    expect(rowNames()).toEqual(["payment", "checkout", "frontend"]);
    expect(api.to("/api/v1/metrics/services")).toHaveLength(1);
  });

  it("opens the service page from a name", async () => {
    stubInsightsApi({ "/api/v1/metrics/services": { stepMs: 60_000, services: SERVICES } });
    renderAt("/services?range=6h");
    await userEvent.click(await screen.findByRole("link", { name: "checkout" }));
    expect(where).toBe("/services/checkout?range=6h");
  });

  it("says how to send data when Skein has no spans, and that the range is empty when it has", async () => {
    stubInsightsApi({ "/api/v1/metrics/services": { stepMs: 60_000, services: [] }, "/api/v1/services": { services: [] } });
    renderAt("/services");
    await screen.findByTestId("no-data");
    cleanup();
    stubInsightsApi({ "/api/v1/metrics/services": { stepMs: 60_000, services: [] }, "/api/v1/services": { services: ["frontend"] } });
    renderAt("/services");
    expect((await screen.findByTestId("services-empty")).textContent).toContain("--span-metrics on");
  });

  it("shows an unreachable server with Retry, and an answer that does not match the schema as an error", async () => {
    stubInsightsApi({}, { fail: true });
    renderAt("/services");
    await screen.findByTestId("unreachable");
    cleanup();
    stubInsightsApi({ "/api/v1/metrics/services": { services: "nope" } });
    renderAt("/services");
    expect((await screen.findByTestId("api-error")).textContent).toMatch(/does not match this UI/);
  });

  it("changes the range in the URL and asks again", async () => {
    const api = stubInsightsApi({ "/api/v1/metrics/services": { stepMs: 60_000, services: SERVICES } });
    renderAt("/services?sort=rate");
    await screen.findByTestId("services-table");
    await userEvent.selectOptions(screen.getByTestId("time-range"), "24h");
    await waitFor(() => expect(api.to("/api/v1/metrics/services")).toHaveLength(2));
    expect(where).toContain("range=24h");
    expect(where).toContain("sort=rate");
    expect(api.to("/api/v1/metrics/services")[1]!.searchParams.has("step")).toBe(false);
    expect(Number(api.to("/api/v1/metrics/services")[1]!.searchParams.get("end")) - Number(api.to("/api/v1/metrics/services")[1]!.searchParams.get("start"))).toBe(86_400_000);
  });

  it("draws sparklines of whatever step the server answers: many services in 24 h get a coarse step, every window drawn", async () => {
    // The server bounds services × windows by 50,000: for many services over 24 h it picks a
    // coarse step itself (a page-chosen step giving ~30 windows would be refused with a 400 past
    // ~1,666 services). The stub answers only a request without a step.
    const hourly = Array.from({ length: 25 }, (_, i) => redPoint(i * 3_600_000, { rate: i }));
    const many = Array.from({ length: 300 }, (_, i) => serviceMetrics(`svc-${String(i).padStart(4, "0")}`, { series: hourly }));
    const api = stubInsightsApi({ "/api/v1/metrics/services": (params: URLSearchParams) => (params.has("step") ? undefined : { stepMs: 3_600_000, services: many }) });
    renderAt("/services?range=24h");
    await screen.findByTestId("services-table");
    expect(api.to("/api/v1/metrics/services").map((u) => u.searchParams.has("step"))).toEqual([false]);
    expect(screen.getAllByTestId("services-row")).toHaveLength(300);
    const first = within(screen.getAllByTestId("services-row")[0]!).getAllByTestId("sparkline");
    expect(first.map((s) => s.getAttribute("data-points"))).toEqual(["25", "25", "25"]);
    expect(first[0]!.getAttribute("aria-label")).toBe("svc-0000 request rate per 1h");
  });
});
