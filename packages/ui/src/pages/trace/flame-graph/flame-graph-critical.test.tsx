// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { buildCriticalPathLookup } from "../critical-path/critical-path-lookup.js";
import { pathSegments } from "../critical-path/testdata/small-trace-path.js";
import { smallTrace } from "../waterfall/testdata/small-trace.js";
import { FlameGraph } from "./flame-graph.js";

afterEach(cleanup);

const model = buildTraceModel(smallTrace());

describe("FlameGraph critical path", () => {
  it("marks the nodes on the path and draws their segments inside them", () => {
    const lookup = buildCriticalPathLookup(model, pathSegments([[1, 0, 10], [2, 10, 30], [5, 30, 70], [2, 70, 80], [1, 80, 100]]));
    const { container } = render(<FlameGraph model={model} selectedIndex={undefined} onSelect={() => {}} critical={lookup} />);
    const marked = screen.getAllByTestId("flame-node").filter((node) => node.getAttribute("data-critical") === "true").map((node) => node.getAttribute("data-span-id"));
    expect(marked.sort()).toEqual([spanIdOf(1), spanIdOf(2), spanIdOf(5)]);
    expect(container.querySelector(".flame-graph")!.className).toContain("is-critical-mode");
    // place-order (10–80 ms) is on the path 10–30 and 70–80: 0–28.6 % and 85.7–100 % of its box.
    const place = screen.getAllByTestId("flame-node").find((node) => node.getAttribute("data-span-id") === spanIdOf(2))!;
    const boxes = [...place.querySelectorAll<HTMLElement>(".flame-critical")].map((el) => [Math.round(parseFloat(el.style.left) * 10) / 10, Math.round(parseFloat(el.style.width) * 10) / 10]);
    expect(boxes).toEqual([[0, 28.6], [85.7, 14.3]]);
  });

  it("draws nothing extra while the critical path is off", () => {
    const { container } = render(<FlameGraph model={model} selectedIndex={undefined} onSelect={() => {}} />);
    expect(container.querySelectorAll(".flame-critical")).toHaveLength(0);
    expect(screen.getAllByTestId("flame-node").some((node) => node.hasAttribute("data-critical"))).toBe(false);
  });
});
