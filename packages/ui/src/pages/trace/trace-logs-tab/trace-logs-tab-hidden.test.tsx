// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiLog, apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { groupTraceLogs } from "../../../trace/trace-logs.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { TraceLogsTab } from "./trace-logs-tab.js";

/**
 * The trace page keeps a hidden tab mounted (display:none). jsdom has no layout, so this file
 * fakes the part that matters: anything inside `[hidden]` measures 0 px, a shown log row 29 px
 * (200 px when expanded), the list 600 px; and a ResizeObserver that reports when told (the
 * browser reports every observed row when the tab is hidden). The old list kept measuring its rows
 * while hidden: every row measured 0, which in Chromium looped until React gave up (error #185),
 * and in any case lost the list's place.
 */
const ROW_PX = 29;
const EXPANDED_PX = 200;
const LOG_COUNT = 800;

const observers = new Set<FakeResizeObserver>();
class FakeResizeObserver {
  private readonly targets = new Set<Element>();
  constructor(private readonly callback: ResizeObserverCallback) {
    observers.add(this);
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
    observers.delete(this);
  }
  /** Delivers an entry for every observed element (sizes are read from the element). */
  report() {
    const entries = [...this.targets].map((target) => ({ target }) as unknown as ResizeObserverEntry);
    if (entries.length > 0) this.callback(entries, this as unknown as ResizeObserver);
  }
}
const reportResizes = () => act(() => [...observers].forEach((observer) => observer.report()));

function fakeHeight(element: Element): number {
  if (element.closest("[hidden]")) return 0;
  if (element.classList.contains("trace-logs-virtual-row")) return element.querySelector(".trace-log-details") ? EXPANDED_PX : ROW_PX;
  return 600;
}

beforeEach(() => {
  observers.clear();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
  vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockImplementation(function (this: HTMLElement) {
    return fakeHeight(this);
  });
  vi.spyOn(Element.prototype, "clientHeight", "get").mockImplementation(function (this: Element) {
    return fakeHeight(this);
  });
  vi.spyOn(Element.prototype, "clientWidth", "get").mockImplementation(function (this: Element) {
    return this.closest("[hidden]") ? 0 : 1000;
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const MS = 1_000_000;
const model = buildTraceModel(apiTrace([apiSpan({ spanId: spanIdOf(1), name: "import", service: "importer", durationNs: 1_000 * MS })]));
const logs = groupTraceLogs(
  Array.from({ length: LOG_COUNT }, (_, i) => apiLog({ offsetNs: (i + 1) * MS, spanId: spanIdOf(1), service: "importer", body: `row ${i}` })).reverse(),
);

/** The tab inside a panel that is hidden the way the trace page hides it. */
function Panel({ active }: { active: boolean }) {
  return (
    <div hidden={!active}>
      <TraceLogsTab model={model} logs={logs} onJumpToSpan={() => {}} active={active} />
    </div>
  );
}

const list = () => screen.getByTestId("trace-logs").querySelector<HTMLElement>(".trace-logs-list")!;
/** The body of the rendered row covering `offset` px of the list (rows are placed by translateY). */
function bodyAt(offset: number): string | undefined {
  for (const row of list().querySelectorAll<HTMLElement>(".trace-logs-virtual-row")) {
    const start = Number(/translateY\((-?[\d.]+)px\)/.exec(row.style.transform)?.[1]);
    if (start <= offset && offset < start + fakeHeight(row)) return row.querySelector(".trace-log-body")?.textContent ?? undefined;
  }
  return undefined;
}

describe("TraceLogsTab while its tab is hidden", () => {
  it("stops measuring (no rows) while hidden, and comes back at the same row with the same row heights", () => {
    const { rerender } = render(<Panel active />);
    expect(screen.getAllByTestId("trace-log-row").length).toBeGreaterThan(10);
    // Expand the third row: it measures 200 px, so every row below it moves down.
    fireEvent.click(screen.getAllByTestId("trace-log-row")[2]!.querySelector(".trace-log-toggle")!);
    reportResizes();
    act(() => {
      list().scrollTop = 3_000;
      fireEvent.scroll(list());
    });
    const before = bodyAt(3_000);
    // (3000 - 200 + 29) / 29 → row 97, where the rows would be without the expanded one's height.
    expect(before).toBe(`row ${Math.floor((3_000 - EXPANDED_PX + ROW_PX) / ROW_PX)}`);

    rerender(<Panel active={false} />);
    reportResizes(); // the browser reports every row at 0 px once the panel is display:none
    reportResizes();
    expect(screen.queryAllByTestId("trace-log-row")).toEqual([]);

    rerender(<Panel active />);
    reportResizes();
    expect(list().scrollTop).toBe(3_000);
    expect(bodyAt(3_000)).toBe(before);
    // Back at the top, the expanded row is still expanded and still 200 px tall.
    act(() => {
      list().scrollTop = 0;
      fireEvent.scroll(list());
    });
    const third = screen.getAllByTestId("trace-log-row").find((row) => row.querySelector(".trace-log-body")?.textContent === "row 2");
    expect(third?.querySelector(".trace-log-details")).not.toBeNull();
    expect(bodyAt(2 * ROW_PX + EXPANDED_PX)).toBe("row 3");
  });
});
