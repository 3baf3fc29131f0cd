// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiLog, TRACE_ID } from "../../testing/api-fixtures.js";
import { LogsTable } from "./logs-table.js";
import { rowIndexes, scrollWindowTo, setScrollY, spacerHeights } from "./logs-table-test-layout.js";
import { LOG_ROW_ESTIMATE_PX, LOG_ROWS_OVERSCAN } from "./use-logs-virtualizer.js";
import type { ApiLog } from "@skein/model/api";

// Counts row renders: every LogRow formats its time exactly once per render.
const timeFormats = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../format/format-time.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../format/format-time.js")>();
  return {
    ...original,
    formatTimestamp: (nanos: string) => {
      timeFormats.count++;
      return original.formatTimestamp(nanos);
    },
  };
});

// jsdom does not implement scrolling; the virtualizer scrolls the window to where it already is on mount.
beforeEach(() => {
  vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  setScrollY(0);
  vi.restoreAllMocks();
});

const manyLogs = (n: number) => Array.from({ length: n }, (_, i) => apiLog({ offsetNs: -i, body: `log ${i}` }));

const SPAN = "00f067aa0ba902b7";

function renderTable(logs: ApiLog[]) {
  return render(
    <MemoryRouter>
      <LogsTable logs={logs} />
    </MemoryRouter>,
  );
}

describe("LogsTable", () => {
  it("renders one row per log with time, severity, service, body and a trace link", () => {
    renderTable([
      apiLog({ offsetNs: 2, body: "charge failed", severityNumber: 17, severityText: "ERROR", service: "payment", spanId: SPAN }),
      apiLog({ offsetNs: 1, body: "no trace here", traceId: null }),
    ]);
    const rows = screen.getAllByTestId("log-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.getAttribute("data-trace-id")).toBe(TRACE_ID);
    expect(rows[1]!.hasAttribute("data-trace-id")).toBe(false);
    expect(rows[0]!.textContent).toContain("charge failed");
    expect(rows[0]!.textContent).toContain("payment");
    expect(within(rows[0]!).getByText("ERROR").className).toContain("severity-error");
    expect(within(rows[0]!).getByTestId("log-trace-link").getAttribute("href")).toBe(`/trace/${TRACE_ID}?span=${SPAN}`);
    expect(within(rows[1]!).queryByTestId("log-trace-link")).toBeNull();
  });

  it("links to the trace without a span when the log has none", () => {
    renderTable([apiLog({ spanId: null })]);
    expect(screen.getByTestId("log-trace-link").getAttribute("href")).toBe(`/trace/${TRACE_ID}`);
  });

  it("expands on click and on Enter into body, attributes, resource and ids", async () => {
    renderTable([
      apiLog({ body: "line one\nline two", attributes: { "http.route": "/pay" }, resource: { "service.name": "svc", "host.name": "box-1" }, spanId: SPAN }),
      apiLog({ body: { msg: "structured", amount: 12 } }),
    ]);
    const [first, second] = screen.getAllByTestId("log-row");
    expect(screen.queryByTestId("log-row-details")).toBeNull();
    const caret = within(first!).getByTestId("log-row-toggle");
    expect(caret.tagName).toBe("BUTTON");
    expect(caret.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(first!);
    const details = screen.getByTestId("log-row-details");
    expect(caret.getAttribute("aria-expanded")).toBe("true");
    expect(caret.getAttribute("aria-controls")).toBe(details.id);
    expect(within(details).getByTestId("log-body").textContent).toBe("line one\nline two");
    expect(within(details).getByTestId("log-attributes").textContent).toContain("http.route/pay");
    expect(within(details).getByTestId("log-resource").textContent).toContain("host.namebox-1");
    expect(details.textContent).toContain(SPAN);
    expect(within(details).getByTestId("log-details-trace-link").getAttribute("href")).toBe(`/trace/${TRACE_ID}?span=${SPAN}`);

    within(second!).getByTestId("log-row-toggle").focus();
    await userEvent.keyboard("{Enter}");
    const bodies = screen.getAllByTestId("log-body").map((pre) => pre.textContent);
    expect(bodies[1]).toBe('{\n  "msg": "structured",\n  "amount": 12\n}');

    fireEvent.click(caret);
    expect(screen.getAllByTestId("log-row-details")).toHaveLength(1);
    expect(caret.getAttribute("aria-expanded")).toBe("false");
  });

  it("the caret button toggles once (its click does not also toggle the row)", () => {
    renderTable([apiLog({})]);
    fireEvent.click(screen.getByTestId("log-row-toggle"));
    expect(screen.getByTestId("log-row-details")).toBeTruthy();
  });

  it("shows the observed time when the record has no time of its own", () => {
    renderTable([apiLog({ timeUnixNano: "0", observedTimeUnixNano: "1764000000000000000" })]);
    expect(screen.getByTestId("log-row").textContent).toContain("2025");
    expect(screen.getByTestId("log-row").textContent).not.toContain("1970");
  });

  it("expanding one row re-renders only that row; scrolling renders only the rows that come into view", () => {
    renderTable(manyLogs(450));
    timeFormats.count = 0;
    fireEvent.click(within(screen.getAllByTestId("log-row")[7]!).getByTestId("log-row-toggle"));
    expect(screen.getByTestId("log-row-details")).toBeTruthy();
    expect(timeFormats.count).toBe(1);
    timeFormats.count = 0;
    scrollWindowTo(10 * LOG_ROW_ESTIMATE_PX);
    expect(timeFormats.count).toBe(10);
  });

  it("clicking the trace link does not toggle the row", () => {
    renderTable([apiLog({ spanId: SPAN })]);
    fireEvent.click(screen.getByTestId("log-trace-link"));
    expect(screen.queryByTestId("log-row-details")).toBeNull();
  });

  it("renders hostile bodies and attributes literally", () => {
    const hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    const { container } = renderTable([apiLog({ body: hostile, attributes: { [hostile]: hostile }, resource: { "service.name": hostile }, service: hostile })]);
    fireEvent.click(screen.getByTestId("log-row"));
    expect(container.querySelector("img, script")).toBeNull();
    expect(screen.getByTestId("log-body").textContent).toBe(hostile);
    expect(within(screen.getByTestId("log-attributes")).getByText(hostile, { selector: "td" })).toBeTruthy();
    expect(within(screen.getByTestId("log-row")).getAllByText(hostile).length).toBeGreaterThanOrEqual(2);
  });

  it("never builds a link from an id that is not lowercase hex", () => {
    renderTable([apiLog({ traceId: "javascript:alert(1)//000000000000000" })]);
    expect(screen.queryByTestId("log-trace-link")).toBeNull();
  });

  it("puts only the rows near the viewport in the DOM, and spacers as tall as the rest", () => {
    renderTable(manyLogs(5000));
    // jsdom's viewport is 768 px: 30 rows of 26 px on screen, plus the overscan below.
    const onScreen = Math.ceil(window.innerHeight / LOG_ROW_ESTIMATE_PX);
    expect(rowIndexes()).toEqual(Array.from({ length: onScreen + LOG_ROWS_OVERSCAN }, (_, i) => i));
    expect(screen.queryByTestId("logs-show-more")).toBeNull();
    expect(spacerHeights()).toEqual([(5000 - onScreen - LOG_ROWS_OVERSCAN) * LOG_ROW_ESTIMATE_PX]);
  });

  it("rows beyond the first screen appear when the page scrolls, down to the last one", () => {
    renderTable(manyLogs(5000));
    scrollWindowTo(2000 * LOG_ROW_ESTIMATE_PX);
    const indexes = rowIndexes();
    expect(indexes[0]).toBe(2000 - LOG_ROWS_OVERSCAN);
    expect(indexes).toContain(2020);
    expect(indexes.at(-1)! - indexes[0]!).toBe(indexes.length - 1);
    expect(screen.getByText("log 2000")).toBeTruthy();
    expect(screen.queryByText("log 0")).toBeNull();
    const [above, below] = spacerHeights();
    expect(above).toBe((2000 - LOG_ROWS_OVERSCAN) * LOG_ROW_ESTIMATE_PX);
    expect(above! + indexes.length * LOG_ROW_ESTIMATE_PX + below!).toBe(5000 * LOG_ROW_ESTIMATE_PX);

    scrollWindowTo(5000 * LOG_ROW_ESTIMATE_PX);
    expect(rowIndexes().at(-1)).toBe(4999);
    expect(screen.getByText("log 4999")).toBeTruthy();
  });

  it("keeps the focused row mounted when it scrolls out of view", () => {
    renderTable(manyLogs(5000));
    const caret = within(screen.getAllByTestId("log-row")[5]!).getByTestId("log-row-toggle");
    act(() => caret.focus());
    scrollWindowTo(3000 * LOG_ROW_ESTIMATE_PX);
    expect(rowIndexes()[0]).toBe(5);
    expect(rowIndexes()[1]).toBe(3000 - LOG_ROWS_OVERSCAN);
    expect(document.activeElement).toBe(caret);
    expect(spacerHeights()[0]).toBe(5 * LOG_ROW_ESTIMATE_PX);
    act(() => caret.blur());
    scrollWindowTo(3001 * LOG_ROW_ESTIMATE_PX);
    expect(rowIndexes()[0]).toBe(3001 - LOG_ROWS_OVERSCAN);
  });

  it("ArrowDown and ArrowUp on a caret move focus to the next and previous row", () => {
    renderTable(manyLogs(50));
    const carets = screen.getAllByTestId("log-row-toggle");
    act(() => carets[0]!.focus());
    fireEvent.keyDown(carets[0]!, { key: "ArrowUp" });
    expect(document.activeElement).toBe(carets[0]);
    fireEvent.keyDown(carets[0]!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(carets[1]);
    fireEvent.keyDown(carets[1]!, { key: "ArrowDown" });
    fireEvent.keyDown(carets[2]!, { key: "ArrowUp" });
    expect(document.activeElement).toBe(carets[1]);
  });
});
