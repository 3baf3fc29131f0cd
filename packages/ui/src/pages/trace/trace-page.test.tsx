// @vitest-environment jsdom
import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiSpan, apiTrace, spanIdOf, TRACE_ID } from "../../testing/api-fixtures.js";
import { renderTracePage as renderAt, serveTrace as serve } from "./testdata/trace-page-harness.js";
import { smallTrace, smallTraceLogs } from "./waterfall/testdata/small-trace.js";
import { useFakeLayout } from "../../testing/fake-layout.js";

// The views another part of the page owns are stubbed to buttons that call the page's callbacks.
vi.mock("./span-details/span-details.js", () => ({
  SpanDetails: (props: { node: { span: { spanId: string } }; onSelectSpan: (id: string) => void; onClose: () => void }) => (
    <div data-testid="span-details" data-span-id={props.node.span.spanId}>
      <button type="button" onClick={() => props.onSelectSpan("0000000000000005")}>
        go to span 5
      </button>
      <button type="button" onClick={props.onClose}>
        close details
      </button>
    </div>
  ),
}));
vi.mock("./flame-graph/flame-graph.js", () => ({ FlameGraph: () => <div data-testid="flame-graph" /> }));
vi.mock("./trace-stats/trace-stats.js", () => ({ TraceStats: () => <div data-testid="trace-stats" /> }));
vi.mock("./trace-logs-tab/trace-logs-tab.js", () => ({
  TraceLogsTab: (props: { onJumpToSpan: (id: string) => void }) => (
    <div data-testid="trace-logs">
      <button type="button" data-testid="trace-log-jump" onClick={() => props.onJumpToSpan("0000000000000004")}>
        jump
      </button>
    </div>
  ),
}));

useFakeLayout();

const spanRow = (n: number) => screen.getByTestId("waterfall").querySelector(`[data-testid=span-row][data-span-id="${spanIdOf(n)}"]`);
const search = () => new URLSearchParams(screen.getByTestId("location").textContent!);
const historyKey = () => screen.getByTestId("location").getAttribute("data-key");

describe("TracePage", () => {
  it("says a trace is unknown, with a way back to search", async () => {
    serve({});
    renderAt(`/trace/${TRACE_ID}`);
    const state = await screen.findByTestId("trace-not-found");
    expect(state.textContent).toContain("not arrived yet");
    expect(within(state).getByRole("link").getAttribute("href")).toBe("/search");
  });

  it("explains a malformed id without calling the API", async () => {
    const fetchMock = serve({});
    renderAt("/trace/not-a-trace-id");
    expect((await screen.findByTestId("trace-not-found")).textContent).toContain("1 to 32 hexadecimal");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("shows an unreachable server as such", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    renderAt(`/trace/${TRACE_ID}`);
    expect(await screen.findByTestId("unreachable")).toBeTruthy();
  });

  it("shows the header and the waterfall with inline logs", async () => {
    serve({ trace: smallTrace(), logs: smallTraceLogs() });
    renderAt(`/trace/${TRACE_ID}`);
    const header = await screen.findByTestId("trace-header");
    expect(header.textContent).toContain("GET /checkout");
    expect(screen.getByTestId("trace-span-count").textContent).toBe("5");
    expect(screen.getByTestId("trace-error-count").textContent).toBe("1");
    expect(screen.getAllByTestId("span-row")).toHaveLength(5);
    expect(screen.getAllByTestId("span-log-row")).toHaveLength(3);
    expect(screen.getByTestId("trace-tab-logs").textContent).toContain("3");
  });

  it("keeps the trace usable when its logs fail to load", async () => {
    serve({ trace: smallTrace(), logs: "fail" });
    renderAt(`/trace/${TRACE_ID}`);
    expect((await screen.findByTestId("trace-notes")).textContent).toContain("logs could not be loaded");
    expect(screen.getAllByTestId("span-row")).toHaveLength(5);
    expect(screen.queryByTestId("span-log-row")).toBeNull();
  });

  it("selects the ?span= span, and a click selects another in the URL", async () => {
    serve({ trace: smallTrace(), logs: [] });
    renderAt(`/trace/${TRACE_ID}?span=${spanIdOf(3)}`);
    await screen.findByTestId("waterfall");
    expect(spanRow(3)!.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("span-details").getAttribute("data-span-id")).toBe(spanIdOf(3));
    fireEvent.click(spanRow(4)!);
    expect(search().get("span")).toBe(spanIdOf(4));
    expect(spanRow(4)!.getAttribute("aria-selected")).toBe("true");
    fireEvent.click(screen.getByText("close details"));
    expect(search().has("span")).toBe(false);
    expect(screen.queryByTestId("span-details")).toBeNull();
  });

  it("a change of ?span= expands the span's collapsed ancestors", async () => {
    serve({ trace: smallTrace(), logs: [] });
    renderAt(`/trace/${TRACE_ID}?span=${spanIdOf(1)}`);
    await screen.findByTestId("waterfall");
    fireEvent.click(within(spanRow(1) as HTMLElement).getByTestId("span-toggle"));
    expect(spanRow(5)).toBeNull();
    fireEvent.click(screen.getByText("go to span 5"));
    expect(search().get("span")).toBe(spanIdOf(5));
    expect(spanRow(5)!.getAttribute("aria-selected")).toBe("true");
  });

  it("opens the tab named in ?tab=, and a log's jump returns to the waterfall on its span", async () => {
    serve({ trace: smallTrace(), logs: smallTraceLogs() });
    renderAt(`/trace/${TRACE_ID}?tab=logs`);
    fireEvent.click(await screen.findByTestId("trace-log-jump"));
    expect(search().get("span")).toBe(spanIdOf(4));
    expect(search().has("tab")).toBe(false);
    expect(spanRow(4)!.getAttribute("aria-selected")).toBe("true");
    fireEvent.click(screen.getByTestId("trace-tab-flame"));
    expect(screen.getByTestId("flame-graph")).toBeTruthy();
    expect(search().get("tab")).toBe("flame");
    expect(screen.getByTestId("span-details")).toBeTruthy();
  });

  it("notes a ?span= that is not in the trace", async () => {
    serve({ trace: smallTrace(), logs: [] });
    renderAt(`/trace/${TRACE_ID}?span=00000000000000ff`);
    expect((await screen.findByTestId("trace-notes")).textContent).toContain("not part of this trace");
    expect(screen.queryByTestId("span-details")).toBeNull();
  });

  it("renders a hostile root span name as text", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    serve({ trace: apiTrace([apiSpan({ spanId: spanIdOf(1), name: hostile, attributes: { [hostile]: hostile } })]), logs: [] });
    const { container } = renderAt(`/trace/${TRACE_ID}`);
    expect((await screen.findByTestId("trace-header")).textContent).toContain(hostile);
    expect(container.querySelector("img")).toBeNull();
  });

  it("pushes no history entry when the URL would not change: the active tab, the selected span", async () => {
    serve({ trace: smallTrace(), logs: [] });
    renderAt(`/trace/${TRACE_ID}`);
    await screen.findByTestId("waterfall");
    const start = historyKey();
    fireEvent.click(screen.getByTestId("trace-tab-waterfall"));
    expect(historyKey()).toBe(start);
    fireEvent.click(spanRow(5)!);
    const selected = historyKey();
    expect(search().get("span")).toBe(spanIdOf(5));
    fireEvent.click(spanRow(5)!);
    fireEvent.click(screen.getByText("go to span 5"));
    expect(historyKey()).toBe(selected);
    fireEvent.click(screen.getByTestId("trace-tab-flame"));
    fireEvent.click(screen.getByTestId("trace-tab-flame"));
    expect(search().get("tab")).toBe("flame");
    // One Back returns to the waterfall: the second click added no entry.
    fireEvent.click(screen.getByTestId("history-back"));
    expect(search().has("tab")).toBe(false);
    expect(search().get("span")).toBe(spanIdOf(5));
  });

  it("puts each view in a tabpanel labelled by its tab; only the current one is shown", async () => {
    serve({ trace: smallTrace(), logs: [] });
    renderAt(`/trace/${TRACE_ID}?tab=stats`);
    await screen.findByTestId("trace-stats");
    for (const tab of screen.getAllByRole("tab")) {
      const panel = document.getElementById(tab.getAttribute("aria-controls")!)!;
      expect(panel.getAttribute("role")).toBe("tabpanel");
      expect(panel.getAttribute("aria-labelledby")).toBe(tab.id);
      expect(panel.hidden).toBe(tab.getAttribute("aria-selected") !== "true");
    }
    // Views are mounted when first opened: the waterfall has not been yet.
    expect(screen.queryByTestId("waterfall")).toBeNull();
  });
});
