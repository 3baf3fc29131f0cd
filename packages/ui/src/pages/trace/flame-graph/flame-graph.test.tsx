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
});
