// @vitest-environment jsdom
import type { ApiCriticalPathSegment } from "@skein/model/api";
import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { spanIdOf, TRACE_ID } from "../../testing/api-fixtures.js";
import { useFakeLayout } from "../../testing/fake-layout.js";
import { pathSegments } from "./critical-path/testdata/small-trace-path.js";
import { renderTracePage } from "./testdata/trace-page-harness.js";
import { smallTrace } from "./waterfall/testdata/small-trace.js";

useFakeLayout();

/** A path that leaves spans 3 and 4 out (the UI draws whatever the API computed). */
const PATH = pathSegments([[1, 0, 10], [2, 10, 30], [5, 30, 70], [2, 70, 80], [1, 80, 100]]);

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function serve(critical: ApiCriticalPathSegment[] | "fail") {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.startsWith("/api/v1/logs")) return json({ logs: [] });
    if (url.endsWith("/critical-path")) {
      return critical === "fail" ? json({ error: { code: "SKEIN_ERR_STORAGE_UNAVAILABLE", message: "storage down" } }, 503) : json({ traceId: TRACE_ID, segments: critical });
    }
    return json(smallTrace());
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

const row = (n: number) => screen.getByTestId("waterfall").querySelector<HTMLElement>(`[data-testid=span-row][data-span-id="${spanIdOf(n)}"]`)!;
const search = () => new URLSearchParams(screen.getByTestId("location").textContent!);
const criticalCalls = (fetchMock: ReturnType<typeof serve>) => fetchMock.mock.calls.filter(([url]) => String(url).endsWith("/critical-path")).length;

describe("TracePage critical path", () => {
  it("fetches nothing until switched on, then marks exactly the spans on the path", async () => {
    const fetchMock = serve(PATH);
    renderTracePage(`/trace/${TRACE_ID}`);
    await screen.findByTestId("waterfall");
    expect(criticalCalls(fetchMock)).toBe(0);
    expect(row(1).hasAttribute("data-critical")).toBe(false);

    fireEvent.click(screen.getByTestId("critical-path-toggle"));
    expect(search().get("critical")).toBe("1");
    expect((await screen.findByTestId("critical-path-summary")).textContent).toBe("3 spans · 100 ms");
    expect(criticalCalls(fetchMock)).toBe(1);
    const marks = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [n, row(n).getAttribute("data-critical")]));
    expect(marks).toEqual({ 1: "true", 2: "true", 3: "false", 4: "false", 5: "true" });
    expect(screen.getByTestId("critical-path-toggle").getAttribute("aria-pressed")).toBe("true");
  });

  it("draws the segment portions of each bar, not whole bars", async () => {
    serve(PATH);
    renderTracePage(`/trace/${TRACE_ID}?critical=1`);
    await screen.findByTestId("critical-path-summary");
    const widths = (n: number) => within(row(n)).queryAllByTestId("critical-segment").map((el) => [parseFloat(el.style.left), parseFloat(el.style.width)].map((v) => Math.round(v * 1000) / 1000));
    expect(widths(1)).toEqual([[0, 10], [80, 20]]);
    expect(widths(2)).toEqual([[10, 20], [70, 10]]);
    expect(widths(5)).toEqual([[30, 40]]);
    expect(widths(3)).toEqual([]);
  });

  it("shows the selected span's share of the critical path in its details", async () => {
    serve(PATH);
    renderTracePage(`/trace/${TRACE_ID}?critical=1&span=${spanIdOf(2)}`);
    await screen.findByTestId("critical-path-summary");
    expect(screen.getByTestId("span-critical-share").textContent).toBe("30 ms (30.0% of the critical path)");
    fireEvent.click(row(4));
    expect(screen.getByTestId("span-critical-share").textContent).toBe("not on the critical path");
  });

  it("switching off removes the highlight and the URL parameter", async () => {
    serve(PATH);
    renderTracePage(`/trace/${TRACE_ID}?critical=1`);
    await screen.findByTestId("critical-path-summary");
    fireEvent.click(screen.getByTestId("critical-path-toggle"));
    expect(search().has("critical")).toBe(false);
    expect(screen.queryAllByTestId("critical-segment")).toHaveLength(0);
    expect(row(1).hasAttribute("data-critical")).toBe(false);
    expect(screen.queryByTestId("span-critical-share")).toBeNull();
  });

  it("says why the critical path failed and retries, leaving the trace usable", async () => {
    const fetchMock = serve("fail");
    renderTracePage(`/trace/${TRACE_ID}?critical=1`);
    const error = await screen.findByTestId("critical-path-error");
    expect(error.textContent).toContain("storage down");
    expect(screen.getAllByTestId("span-row")).toHaveLength(5);
    fireEvent.click(within(error).getByText("Retry"));
    await vi.waitFor(() => expect(criticalCalls(fetchMock)).toBe(2));
  });
});
