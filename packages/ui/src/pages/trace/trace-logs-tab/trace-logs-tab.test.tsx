// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiLog, apiSpan, apiTrace, BASE_NANOS, spanIdOf } from "../../../testing/api-fixtures.js";
import { groupTraceLogs } from "../../../trace/trace-logs.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { TraceLogsTab } from "./trace-logs-tab.js";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const MS = 1_000_000;
const hostile = "<img src=x onerror=alert(1)>";
const model = buildTraceModel(
  apiTrace([
    apiSpan({ spanId: spanIdOf(1), name: "GET /checkout", service: "frontend", durationNs: 100 * MS }),
    apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: "charge card", service: "payments", startOffsetNs: 10 * MS, durationNs: 40 * MS }),
  ]),
);
// Given newest first, as the API sends them.
const logs = groupTraceLogs([
  apiLog({ offsetNs: 30 * MS, spanId: spanIdOf(2), service: "payments", body: "card declined", severityNumber: 17, severityText: "ERROR", attributes: { "card.brand": "visa" } }),
  apiLog({ offsetNs: 20 * MS, spanId: null, service: "frontend", body: hostile, severityNumber: 5, severityText: "DEBUG" }),
  apiLog({ offsetNs: 2 * MS, spanId: spanIdOf(1), service: "frontend", body: "checkout started" }),
]);
const bodies = () => screen.getAllByTestId("trace-log-row").map((row) => row.querySelector(".trace-log-body")?.textContent);

describe("TraceLogsTab", () => {
  it("lists every log oldest first with offset, level, service and span name; bodies as text", () => {
    const { container } = render(<TraceLogsTab model={model} logs={logs} onJumpToSpan={() => {}} />);
    expect(bodies()).toEqual(["checkout started", hostile, "card declined"]);
    const [first, second, third] = screen.getAllByTestId("trace-log-row");
    expect(first!.getAttribute("data-span-id")).toBe(spanIdOf(1));
    expect(first!.textContent).toContain("+2 ms");
    expect(first!.textContent).toContain("GET /checkout");
    expect(third!.textContent).toContain("charge card");
    expect(third!.textContent).toContain("ERROR");
    expect(second!.hasAttribute("data-span-id")).toBe(false);
    expect(within(second!).queryByTestId("trace-log-jump")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
  });

  it("jumps to the log's span", () => {
    const onJump = vi.fn();
    render(<TraceLogsTab model={model} logs={logs} onJumpToSpan={onJump} />);
    fireEvent.click(within(screen.getAllByTestId("trace-log-row")[2]!).getByTestId("trace-log-jump"));
    expect(onJump).toHaveBeenCalledWith(spanIdOf(2));
    expect(screen.queryByText("visa")).toBeNull(); // the jump does not also expand the row
  });

  it("filters by text (body, service, attribute values) and by minimum severity", () => {
    render(<TraceLogsTab model={model} logs={logs} onJumpToSpan={() => {}} />);
    fireEvent.change(screen.getByTestId("trace-logs-filter"), { target: { value: "VISA" } });
    expect(bodies()).toEqual(["card declined"]);
    expect(screen.getByTestId("trace-logs-count").textContent).toBe("1 of 3 logs");
    fireEvent.change(screen.getByTestId("trace-logs-filter"), { target: { value: "" } });
    fireEvent.change(screen.getByTestId("trace-logs-min-severity"), { target: { value: "5" } });
    expect(bodies()).toEqual(["checkout started", hostile, "card declined"]);
    fireEvent.change(screen.getByTestId("trace-logs-min-severity"), { target: { value: "9" } });
    expect(bodies()).toEqual(["checkout started", "card declined"]);
    fireEvent.change(screen.getByTestId("trace-logs-filter"), { target: { value: "nothing like this" } });
    expect(screen.queryAllByTestId("trace-log-row")).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Clear filter" }));
    expect(bodies()).toHaveLength(3);
  });

  it("expands a row to show attributes and resource", () => {
    render(<TraceLogsTab model={model} logs={logs} onJumpToSpan={() => {}} />);
    fireEvent.click(screen.getByText("card declined"));
    expect(screen.getByText("card.brand")).toBeTruthy();
    expect(screen.getByText("visa")).toBeTruthy();
    expect(screen.getByText("service.name")).toBeTruthy();
  });

  it("expands with a real button; the jump button sits beside it, never inside an interactive element", () => {
    const onJump = vi.fn();
    render(<TraceLogsTab model={model} logs={logs} onJumpToSpan={onJump} />);
    const row = screen.getAllByTestId("trace-log-row")[2]!;
    expect(row.querySelector("[role=button]")).toBeNull();
    const toggle = within(row).getByRole("button", { expanded: false });
    expect(toggle.tagName).toBe("BUTTON");
    expect(toggle.contains(within(row).getByTestId("trace-log-jump"))).toBe(false);
    expect(row.querySelector("button button")).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByText("visa")).toBeTruthy();
    fireEvent.click(within(row).getByTestId("trace-log-jump"));
    expect(onJump).toHaveBeenCalledWith(spanIdOf(2));
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
  });

  it("orders and offsets a log with an unknown event time by its observed time; a null body shows nothing", () => {
    const unknownTime = groupTraceLogs([
      apiLog({ offsetNs: 40 * MS, spanId: spanIdOf(1), body: "last" }),
      apiLog({ timeUnixNano: "0", observedTimeUnixNano: String(BASE_NANOS + 25n * 1_000_000n), spanId: spanIdOf(1), body: null }),
      apiLog({ offsetNs: 10 * MS, spanId: spanIdOf(1), body: "first" }),
    ]);
    render(<TraceLogsTab model={model} logs={unknownTime} onJumpToSpan={() => {}} />);
    expect(bodies()).toEqual(["first", "", "last"]);
    const middle = screen.getAllByTestId("trace-log-row")[1]!;
    expect(middle.querySelector(".trace-log-offset")!.textContent).toBe("+25 ms");
    fireEvent.click(within(middle).getByRole("button", { expanded: false }));
    expect(middle.querySelector(".trace-log-full-body")!.textContent).toBe("");
    expect(middle.textContent).toContain("unknown");
  });

  it("says the logs couldn't be loaded instead of claiming there are none", () => {
    render(<TraceLogsTab model={model} logs={groupTraceLogs([])} onJumpToSpan={() => {}} loadError="storage down" />);
    expect(screen.getByTestId("trace-logs-failed").textContent).toContain("couldn't be loaded");
    expect(screen.getByTestId("trace-logs-failed").textContent).toContain("storage down");
    expect(screen.getByTestId("trace-logs").textContent).not.toContain("No logs were recorded");
  });

  it("explains how logs get correlated when the trace has none", () => {
    render(<TraceLogsTab model={model} logs={groupTraceLogs([])} onJumpToSpan={() => {}} />);
    expect(screen.getByTestId("trace-logs").textContent).toContain("No logs were recorded in this trace");
    expect(screen.getByTestId("trace-logs").textContent).toContain("trace_id");
  });

  it("virtualizes long lists: only rows near the viewport are rendered", () => {
    // jsdom has no layout: give the scroll container a 600 px viewport and every row 29 px.
    vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockReturnValue(29);
    vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(1000);
    const many = groupTraceLogs(Array.from({ length: 3000 }, (_, i) => apiLog({ offsetNs: i * 1000, spanId: spanIdOf(1), body: `line ${i}` })));
    render(<TraceLogsTab model={model} logs={many} onJumpToSpan={() => {}} />);
    const rendered = screen.queryAllByTestId("trace-log-row").length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(200);
    expect(screen.getByTestId("trace-logs-count").textContent).toBe("3000 logs");
  });
});
