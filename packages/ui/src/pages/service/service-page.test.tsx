// @vitest-environment jsdom
import type { ApiLatencyBucket } from "@skein/model/api";
import { latencyBucketLowerNano, latencyBucketUpperNano } from "@skein/model/insights";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { redPoint, stubInsightsApi } from "../services/testdata/insights-fixtures.js";
import { ServicePage } from "./service-page.js";

// jsdom has no canvas: the real uPlot charts are exercised by the browser test.
vi.mock("../../components/charts/time-series-chart.js", () => ({
  TimeSeriesChart: (props: { title: string; lines: { label: string; values: (number | null)[] }[]; testId: string }) => (
    <div data-testid={props.testId} data-title={props.title} data-lines={JSON.stringify(props.lines.map((l) => [l.label, l.values]))} />
  ),
}));

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
        <Route path="/services/:service" element={<ServicePage />} />
        <Route path="/trace/:traceId" element={<div data-testid="trace-page" />} />
        <Route path="/search" element={<div data-testid="search-page" />} />
      </Routes>
    </MemoryRouter>,
  );
}

const TRACE_A = "0af7651916cd43dd8448eb211c80319c";
const TRACE_B = "1af7651916cd43dd8448eb211c80319c";
const OPERATIONS = [
  { name: "SELECT orders", kind: "client", count: 50, errorCount: 0, rate: 1, errorRate: 0, p50: 1e6, p95: 2e6, p99: 3e6 },
  { name: "POST /checkout", kind: "server", count: 40, errorCount: 4, rate: 0.5, errorRate: 0.1, p50: 2e7, p95: 8e7, p99: 9e7 },
];

function answers() {
  const now = Date.now();
  const minute = Math.floor(now / 60_000) * 60_000;
  const bucket = (fine: number, count: number, traceId: string): ApiLatencyBucket => ({
    time: minute - 5 * 60_000,
    lowerNano: latencyBucketLowerNano(fine),
    upperNano: latencyBucketUpperNano(fine),
    count,
    exemplars: [{ traceId, spanId: "00000000000000a1", durationNano: String(latencyBucketLowerNano(fine)) }],
  });
  return {
    "/api/v1/metrics/red": { stepMs: 60_000, series: [redPoint(minute - 60_000, { errorRate: 0.5 }), redPoint(minute, { count: 0, rate: 0, p50: null, p90: null, p99: null })] },
    "/api/v1/metrics/operations": { operations: OPERATIONS },
    "/api/v1/metrics/latency-histogram": { stepMs: 120_000, buckets: [bucket(100, 3, TRACE_A), bucket(104, 1, TRACE_B)] },
    "/api/v1/endpoints/critical-path": (params: URLSearchParams) => ({
      sampledRequests: 40,
      p50DurationNano: 2e7,
      p95DurationNano: 8e7,
      operations: [
        { service: "payment", operation: `charge for ${params.get("operation")}`, p50Share: 0.3, p95Share: 0.7, p50TimeNano: 6e6, p95TimeNano: 5.6e7 },
        { service: "checkout", operation: "POST /checkout", p50Share: 0.7, p95Share: 0.3, p50TimeNano: 1.4e7, p95TimeNano: 2.4e7 },
      ],
    }),
  };
}

describe("ServicePage", () => {
  it("draws the RED charts of the service over the URL's range", async () => {
    const api = stubInsightsApi(answers());
    renderAt("/services/checkout?range=1h");
    const latency = await screen.findByTestId("red-latency-chart");
    const [red] = api.to("/api/v1/metrics/red");
    expect(red!.searchParams.get("service")).toBe("checkout");
    expect(red!.searchParams.has("operation")).toBe(false);
    expect(red!.searchParams.get("step")).toBe("1m");
    expect(Number(red!.searchParams.get("end")) - Number(red!.searchParams.get("start"))).toBe(3_600_000);
    expect(JSON.parse(latency.dataset.lines!)).toEqual([
      ["p50", [1e6, null]],
      ["p90", [2e6, null]],
      ["p99", [4e6, null]],
    ]);
    // An idle window has no error rate (a gap, not 0 %).
    expect(JSON.parse(screen.getByTestId("red-errors-chart").dataset.lines!)).toEqual([["error rate", [0.5, null]]]);
    expect(JSON.parse(screen.getByTestId("red-rate-chart").dataset.lines!)).toEqual([
      ["requests/s", [1, 0]],
      ["errors/s", [0.5, 0]],
    ]);
    // Every section covers the same window.
    const windows = api.requests.map((u) => `${u.searchParams.get("start")}-${u.searchParams.get("end")}`);
    expect(new Set(windows).size).toBe(1);
  });

  it("lists the operations, and a click filters the charts, heatmap and breakdown to one (in the URL), a second shows all again", async () => {
    const api = stubInsightsApi(answers());
    renderAt("/services/checkout?range=1h");
    const rows = await screen.findAllByTestId("operation-row");
    expect(rows.map((r) => r.dataset.operation)).toEqual(["SELECT orders", "POST /checkout"]);
    expect(within(rows[1]!).getByText("10%").className).toContain("error-text");
    // The breakdown defaults to the busiest endpoint (server span), not the busiest operation.
    await waitFor(() => expect(api.to("/api/v1/endpoints/critical-path").map((u) => u.searchParams.get("operation"))).toEqual(["POST /checkout"]));

    await userEvent.click(within(rows[0]!).getByTestId("operation-link"));
    expect(where).toBe("/services/checkout?range=1h&operation=SELECT+orders");
    await waitFor(() => expect(api.to("/api/v1/metrics/red").at(-1)!.searchParams.get("operation")).toBe("SELECT orders"));
    await waitFor(() => expect(api.to("/api/v1/metrics/latency-histogram").at(-1)!.searchParams.get("operation")).toBe("SELECT orders"));
    await waitFor(() => expect(api.to("/api/v1/endpoints/critical-path").at(-1)!.searchParams.get("operation")).toBe("SELECT orders"));
    expect(screen.getByTestId("service-operation").textContent).toBe("SELECT orders");

    await userEvent.click(within(screen.getAllByTestId("operation-row")[0]!).getByTestId("operation-link"));
    expect(where).toBe("/services/checkout?range=1h");
  });

  it("draws the heatmap, and a clicked cell lists its traces and a search for them", async () => {
    const api = stubInsightsApi(answers());
    renderAt("/services/checkout?range=1h");
    const cells = await screen.findAllByTestId("heatmap-cell");
    const [histogram] = api.to("/api/v1/metrics/latency-histogram");
    expect(histogram!.searchParams.get("service")).toBe("checkout");
    expect(histogram!.searchParams.get("step")).toBe("2m");
    expect(cells.map((c) => c.getAttribute("data-count"))).toEqual(["3", "1"]);
    expect(screen.getByTestId("heatmap-spans").textContent).toBe("of server spans");

    await userEvent.click(cells[1]!);
    const panel = screen.getByTestId("heatmap-cell-traces");
    const link = within(panel).getByTestId("heatmap-exemplar");
    expect(link.getAttribute("href")).toBe(`/trace/${TRACE_B}?span=00000000000000a1`);
    const search = new URL(within(panel).getByTestId("heatmap-search").getAttribute("href")!, "http://x");
    expect(search.searchParams.get("service")).toBe("checkout");
    expect(search.searchParams.get("minDuration")).toBe(`${latencyBucketLowerNano(104)}ns`);
    expect(search.searchParams.get("maxDuration")).toBe(`${latencyBucketUpperNano(104)}ns`);
    expect(search.searchParams.get("kind"), "the search finds the heatmap's server spans only").toBe("server");
    await userEvent.click(link);
    expect(where).toBe(`/trace/${TRACE_B}?span=00000000000000a1`);
  });

  it("asks the heatmap for the service's requests: server spans, else consumer spans, else every kind; with an operation, its kind", async () => {
    const kindsSent = async (url: string, operations: { name: string; kind: string }[]) => {
      cleanup();
      const api = stubInsightsApi({ ...answers(), "/api/v1/metrics/operations": { operations: operations.map((o) => ({ ...OPERATIONS[0]!, ...o })) } });
      renderAt(url);
      await screen.findAllByTestId("heatmap-cell");
      const sent = api.to("/api/v1/metrics/latency-histogram");
      expect(sent).toHaveLength(1);
      return { kind: sent[0]!.searchParams.get("kind"), operation: sent[0]!.searchParams.get("operation"), caption: screen.getByTestId("heatmap-spans").textContent };
    };
    const mixed = [
      { name: "SELECT orders", kind: "client" },
      { name: "consume order", kind: "consumer" },
      { name: "POST /checkout", kind: "server" },
    ];
    expect(await kindsSent("/services/checkout?range=1h", mixed)).toEqual({ kind: "server", operation: null, caption: "of server spans" });
    expect(await kindsSent("/services/checkout?range=1h", mixed.slice(0, 2))).toEqual({ kind: "consumer", operation: null, caption: "of consumer spans" });
    expect(await kindsSent("/services/checkout?range=1h", mixed.slice(0, 1))).toEqual({ kind: null, operation: null, caption: "of spans of every kind" });
    expect(await kindsSent("/services/checkout?range=1h&operation=SELECT+orders", mixed)).toEqual({ kind: "client", operation: "SELECT orders", caption: "of client spans" });
  });

  it("draws the heatmap of every kind when the operations list fails", async () => {
    const failing = answers() as Record<string, unknown>;
    delete failing["/api/v1/metrics/operations"];
    const api = stubInsightsApi(failing);
    renderAt("/services/checkout?range=1h");
    await screen.findAllByTestId("heatmap-cell");
    expect(api.to("/api/v1/metrics/latency-histogram").map((u) => u.searchParams.has("kind"))).toEqual([false]);
    expect(screen.getByTestId("heatmap-spans").textContent).toBe("of spans of every kind");
  });

  it("ranks the critical-path breakdown as the API does, with both shares", async () => {
    stubInsightsApi(answers());
    renderAt("/services/checkout");
    const rows = await screen.findAllByTestId("critical-path-row");
    expect(rows.map((r) => r.dataset.operation)).toEqual(["charge for POST /checkout", "POST /checkout"]);
    expect(within(rows[0]!).getByRole("img", { name: /70% of slow request time/ })).toBeTruthy();
    expect(within(rows[0]!).getByRole("img", { name: /30% of typical request time/ })).toBeTruthy();
  });

  it("keeps the other sections when one fails, and Retry asks again", async () => {
    const failing = answers() as Record<string, unknown>;
    delete failing["/api/v1/metrics/latency-histogram"];
    const api = stubInsightsApi(failing);
    renderAt("/services/checkout");
    const error = await within(await screen.findByTestId("heatmap-section")).findByTestId("section-error");
    expect(error.textContent).toContain("no /api/v1/metrics/latency-histogram");
    expect(await screen.findAllByTestId("operation-row")).toHaveLength(2);
    await userEvent.click(within(error).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(api.to("/api/v1/metrics/latency-histogram")).toHaveLength(2));
  });
});
