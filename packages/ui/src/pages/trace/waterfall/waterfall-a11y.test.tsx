// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { apiLog, apiSpan, apiTrace, BASE_NANOS, spanIdOf } from "../../../testing/api-fixtures.js";
import { groupTraceLogs } from "../../../trace/trace-logs.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { smallTrace, smallTraceLogs } from "./testdata/small-trace.js";
import { Waterfall } from "./waterfall.js";
import { useFakeLayout } from "../../../testing/fake-layout.js";

useFakeLayout();

const model = buildTraceModel(smallTrace());
const logs = groupTraceLogs(smallTraceLogs());
const index = (n: number) => model.indexBySpanId.get(spanIdOf(n))!;
const spanRow = (n: number) => screen.getByTestId("waterfall").querySelector<HTMLElement>(`[data-testid=span-row][data-span-id="${spanIdOf(n)}"]`);

function Harness({ initial }: { initial?: number }) {
  const [selected, setSelected] = useState(initial);
  return <Waterfall model={model} logs={logs} selectedIndex={selected} onSelect={setSelected} />;
}

describe("Waterfall accessibility", () => {
  it("gives rows span-<id> ids and points the tree's aria-activedescendant at the selected one", () => {
    render(<Harness />);
    const tree = screen.getByTestId("waterfall");
    expect(spanRow(4)!.id).toBe(`span-${spanIdOf(4)}`);
    expect(tree.hasAttribute("aria-activedescendant")).toBe(false);
    fireEvent.click(spanRow(4)!);
    expect(tree.getAttribute("aria-activedescendant")).toBe(`span-${spanIdOf(4)}`);
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    expect(tree.getAttribute("aria-activedescendant")).toBe(`span-${spanIdOf(5)}`);
    expect(document.getElementById(tree.getAttribute("aria-activedescendant")!)).toBe(spanRow(5));
  });

  it("keeps row ids unique when a span id repeats", () => {
    const twice = buildTraceModel(apiTrace([apiSpan({ spanId: spanIdOf(1) }), apiSpan({ spanId: spanIdOf(1), startOffsetNs: 5 })]));
    render(<Waterfall model={twice} logs={groupTraceLogs([])} selectedIndex={undefined} onSelect={() => {}} />);
    expect(screen.getAllByTestId("span-row").map((row) => row.id)).toEqual([`span-${spanIdOf(1)}`, `span-${spanIdOf(1)}-1`]);
  });

  it("marks inline log rows as no tree items (role none), rows as treeitems", () => {
    render(<Harness />);
    for (const row of screen.getAllByTestId("span-log-row")) expect(row.getAttribute("role")).toBe("none");
    expect(spanRow(1)!.getAttribute("role")).toBe("treeitem");
  });

  it("resizes the name column from the keyboard", () => {
    const { container } = render(<Harness />);
    const resizer = screen.getByRole("separator", { name: "Resize the span name column" });
    const width = () => (container.querySelector(".waterfall-root") as HTMLElement).style.getPropertyValue("--wf-name-width");
    expect(resizer.tabIndex).toBe(0);
    expect(resizer.getAttribute("aria-valuenow")).toBe("40");
    fireEvent.keyDown(resizer, { key: "ArrowRight" });
    expect(width()).toBe("42%");
    fireEvent.keyDown(resizer, { key: "ArrowLeft", shiftKey: true });
    expect(width()).toBe("32%");
    expect(resizer.getAttribute("aria-valuenow")).toBe("32");
    fireEvent.keyDown(resizer, { key: "Home" });
    expect(width()).toBe("15%");
    fireEvent.keyDown(resizer, { key: "ArrowLeft" });
    expect(width()).toBe("15%");
  });

  it("moves from the nearest visible ancestor when the selected span was collapsed away", () => {
    render(<Harness initial={index(5)} />);
    fireEvent.click(within(spanRow(2)!).getByTestId("span-toggle"));
    expect(spanRow(5)).toBeNull();
    fireEvent.keyDown(screen.getByTestId("waterfall"), { key: "ArrowDown" });
    expect(spanRow(3)!.getAttribute("aria-selected")).toBe("true");
  });
});

describe("Waterfall log times", () => {
  it("places a log with an unknown event time (0) by its observed time", () => {
    const ms = 1_000_000n;
    const unknownTime = groupTraceLogs([apiLog({ spanId: spanIdOf(2), timeUnixNano: "0", observedTimeUnixNano: String(BASE_NANOS + 40n * ms), body: "late-stamped" })]);
    render(<Waterfall model={model} logs={unknownTime} selectedIndex={undefined} onSelect={() => {}} />);
    expect(screen.getByTestId("span-log-row").textContent).toContain("+40 ms");
    const marker = spanRow(2)!.querySelector<HTMLElement>(".waterfall-marker.is-log");
    expect(marker?.style.left).toBe("40%");
  });
});
