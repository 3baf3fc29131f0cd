// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { apiLog, apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { groupTraceLogs, type TraceLogs } from "../../../trace/trace-logs.js";
import { buildTraceModel, type TraceModel } from "../../../trace/trace-model.js";
import { smallTrace, smallTraceLogs } from "./testdata/small-trace.js";
import { TRACE_RENDERED_MARK, Waterfall } from "./waterfall.js";
import { useFakeLayout } from "../../../testing/fake-layout.js";

useFakeLayout();

const model = buildTraceModel(smallTrace());
const logs = groupTraceLogs(smallTraceLogs());
const index = (n: number) => model.indexBySpanId.get(spanIdOf(n))!;

/** The page's role in miniature: keeps the selection and feeds it back. */
function Harness({ traceModel = model, traceLogs = logs, initial }: { traceModel?: TraceModel; traceLogs?: TraceLogs; initial?: number }) {
  const [selected, setSelected] = useState(initial);
  return (
    <>
      <button type="button" onClick={() => setSelected(index(5))}>
        select 5
      </button>
      <Waterfall model={traceModel} logs={traceLogs} selectedIndex={selected} onSelect={setSelected} />
    </>
  );
}

const rowOrder = () =>
  [...screen.getByTestId("waterfall").querySelectorAll("[data-testid=span-row], [data-testid=span-log-row]")]
    .sort((a, b) => translate(a) - translate(b))
    .map((row) => `${row.getAttribute("data-testid") === "span-row" ? "span" : "log"}:${Number.parseInt(row.getAttribute("data-span-id")!, 16)}`);
const translate = (row: Element) => Number(/translateY\(([\d.]+)px\)/.exec((row as HTMLElement).style.transform)![1]);
const spanRow = (n: number) => screen.getByTestId("waterfall").querySelector(`[data-testid=span-row][data-span-id="${spanIdOf(n)}"]`);

describe("Waterfall", () => {
  it("shows every span in tree order with depth, and each span's logs right under it", () => {
    render(<Harness />);
    expect(rowOrder()).toEqual(["span:1", "span:2", "log:2", "log:2", "span:4", "log:4", "span:5", "span:3"]);
    expect(spanRow(4)!.getAttribute("data-depth")).toBe("2");
    const logRows = screen.getAllByTestId("span-log-row").sort((a, b) => translate(a) - translate(b));
    expect(logRows[0]!.textContent).toContain("placing order");
    expect(logRows[1]!.textContent).toContain("order placed");
    expect(spanRow(5)!.querySelector("[aria-label=error]")).not.toBeNull();
  });

  it("collapses and expands a subtree with its toggle; leaves have no toggle", () => {
    render(<Harness />);
    const toggle = within(spanRow(2) as HTMLElement).getByTestId("span-toggle");
    fireEvent.click(toggle);
    expect(rowOrder()).toEqual(["span:1", "span:2", "log:2", "log:2", "span:3"]);
    expect(toggle.textContent).toBe("2");
    expect(spanRow(2)!.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(rowOrder()).toHaveLength(8);
    expect(within(spanRow(4) as HTMLElement).queryByTestId("span-toggle")).toBeNull();
  });

  it("selects a span on click, on its log row, and with the arrow keys", () => {
    render(<Harness />);
    fireEvent.click(spanRow(3)!);
    expect(spanRow(3)!.getAttribute("aria-selected")).toBe("true");
    fireEvent.click(screen.getAllByTestId("span-log-row").find((row) => row.textContent!.includes("validating"))!);
    expect(spanRow(4)!.getAttribute("aria-selected")).toBe("true");
    expect(spanRow(3)!.getAttribute("aria-selected")).toBe("false");
    fireEvent.keyDown(screen.getByTestId("waterfall"), { key: "ArrowDown" });
    expect(spanRow(5)!.getAttribute("aria-selected")).toBe("true");
  });

  it("expands the collapsed ancestors of a span selected from outside", () => {
    render(<Harness />);
    fireEvent.click(within(spanRow(1) as HTMLElement).getByTestId("span-toggle"));
    expect(spanRow(5)).toBeNull();
    fireEvent.click(screen.getByText("select 5"));
    expect(spanRow(5)!.getAttribute("aria-selected")).toBe("true");
  });

  it("finds spans, counts them, and steps through them with Enter and Shift+Enter", () => {
    render(<Harness />);
    const find = screen.getByTestId("trace-find");
    fireEvent.change(find, { target: { value: "API" } });
    expect(screen.getByTestId("find-count").textContent).toBe("0 of 3");
    expect(spanRow(4)!.className).toContain("is-match");
    expect(spanRow(3)!.className).not.toContain("is-match");
    fireEvent.keyDown(find, { key: "Enter" });
    expect(spanRow(2)!.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("find-count").textContent).toBe("1 of 3");
    fireEvent.keyDown(find, { key: "Enter", shiftKey: true });
    expect(spanRow(5)!.getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("find-count").textContent).toBe("3 of 3");
  });

  it("zooms bars and axis to a window dragged on the overview; double-click resets", () => {
    // jsdom has neither PointerEvent nor pointer capture.
    vi.stubGlobal("PointerEvent", class extends MouseEvent {});
    Element.prototype.setPointerCapture ??= () => {};
    render(<Harness />);
    const strip = screen.getByTestId("overview-strip");
    const bar = () => (spanRow(3)!.querySelector(".waterfall-bar") as HTMLElement).style;
    expect(bar().left).toBe("85%");
    // The strip is 1000px wide (mocked) and starts at x = 0: 800→1000 px is 80–100 ms.
    fireEvent.pointerDown(strip, { clientX: 800, button: 0, pointerId: 1 });
    fireEvent.pointerMove(strip, { clientX: 900, pointerId: 1 });
    fireEvent.pointerUp(strip, { clientX: 1000, pointerId: 1 });
    expect(bar().left).toBe("25%");
    expect(bar().width).toBe("50%");
    expect(screen.getByTestId("time-axis").textContent).toContain("85 ms");
    expect(spanRow(4)!.textContent).toContain("◂ 8 ms");
    fireEvent.doubleClick(strip);
    expect(bar().left).toBe("85%");
    expect(screen.queryByText("Reset zoom")).toBeNull();
  });

  it("renders hostile span names, services and log bodies as text", () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const trace = buildTraceModel(apiTrace([apiSpan({ spanId: spanIdOf(1), name: hostile, service: hostile })]));
    const hostileLogs = groupTraceLogs([apiLog({ spanId: spanIdOf(1), body: hostile })]);
    const { container } = render(<Harness traceModel={trace} traceLogs={hostileLogs} />);
    expect(container.querySelector("img")).toBeNull();
    expect(spanRow(1)!.textContent).toContain(hostile);
    expect(screen.getByTestId("span-log-row").textContent).toContain(hostile);
  });

  it("marks skein:trace-rendered once per loaded trace, after its first rows are on screen", async () => {
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve))); // earlier tests' frames
    const marks: string[] = [];
    vi.spyOn(performance, "mark").mockImplementation((name: string) => {
      marks.push(name);
      return undefined as unknown as PerformanceMark;
    });
    const fresh = buildTraceModel(smallTrace());
    const { unmount } = render(<Waterfall model={fresh} logs={logs} selectedIndex={undefined} onSelect={() => {}} />);
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(marks).toEqual([TRACE_RENDERED_MARK]);
    // Back from another tab: the same loaded trace mounts a new waterfall, and is not marked again.
    unmount();
    render(<Waterfall model={fresh} logs={logs} selectedIndex={index(2)} onSelect={() => {}} />);
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(marks).toEqual([TRACE_RENDERED_MARK]);
  });
});
