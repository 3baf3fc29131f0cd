// @vitest-environment jsdom
import { latencyBucketLowerNano, latencyBucketUpperNano } from "@skein/model/insights";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildHeatmapGrid } from "./heatmap-cells.js";
import { LatencyHeatmap } from "./latency-heatmap.js";
import { Sparkline } from "./sparkline.js";

afterEach(cleanup);

const MIN = 60_000;
const bucket = (time: number, fine: number, count: number) => ({ time, lowerNano: latencyBucketLowerNano(fine), upperNano: latencyBucketUpperNano(fine), count, exemplars: [] });

describe("LatencyHeatmap", () => {
  const grid = buildHeatmapGrid([bucket(0, 100, 1), bucket(MIN, 100, 9), bucket(MIN, 101, 3)], MIN, 0, 3 * MIN);

  it("draws one button per non-empty cell, the fastest band at the bottom and busier cells darker", () => {
    render(<LatencyHeatmap grid={grid} selected={null} onSelect={() => undefined} />);
    const cells = screen.getAllByTestId("heatmap-cell");
    expect(cells.map((c) => c.getAttribute("data-count"))).toEqual(["1", "9", "3"]);
    const y = (i: number) => Number(cells[i]!.getAttribute("y"));
    expect(y(1)).toBeGreaterThan(y(2));
    const x = (i: number) => Number(cells[i]!.getAttribute("x"));
    expect(x(1)).toBeGreaterThan(x(0));
    expect(x(1)).toBe(x(2));
    const opacity = (i: number) => Number((cells[i] as unknown as HTMLElement).style.fillOpacity);
    expect(opacity(1)).toBe(1);
    expect(opacity(0)).toBeLessThan(opacity(2));
    expect(cells[1]!.getAttribute("aria-label")).toMatch(/^9 spans of /);
  });

  it("selects a cell by click, Enter or Space, and marks the selected one", () => {
    const onSelect = vi.fn();
    const { rerender } = render(<LatencyHeatmap grid={grid} selected={null} onSelect={onSelect} />);
    const cells = screen.getAllByTestId("heatmap-cell");
    fireEvent.click(cells[0]!);
    fireEvent.keyDown(cells[1]!, { key: "Enter" });
    fireEvent.keyDown(cells[2]!, { key: " " });
    fireEvent.keyDown(cells[2]!, { key: "a" });
    expect(onSelect.mock.calls.map(([cell]) => cell.count)).toEqual([1, 9, 3]);
    rerender(<LatencyHeatmap grid={grid} selected={grid.cells[1]!} onSelect={onSelect} />);
    expect(screen.getAllByTestId("heatmap-cell").map((c) => c.getAttribute("aria-pressed"))).toEqual(["false", "true", "false"]);
  });
});

describe("Sparkline", () => {
  it("draws a line for values and a dashed baseline when nothing was measured", () => {
    render(<Sparkline values={[1, 2, null, 3]} label="rate" />);
    render(<Sparkline values={[null, null]} label="p95" testId="empty-sparkline" />);
    const drawn = screen.getByRole("img", { name: "rate" });
    expect(drawn.querySelectorAll("path")).toHaveLength(2);
    expect(drawn.getAttribute("data-points")).toBe("3");
    const empty = screen.getByTestId("empty-sparkline");
    expect(empty.querySelectorAll("path")).toHaveLength(0);
    expect(empty.querySelector(".sparkline-empty")).not.toBeNull();
  });
});
