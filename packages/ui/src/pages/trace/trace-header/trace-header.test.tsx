// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { smallTrace } from "../waterfall/testdata/small-trace.js";
import { TraceHeader } from "./trace-header.js";
import { readTraceTab, TraceTabs } from "./trace-tabs.js";

afterEach(cleanup);

describe("TraceHeader", () => {
  it("shows the root, duration, span and error counts, and each service with its counts", () => {
    render(<TraceHeader model={buildTraceModel(smallTrace())} />);
    const header = screen.getByTestId("trace-header");
    expect(header.querySelector("h1")!.textContent).toBe("frontendGET /checkout");
    expect(header.textContent).toContain("100 ms");
    expect(screen.getByTestId("trace-span-count").textContent).toBe("5");
    expect(screen.getByTestId("trace-error-count").className).toContain("error-text");
    const chips = [...header.querySelectorAll(".trace-header-chip")].map((chip) => chip.textContent);
    expect(chips).toEqual(["frontend1", "api31 err", "db1"]);
  });

  it("folds many services behind a +N more button", () => {
    const spans = Array.from({ length: 15 }, (_, i) => apiSpan({ spanId: spanIdOf(i + 1), parentSpanId: i === 0 ? null : spanIdOf(1), service: `svc-${i}` }));
    render(<TraceHeader model={buildTraceModel(apiTrace(spans))} />);
    expect(document.querySelectorAll(".trace-header-chip")).toHaveLength(12);
    fireEvent.click(screen.getByText("+3 more"));
    expect(document.querySelectorAll(".trace-header-chip")).toHaveLength(15);
  });

  it("renders hostile names as text", () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const { container } = render(<TraceHeader model={buildTraceModel(apiTrace([apiSpan({ spanId: spanIdOf(1), name: hostile, service: hostile })]))} />);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("h1")!.textContent).toBe(hostile + hostile);
  });
});

describe("TraceTabs", () => {
  it("reads ?tab= leniently and marks the current tab", () => {
    expect(readTraceTab("stats")).toBe("stats");
    expect(readTraceTab("bogus")).toBe("waterfall");
    expect(readTraceTab(null)).toBe("waterfall");
    render(<TraceTabs tab="logs" onTab={() => {}} logs={7} />);
    expect(screen.getByTestId("trace-tab-logs").getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("trace-tab-logs").textContent).toBe("Logs7");
    expect(screen.getByTestId("trace-tab-waterfall").getAttribute("aria-selected")).toBe("false");
  });

  it("is an ARIA tablist: each tab controls its panel, only the current one is in the Tab order", () => {
    render(<TraceTabs tab="flame" onTab={() => {}} logs={0} />);
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((tab) => tab.getAttribute("aria-controls"))).toEqual(["trace-panel-waterfall", "trace-panel-flame", "trace-panel-stats", "trace-panel-logs"]);
    expect(tabs.map((tab) => tab.id)).toEqual(["trace-tab-waterfall", "trace-tab-flame", "trace-tab-stats", "trace-tab-logs"]);
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([-1, 0, -1, -1]);
  });

  it("moves focus with the arrow keys and opens a tab on Enter/click only", () => {
    const onTab = vi.fn();
    render(<TraceTabs tab="waterfall" onTab={onTab} logs={0} />);
    screen.getByTestId("trace-tab-waterfall").focus();
    fireEvent.keyDown(screen.getByTestId("trace-tab-waterfall"), { key: "ArrowLeft" });
    expect(document.activeElement).toBe(screen.getByTestId("trace-tab-logs"));
    fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
    expect(document.activeElement).toBe(screen.getByTestId("trace-tab-waterfall"));
    fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(document.activeElement).toBe(screen.getByTestId("trace-tab-logs"));
    expect(onTab).not.toHaveBeenCalled();
    fireEvent.click(document.activeElement!);
    expect(onTab).toHaveBeenCalledWith("logs");
  });

  it("keeps the Logs tab when the logs failed to load, marked as such", () => {
    render(<TraceTabs tab="waterfall" onTab={() => {}} logs="failed" />);
    const logs = screen.getByTestId("trace-tab-logs");
    expect(logs.textContent).toBe("Logs!");
    expect(logs.querySelector("[title]")!.getAttribute("title")).toContain("couldn't be loaded");
  });
});
