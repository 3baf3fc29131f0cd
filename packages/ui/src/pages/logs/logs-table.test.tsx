// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiLog, TRACE_ID } from "../../testing/api-fixtures.js";
import { LogsTable } from "./logs-table.js";
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

afterEach(cleanup);

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

  it("expanding one row re-renders only that row, not the other 199", () => {
    renderTable(Array.from({ length: 450 }, (_, i) => apiLog({ offsetNs: -i, body: `log ${i}` })));
    timeFormats.count = 0;
    fireEvent.click(within(screen.getAllByTestId("log-row")[7]!).getByTestId("log-row-toggle"));
    expect(screen.getByTestId("log-row-details")).toBeTruthy();
    expect(timeFormats.count).toBe(1);
    timeFormats.count = 0;
    fireEvent.click(screen.getByTestId("logs-show-more"));
    expect(timeFormats.count).toBe(250);
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

  it("renders 200 rows first and more on request", () => {
    renderTable(Array.from({ length: 450 }, (_, i) => apiLog({ offsetNs: -i, body: `log ${i}` })));
    expect(screen.getAllByTestId("log-row")).toHaveLength(200);
    fireEvent.click(screen.getByTestId("logs-show-more"));
    expect(screen.getAllByTestId("log-row")).toHaveLength(450);
    expect(screen.queryByTestId("logs-show-more")).toBeNull();
  });
});
