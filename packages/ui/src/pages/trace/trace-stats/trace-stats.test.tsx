// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { apiSpan, apiTrace, spanIdOf } from "../../../testing/api-fixtures.js";
import { buildTraceModel } from "../../../trace/trace-model.js";
import { statsTrace } from "./testdata/stats-trace.js";
import { TraceStats } from "./trace-stats.js";

afterEach(cleanup);

const rowNames = () => screen.getAllByRole("row").slice(1).map((row) => within(row).getByRole("rowheader").textContent?.replace(/[▾▸]/g, ""));

describe("TraceStats", () => {
  it("lists services then operations, self time descending by default", () => {
    render(<TraceStats model={statsTrace()} />);
    expect(rowNames()).toEqual(["backend", "query", "frontend", "GET /", "render"]);
    const backend = screen.getAllByTestId("trace-stats-service")[0]!;
    expect([...backend.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["2", "1", "70 ms", "70 ms", "35 ms", "40 ms", "63.6%"]);
  });

  it("re-sorts when a header is clicked, and flips direction on a second click", () => {
    render(<TraceStats model={statsTrace()} />);
    fireEvent.click(screen.getByRole("button", { name: /Max/ }));
    expect(rowNames()[0]).toBe("frontend");
    expect(screen.getByRole("columnheader", { name: /Max/ }).getAttribute("aria-sort")).toBe("descending");
    fireEvent.click(screen.getByRole("button", { name: /Max/ }));
    expect(rowNames()).toEqual(["backend", "query", "frontend", "render", "GET /"]);
  });

  it("collapses a service's operations and renders hostile names as text", () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const { container } = render(<TraceStats model={buildTraceModel(apiTrace([apiSpan({ spanId: spanIdOf(1), name: hostile, service: hostile })]))} />);
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getAllByText(hostile)).toHaveLength(2);
    fireEvent.click(screen.getByRole("button", { expanded: true }));
    expect(screen.queryAllByTestId("trace-stats-operation")).toHaveLength(0);
  });
});
