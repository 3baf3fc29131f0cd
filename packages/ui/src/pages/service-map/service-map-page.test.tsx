// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubInsightsApi } from "../services/testdata/insights-fixtures.js";
import { ServiceMapPage } from "./service-map-page.js";

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
        <Route path="/service-map" element={<ServiceMapPage />} />
        <Route path="/services/:service" element={<div data-testid="service-page" />} />
      </Routes>
    </MemoryRouter>,
  );
}

const node = (name: string, type: string, errorRate = 0) => ({ name, type, rate: 2, errorRate, p95: 5e6 });
const MAP = {
  nodes: [node("frontend", "service"), node("checkout", "service"), node("payment", "service", 0.25), node("postgres", "database"), node("orders", "queue"), node("api.stripe.com", "external")],
  edges: [
    { source: "frontend", target: "checkout", callCount: 12, errorCount: 0, p95: 4e7 },
    { source: "checkout", target: "payment", callCount: 12, errorCount: 3, p95: 2e7 },
    { source: "checkout", target: "postgres", callCount: 24, errorCount: 0, p95: 3e6 },
    { source: "checkout", target: "orders", callCount: 12, errorCount: 0, p95: 1e6 },
    { source: "payment", target: "api.stripe.com", callCount: 12, errorCount: 3, p95: 1.5e7 },
  ],
};

describe("ServiceMapPage", () => {
  it("draws every node with its type and every edge with its call count, for the URL's range", async () => {
    const api = stubInsightsApi({ "/api/v1/service-map": MAP });
    renderAt("/service-map?range=6h");
    await screen.findByTestId("map-graph");
    const [request] = api.to("/api/v1/service-map");
    expect(Number(request!.searchParams.get("end")) - Number(request!.searchParams.get("start"))).toBe(6 * 3_600_000);
    const nodes = screen.getAllByTestId("map-node");
    expect(Object.fromEntries(nodes.map((n) => [n.getAttribute("data-name"), n.getAttribute("data-type")]))).toEqual({
      frontend: "service", checkout: "service", payment: "service", postgres: "database", orders: "queue", "api.stripe.com": "external",
    });
    const edges = screen.getAllByTestId("map-edge");
    expect(edges.map((e) => `${e.getAttribute("data-source")}>${e.getAttribute("data-target")}`).sort()).toEqual(
      ["checkout>orders", "checkout>payment", "checkout>postgres", "frontend>checkout", "payment>api.stripe.com"],
    );
    const failing = edges.find((e) => e.getAttribute("data-target") === "payment")!;
    expect(failing.querySelector(".map-edge-label")!.textContent).toBe("12 calls · 3 err");
    expect(failing.getAttribute("class")).toContain("map-edge-failing");
    // Left to right: the caller's box is left of the callee's.
    const x = (name: string) => Number(/translate\(([-\d.]+),/.exec(nodes.find((n) => n.getAttribute("data-name") === name)!.getAttribute("transform")!)![1]);
    expect(x("frontend")).toBeLessThan(x("checkout"));
    expect(x("checkout")).toBeLessThan(x("postgres"));
    expect(screen.getByTestId("map-legend").textContent).toContain("Database");
  });

  it("opens a service's page from its node, keeping the range", async () => {
    stubInsightsApi({ "/api/v1/service-map": MAP });
    renderAt("/service-map?range=6h");
    const checkout = (await screen.findAllByTestId("map-node")).find((n) => n.getAttribute("data-name") === "checkout")!;
    expect(checkout.getAttribute("href")).toBe("/services/checkout?range=6h");
    await userEvent.click(checkout);
    expect(where).toBe("/services/checkout?range=6h");
  });

  it("shows a database node's and an edge's figures in the details panel when selected", async () => {
    stubInsightsApi({ "/api/v1/service-map": MAP });
    renderAt("/service-map");
    const postgres = (await screen.findAllByTestId("map-node")).find((n) => n.getAttribute("data-name") === "postgres")!;
    await userEvent.click(postgres);
    const details = screen.getByTestId("map-details");
    expect(within(details).getByRole("heading", { level: 2 }).textContent).toBe("postgres");
    expect(details.textContent).toContain("Database");
    expect(details.textContent).toContain("checkout (24 calls)");
    expect(where).toBe("/service-map");

    const edge = screen.getAllByTestId("map-edge").find((e) => e.getAttribute("data-target") === "payment")!;
    fireEvent.keyDown(edge, { key: "Enter" });
    expect(within(screen.getByTestId("map-details")).getByRole("heading", { level: 2 }).textContent).toBe("checkout → payment");
    expect(screen.getByTestId("map-details-calls").textContent).toBe("12");
    expect(screen.getByTestId("map-details").textContent).toContain("3 (25%)");
  });

  it("previews what the pointer is over", async () => {
    stubInsightsApi({ "/api/v1/service-map": MAP });
    renderAt("/service-map");
    const payment = (await screen.findAllByTestId("map-node")).find((n) => n.getAttribute("data-name") === "payment")!;
    fireEvent.mouseEnter(payment);
    expect(within(screen.getByTestId("map-details")).getByRole("heading", { level: 2 }).textContent).toBe("payment");
    expect(screen.getByTestId("map-details-open").getAttribute("href")).toBe("/services/payment?range=1h");
    fireEvent.mouseLeave(payment);
    expect(screen.getByTestId("map-details").textContent).toMatch(/Hover or select/);
  });

  it("has an empty state for an idle range, and the how-to when Skein has no spans", async () => {
    stubInsightsApi({ "/api/v1/service-map": { nodes: [], edges: [] }, "/api/v1/services": { services: ["frontend"] } });
    renderAt("/service-map");
    await screen.findByTestId("map-empty");
    cleanup();
    stubInsightsApi({ "/api/v1/service-map": { nodes: [], edges: [] }, "/api/v1/services": { services: [] } });
    renderAt("/service-map");
    await screen.findByTestId("no-data");
  });
});
