// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { FlameGraph } from "./flame-graph.js";

afterEach(cleanup);

const MS = 1_000_000;
const hostile = "<img src=x onerror=alert(1)>";
const model = buildTraceModel(
  apiTrace([
    apiSpan({ spanId: spanIdOf(1), name: "GET /checkout", service: "frontend", durationNs: 100 * MS }),
    apiSpan({ spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: "charge", service: "payments", startOffsetNs: 10 * MS, durationNs: 40 * MS, status: { code: "error" } }),
    apiSpan({ spanId: spanIdOf(3), parentSpanId: spanIdOf(2), name: hostile, service: "payments", startOffsetNs: 20 * MS, durationNs: 10 * MS }),
    apiSpan({ spanId: spanIdOf(4), parentSpanId: spanIdOf(1), name: "render", service: "frontend", startOffsetNs: 60 * MS, durationNs: 30 * MS }),
  ]),
);
const ids = () => screen.getAllByTestId("flame-node").map((node) => node.getAttribute("data-span-id"));

describe("FlameGraph", () => {
  it("draws every span as a node with its span id, error spans marked, names as text", () => {
    const { container } = render(<FlameGraph model={model} selectedIndex={undefined} onSelect={() => {}} />);
    expect(ids()).toEqual([spanIdOf(1), spanIdOf(2), spanIdOf(3), spanIdOf(4)]);
    const charge = screen.getAllByTestId("flame-node")[1]!;
    expect(charge.className).toContain("flame-node-error");
    expect(charge.style.width).toBe("400px"); // 40 ms of 100 ms at the 1000 px fallback width
    expect(charge.style.left).toBe("100px");
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText(hostile)).toBeTruthy();
  });

  it("selects and zooms into a clicked span; the breadcrumb zooms back out", () => {
    const onSelect = vi.fn();
    render(<FlameGraph model={model} selectedIndex={undefined} onSelect={onSelect} />);
    fireEvent.click(screen.getAllByTestId("flame-node")[1]!);
    expect(onSelect).toHaveBeenCalledWith(1);
    expect(ids()).toEqual([spanIdOf(2), spanIdOf(3)]);
    expect(screen.getAllByTestId("flame-node")[0]!.style.width).toBe("1000px");
    fireEvent.click(screen.getByRole("button", { name: "GET /checkout" }));
    expect(ids()).toHaveLength(4);
    fireEvent.click(screen.getAllByTestId("flame-node")[3]!);
    fireEvent.click(screen.getByRole("button", { name: "Reset zoom" }));
    expect(ids()).toHaveLength(4);
    expect(screen.getByRole("button", { name: "Whole trace" })).toHaveProperty("disabled", true);
  });

  it("highlights the selected span", () => {
    render(<FlameGraph model={model} selectedIndex={3} onSelect={() => {}} />);
    const selected = screen.getAllByTestId("flame-node").filter((node) => node.getAttribute("aria-pressed") === "true");
    expect(selected.map((node) => node.getAttribute("data-span-id"))).toEqual([spanIdOf(4)]);
  });

  it("zooming in scrolls to the top; zooming out scrolls back to the span that was zoomed", () => {
    // A 40-deep chain: span n+1 on row n.
    const chain = buildTraceModel(
      apiTrace(Array.from({ length: 40 }, (_, i) => apiSpan({ spanId: spanIdOf(i + 1), parentSpanId: i === 0 ? null : spanIdOf(i), startOffsetNs: i * MS, durationNs: (100 - i) * MS }))),
    );
    const { container } = render(<FlameGraph model={chain} selectedIndex={undefined} onSelect={() => {}} />);
    const body = container.querySelector<HTMLElement>(".flame-graph-body")!;
    body.scrollTop = 600;
    fireEvent.scroll(body);
    fireEvent.click(container.querySelector(`[data-testid=flame-node][data-span-id="${spanIdOf(31)}"]`)!);
    expect(body.scrollTop).toBe(0);
    expect(ids()[0]).toBe(spanIdOf(31));
    fireEvent.click(screen.getByRole("button", { name: "Reset zoom" }));
    // Span 31 is on row 30: two rows of context above it.
    expect(body.scrollTop).toBe(28 * 22);
    expect(ids()).toContain(spanIdOf(31));
  });

  it("labels the axis with the shared round ticks", () => {
    const { container } = render(<FlameGraph model={model} selectedIndex={undefined} onSelect={() => {}} />);
    const labels = [...container.querySelectorAll(".flame-graph-tick")].map((tick) => tick.textContent);
    expect(labels).toEqual(["0", "20 ms", "40 ms", "60 ms", "80 ms", "100 ms"]);
  });
});
