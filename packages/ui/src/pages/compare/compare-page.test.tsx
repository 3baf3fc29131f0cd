// @vitest-environment jsdom
import type { ApiTraceCompareResponse, ApiTraceDiffEntry } from "@skein/model/api";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ComparePage } from "./compare-page.js";

const A = "a".repeat(32);
const B = "b".repeat(32);
const sid = (n: number) => n.toString(16).padStart(16, "0");

function entry(fields: Partial<ApiTraceDiffEntry> & Pick<ApiTraceDiffEntry, "path" | "depth" | "status" | "operation">): ApiTraceDiffEntry {
  return { service: "shop", aSpanId: null, bSpanId: null, aDurationNano: null, bDurationNano: null, deltaNano: null, ...fields };
}

/** GET /checkout ─ reserve (unchanged) ─ SELECT (slower) │ charge (faster) │ audit (missing) │ fraud (added). */
const ANSWER: ApiTraceCompareResponse = {
  a: { traceId: A, durationNano: "100000000", spanCount: 5 },
  b: { traceId: B, durationNano: "125000000", spanCount: 5 },
  entries: [
    entry({ path: "shop/GET /checkout#0", depth: 0, status: "slower", operation: "GET /checkout", aSpanId: sid(1), bSpanId: sid(11), aDurationNano: "100000000", bDurationNano: "125000000", deltaNano: "25000000" }),
    entry({ path: "r", depth: 1, status: "unchanged", operation: "reserve", aSpanId: sid(2), bSpanId: sid(12), aDurationNano: "20000000", bDurationNano: "20000000", deltaNano: "0" }),
    entry({ path: "r/s", depth: 2, status: "slower", service: "db", operation: "SELECT", aSpanId: sid(3), bSpanId: sid(13), aDurationNano: "10000000", bDurationNano: "40000000", deltaNano: "30000000" }),
    entry({ path: "c", depth: 1, status: "faster", operation: "charge", aSpanId: sid(4), bSpanId: sid(14), aDurationNano: "50000000", bDurationNano: "40000000", deltaNano: "-10000000" }),
    entry({ path: "a", depth: 1, status: "missing", operation: "audit", aSpanId: sid(5), aDurationNano: "5000000" }),
    entry({ path: "f", depth: 1, status: "added", operation: "fraud", bSpanId: sid(15), bDurationNano: "7000000" }),
  ],
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function Probe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

function renderAt(url: string, answer: () => Response = () => json(ANSWER)) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL) => answer());
  vi.stubGlobal("fetch", fetchMock);
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/compare" element={<ComparePage />} />
        <Route path="/trace/:id" element={<p>trace page</p>} />
      </Routes>
      <Probe />
    </MemoryRouter>,
  );
  return fetchMock;
}

const rows = () => screen.getAllByTestId("diff-row").map((row) => `${row.getAttribute("data-path")}:${row.getAttribute("data-status")}${row.hasAttribute("data-context") ? "(ctx)" : ""}`);
const rowOf = (path: string) => screen.getAllByTestId("diff-row").find((row) => row.getAttribute("data-path") === path)!;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ComparePage", () => {
  it("asks the API for a and b and shows both summaries", async () => {
    const fetchMock = renderAt(`/compare?a=${A}&b=${B}`);
    const summary = await screen.findByTestId("compare-summary");
    expect(String(fetchMock.mock.calls[0]![0])).toBe(`/api/v1/traces/compare?a=${A}&b=${B}`);
    expect(within(summary).getByTestId("compare-trace-a").textContent).toContain("100 ms");
    expect(within(summary).getByTestId("compare-trace-b").textContent).toContain("125 ms");
    expect(screen.getByTestId("compare-duration-delta").textContent).toBe("+25 ms (+25%)");
    expect(screen.getByTestId("compare-trace-link-b").getAttribute("href")).toBe(`/trace/${B}`);
  });

  it("draws the aligned tree with every status, indentation, durations and deltas", async () => {
    renderAt(`/compare?a=${A}&b=${B}`);
    await screen.findByTestId("diff-tree");
    expect(rows()).toEqual(["shop/GET /checkout#0:slower", "r:unchanged", "r/s:slower", "c:faster", "a:missing", "f:added"]);
    expect(within(rowOf("r/s")).getByTestId("diff-delta").textContent).toBe("+30 ms (+300%)");
    expect(within(rowOf("c")).getByTestId("diff-delta").textContent).toBe("−10 ms (−20%)");
    expect(within(rowOf("a")).getByTestId("diff-delta").textContent).toBe("—");
    expect(within(rowOf("a")).queryByTestId("diff-link-b")).toBeNull();
    expect(within(rowOf("f")).queryByTestId("diff-link-a")).toBeNull();
    expect((rowOf("r/s").querySelector(".diff-indent") as HTMLElement).style.width).toBe("32px");
  });

  it("links each side's duration to the span in its trace", async () => {
    renderAt(`/compare?a=${A}&b=${B}`);
    await screen.findByTestId("diff-tree");
    expect(within(rowOf("r/s")).getByTestId("diff-link-a").getAttribute("href")).toBe(`/trace/${A}?span=${sid(3)}`);
    expect(within(rowOf("f")).getByTestId("diff-link-b").getAttribute("href")).toBe(`/trace/${B}?span=${sid(15)}`);
    fireEvent.click(within(rowOf("r/s")).getByTestId("diff-link-b"));
    expect(screen.getByTestId("location").textContent).toBe(`/trace/${B}?span=${sid(13)}`);
  });

  it("filters by status in the URL, keeping ancestors as context", async () => {
    renderAt(`/compare?a=${A}&b=${B}`);
    await screen.findByTestId("diff-tree");
    expect(screen.getByTestId("diff-filter-slower").textContent).toBe("slower 2");
    fireEvent.click(screen.getByTestId("diff-filter-added"));
    expect(screen.getByTestId("location").textContent).toContain("show=added");
    expect(rows()).toEqual(["shop/GET /checkout#0:slower(ctx)", "f:added"]);
    fireEvent.click(screen.getByTestId("diff-filter-faster"));
    expect(rows()).toEqual(["shop/GET /checkout#0:slower(ctx)", "c:faster", "f:added"]);
    fireEvent.click(screen.getByText("Show all"));
    expect(rows()).toHaveLength(6);
  });

  it("reads the filter from the URL", async () => {
    renderAt(`/compare?a=${A}&b=${B}&show=missing`);
    await screen.findByTestId("diff-tree");
    expect(rows()).toEqual(["shop/GET /checkout#0:slower(ctx)", "a:missing"]);
    expect(screen.getByTestId("diff-filter-missing").getAttribute("aria-pressed")).toBe("true");
  });

  it("shows the API's error for an unknown trace", async () => {
    renderAt(`/compare?a=${A}&b=${B}`, () => json({ error: { code: "SKEIN_ERR_TRACE_NOT_FOUND", message: `b: trace ${B} not found` } }, 404));
    expect((await screen.findByTestId("api-error")).textContent).toContain(`b: trace ${B} not found`);
  });

  it("asks for the ids when they are missing or invalid, and validates them", async () => {
    const fetchMock = renderAt(`/compare?a=${A}&b=nope`);
    expect(fetchMock).not.toHaveBeenCalled();
    expect((screen.getByTestId("compare-input-a") as HTMLInputElement).value).toBe(A);
    fireEvent.click(screen.getByTestId("compare-go"));
    expect(screen.getByTestId("compare-input-b").getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(screen.getByTestId("compare-input-b"), { target: { value: `http://x/trace/${B}` } });
    fireEvent.click(screen.getByTestId("compare-go"));
    expect(screen.getByTestId("location").textContent).toBe(`/compare?a=${A}&b=${B}`);
    await screen.findByTestId("diff-tree");
  });
});
