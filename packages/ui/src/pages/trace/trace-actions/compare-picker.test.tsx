// @vitest-environment jsdom
import type { ApiTraceSummary } from "@skein/model/api";
import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { spanIdOf, TRACE_ID } from "../../../testing/api-fixtures.js";
import { useFakeLayout } from "../../../testing/fake-layout.js";
import { renderTracePage } from "../testdata/trace-page-harness.js";
import { smallTrace } from "../waterfall/testdata/small-trace.js";

useFakeLayout();

const OTHER = "1".repeat(32);
const summary = (traceId: string, rootService: string, rootName: string): ApiTraceSummary => ({
  traceId, rootService, rootName, startTimeUnixNano: "1764000000000000000", durationNano: "150000000", spanCount: 6, errorCount: 0, services: [],
});
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

function serve() {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.startsWith("/api/v1/logs")) return json({ logs: [] });
    if (url.startsWith("/api/v1/traces?")) {
      // The search finds this trace, one with the same root, and one where the operation is not the root.
      return json({ traces: [summary(TRACE_ID, "frontend", "GET /checkout"), summary(OTHER, "frontend", "GET /checkout"), summary("2".repeat(32), "gateway", "proxy")] });
    }
    return json(smallTrace());
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

const location = () => screen.getByTestId("location").textContent;

describe("Compare with…", () => {
  it("offers recent traces with the same root service and operation, and opens the comparison", async () => {
    const fetchMock = serve();
    renderTracePage(`/trace/${TRACE_ID}?span=${spanIdOf(1)}`);
    fireEvent.click(await screen.findByTestId("compare-open"));
    const candidates = await screen.findAllByTestId("compare-candidate");
    expect(candidates.map((el) => el.getAttribute("data-trace-id"))).toEqual([OTHER]);
    expect(candidates[0]!.textContent).toContain("+50 ms");
    const search = new URL(String(fetchMock.mock.calls.find(([url]) => String(url).startsWith("/api/v1/traces?"))![0]), "http://x").searchParams;
    expect([search.get("service"), search.get("operation")]).toEqual(["frontend", "GET /checkout"]);
    fireEvent.click(candidates[0]!);
    expect(screen.queryByTestId("trace-header")).toBeNull(); // left the trace page (the harness has no /compare route)
  });

  it("takes a pasted id or URL and refuses a malformed one or this trace", async () => {
    serve();
    renderTracePage(`/trace/${TRACE_ID}`);
    fireEvent.click(await screen.findByTestId("compare-open"));
    const field = screen.getByTestId("compare-trace-id");
    fireEvent.change(field, { target: { value: "not an id" } });
    fireEvent.click(screen.getByTestId("compare-submit"));
    expect(screen.getByRole("alert").textContent).toContain("1 to 32 hexadecimal");
    fireEvent.change(field, { target: { value: TRACE_ID.toUpperCase() } });
    fireEvent.click(screen.getByTestId("compare-submit"));
    expect(screen.getByRole("alert").textContent).toContain("That is this trace");
    expect(location()).toBe("");
  });
});
