// @vitest-environment jsdom
import type { ApiTraceSummary } from "@skein/model/api";
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation, useNavigate, type NavigateFunction } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ServicesProvider } from "../../api/services-context.js";
import { SearchPage } from "./search-page.js";

// jsdom has no canvas: the real uPlot chart is exercised by the browser test.
vi.mock("./search-scatter.js", () => ({
  SearchScatter: ({ traces }: { traces: ApiTraceSummary[] }) => <div data-testid="search-scatter" data-points={traces.length} />,
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const HOSTILE = "<img src=x onerror=alert(1)>";

function trace(n: number, fields: Partial<ApiTraceSummary> = {}): ApiTraceSummary {
  return {
    traceId: n.toString(16).padStart(32, "0"),
    rootService: "frontend",
    rootName: `GET /page/${n}`,
    startTimeUnixNano: String(BigInt(Date.now() - n * 60_000) * 1_000_000n),
    durationNano: String(n * 10_000_000),
    spanCount: 3 * n,
    errorCount: 0,
    services: [{ name: "frontend", spanCount: 3 * n, errorCount: 0 }],
    ...fields,
  };
}

interface Stub {
  services?: string[];
  traces?: ApiTraceSummary[];
  operations?: { name: string; kind: string }[];
  fail?: boolean;
  /** When set, every search waits for it before answering (a slow search in flight). */
  hold?: Promise<unknown>;
}

/** Stubs the API; returns the URL of every /api/v1/traces search, in order. */
function stubApi(stub: Stub) {
  const searches: URLSearchParams[] = [];
  const fetchMock = vi.fn(async (input: string) => {
    const url = new URL(input, "http://skein.test");
    if (stub.fail) throw new TypeError("Failed to fetch");
    if (url.pathname === "/api/v1/services") return json({ services: stub.services ?? ["frontend"] });
    if (url.pathname.startsWith("/api/v1/services/")) return json({ operations: stub.operations ?? [] });
    if (url.pathname === "/api/v1/traces") {
      searches.push(url.searchParams);
      if (stub.hold) await stub.hold;
      return json({ traces: stub.traces ?? [] });
    }
    return json({ error: { code: "SKEIN_ERR_NOT_FOUND", message: "no" } }, 404);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { searches, fetchMock };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/**
 * A history entry with a key of its own: the page remembers answers per entry (module-level), and
 * MemoryRouter would call every test's first entry "default".
 */
function uniqueEntry(url: string) {
  const at = url.indexOf("?");
  return { pathname: at < 0 ? url : url.slice(0, at), search: at < 0 ? "" : url.slice(at), key: `test-${++entries}` };
}
let entries = 0;

/** Renders the page at `url`, after `earlier` history entries (so Back can leave the page). */
function renderAt(url: string, earlier: string[] = []) {
  const router: { navigate?: NavigateFunction; search?: string; pathname?: string } = {};
  function Spy() {
    router.navigate = useNavigate();
    const location = useLocation();
    router.search = location.search;
    router.pathname = location.pathname;
    return null;
  }
  render(
    <MemoryRouter initialEntries={[...earlier, url].map(uniqueEntry)} initialIndex={earlier.length}>
      <ServicesProvider>
        <Spy />
        <Routes>
          <Route path="/search" element={<SearchPage />} />
          <Route path="/trace/:traceId" element={<div data-testid="trace-page" />} />
          <Route path="/elsewhere" element={<div data-testid="elsewhere" />} />
        </Routes>
      </ServicesProvider>
    </MemoryRouter>,
  );
  return router;
}

describe("SearchPage", () => {
  it("runs the URL's search with the right API parameters", async () => {
    const { searches } = stubApi({ traces: [trace(1)] });
    const before = Date.now();
    renderAt('/search?service=checkout&operation=POST%20%2Fpay&attr=http.response.status_code%3D500&attr=user.id%3D%2242%22&minDuration=100ms&maxDuration=2s&errors=1&range=15m&limit=5');
    await screen.findByTestId("search-results");
    expect(searches).toHaveLength(1);
    const params = searches[0]!;
    expect(Object.fromEntries([...params].filter(([key]) => key !== "start" && key !== "end"))).toEqual({
      service: "checkout",
      operation: "POST /pay",
      attributes: '{"http.response.status_code":500,"user.id":"42"}',
      minDuration: "100ms",
      maxDuration: "2s",
      status: "error",
      limit: "5",
    });
    const end = Number(params.get("end"));
    expect(end).toBeGreaterThanOrEqual(before);
    expect(end - Number(params.get("start"))).toBe(15 * 60_000);
    // The form shows the URL's query.
    expect(screen.getByTestId<HTMLInputElement>("search-min-duration").value).toBe("100ms");
    expect(screen.getAllByTestId<HTMLInputElement>("search-attribute").map((input) => input.value)).toEqual(["http.response.status_code=500", 'user.id="42"']);
    expect(screen.getByTestId<HTMLInputElement>("search-errors-only").checked).toBe(true);
  });

  it("renders one row per trace, newest first, with link, counts, error badge and service chips", async () => {
    const failing = trace(2, { errorCount: 4, services: [{ name: "frontend", spanCount: 2, errorCount: 0 }, { name: "payments", spanCount: 4, errorCount: 4 }] });
    stubApi({ traces: [trace(1), failing] });
    renderAt("/search");
    const rows = await screen.findAllByTestId("search-result");
    expect(rows.map((row) => row.dataset.traceId)).toEqual([trace(1).traceId, failing.traceId]);
    const link = within(rows[1]!).getByRole("link");
    expect(link.getAttribute("href")).toBe(`/trace/${failing.traceId}`);
    expect(link.textContent).toBe("frontendGET /page/2");
    expect(rows[1]!.querySelector(".badge.error")?.textContent).toBe("4");
    expect(rows[0]!.querySelector(".badge.error")).toBeNull();
    expect([...rows[1]!.querySelectorAll(".search-service-chip")].map((chip) => chip.textContent)).toEqual(["frontend2", "payments4"]);
    expect(within(rows[1]!).getByText("20 ms")).toBeTruthy();
    expect(screen.getByTestId("search-scatter").dataset.points).toBe("2");
  });

  it("shows how to send data when nothing was ever received", async () => {
    stubApi({ services: [], traces: [] });
    renderAt("/search");
    expect(await screen.findByTestId("no-data")).toBeTruthy();
    expect(screen.queryByTestId("no-results")).toBeNull();
  });

  it("says what to change when filters match nothing", async () => {
    stubApi({ services: [], traces: [] });
    renderAt("/search?service=checkout&errors=1");
    const empty = await screen.findByTestId("no-results");
    expect(empty.textContent).toContain("widening the time range");
    expect(empty.textContent).toContain("Errors only");
    expect(screen.queryByTestId("no-data")).toBeNull();
  });

  it("shows the unreachable state when fetch rejects, and Retry searches again", async () => {
    const { fetchMock } = stubApi({ fail: true });
    renderAt("/search");
    const state = await screen.findByTestId("unreachable");
    const calls = fetchMock.mock.calls.length;
    await userEvent.click(within(state).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThan(calls));
  });

  it("renders hostile service and operation names as text", async () => {
    stubApi({ services: [HOSTILE], traces: [trace(1, { rootService: HOSTILE, rootName: HOSTILE, services: [{ name: HOSTILE, spanCount: 1, errorCount: 0 }] })] });
    renderAt(`/search?service=${encodeURIComponent(HOSTILE)}`);
    const row = await screen.findByTestId("search-result");
    expect(document.querySelector("img")).toBeNull();
    expect(within(row).getAllByText(HOSTILE).length).toBe(3);
  });

  it("reads the span kind from the URL into the form and sends it; choosing another puts it in the URL and the search", async () => {
    const { searches } = stubApi({ traces: [trace(1)] });
    const router = renderAt("/search?service=frontend&kind=server&minDuration=15ms&range=1h");
    await screen.findByTestId("search-results");
    expect(searches[0]!.get("kind")).toBe("server");
    const select = screen.getByTestId<HTMLSelectElement>("search-kind");
    expect(select.value).toBe("server");
    expect([...select.options].map((option) => [option.value, option.text])).toEqual([
      ["", "Any kind"],
      ["server", "server"],
      ["client", "client"],
      ["producer", "producer"],
      ["consumer", "consumer"],
      ["internal", "internal"],
    ]);

    await userEvent.selectOptions(select, "client");
    await userEvent.click(screen.getByTestId("search-submit"));
    await waitFor(() => expect(searches).toHaveLength(2));
    expect(new URLSearchParams(router.search).get("kind")).toBe("client");
    expect(searches[1]!.get("kind")).toBe("client");
    expect(searches[1]!.get("minDuration")).toBe("15ms");

    await userEvent.selectOptions(screen.getByTestId("search-kind"), "");
    await userEvent.click(screen.getByTestId("search-submit"));
    await waitFor(() => expect(searches).toHaveLength(3));
    expect(new URLSearchParams(router.search).has("kind")).toBe(false);
    expect(searches[2]!.has("kind")).toBe(false);
  });

  it("shows an unknown span kind from the URL inline, selected, and never calls the API", async () => {
    const { searches, fetchMock } = stubApi({ traces: [trace(1)] });
    renderAt("/search?kind=rpc");
    expect((await screen.findByText(/"rpc" is not a span kind/)).textContent).toContain("server, client");
    expect(screen.getByTestId<HTMLSelectElement>("search-kind").value).toBe("rpc");
    await waitFor(() => expect(fetchMock).toHaveBeenCalled()); // the services list
    expect(searches).toHaveLength(0);
  });

  it("shows an invalid duration inline and never calls the API", async () => {
    const { searches, fetchMock } = stubApi({ traces: [trace(1)] });
    renderAt("/search?minDuration=250");
    expect((await screen.findByText(/"250" is not a duration/)).textContent).toContain("250ms");
    await waitFor(() => expect(fetchMock).toHaveBeenCalled()); // the services list
    expect(searches).toHaveLength(0);
    expect(screen.queryByTestId("search-results")).toBeNull();
  });

  it("does not submit an invalid form: the URL stays and no search is sent", async () => {
    const { searches } = stubApi({ traces: [trace(1)] });
    const router = renderAt("/search?range=1h");
    await screen.findByTestId("search-results");
    await userEvent.type(screen.getByTestId("search-max-duration"), "2 seconds");
    await userEvent.click(screen.getByTestId("search-submit"));
    expect(await screen.findByText(/"2 seconds" is not a duration/)).toBeTruthy();
    expect(router.search).toBe("?range=1h");
    expect(searches).toHaveLength(1);
  });

  it("submitting an unchanged query searches again (a preset range moves with now)", async () => {
    const { searches } = stubApi({ traces: [trace(1)] });
    renderAt("/search?range=5m");
    await screen.findByTestId("search-results");
    await userEvent.click(screen.getByTestId("search-submit"));
    await waitFor(() => expect(searches).toHaveLength(2));
    expect(Number(searches[1]!.get("end"))).toBeGreaterThanOrEqual(Number(searches[0]!.get("end")));
  });

  it("submitting pushes the whole query into the URL; Back and Forward re-run those searches", async () => {
    const { searches } = stubApi({ services: ["frontend", "payments"], operations: [{ name: "charge", kind: "server" }, { name: "charge", kind: "client" }], traces: [trace(1)] });
    const router = renderAt("/search?service=frontend&range=1h");
    await screen.findByTestId("search-results");
    await waitFor(() => expect(screen.getByTestId("search-service").querySelectorAll("option")).toHaveLength(3));

    await userEvent.selectOptions(screen.getByTestId("search-service"), "payments");
    await waitFor(() => expect(screen.getByRole("option", { name: "charge (server, client)" })).toBeTruthy());
    await userEvent.selectOptions(screen.getByTestId("search-operation"), "charge");
    await userEvent.type(screen.getByTestId("search-attribute"), "retry=true");
    await userEvent.click(screen.getByTestId("search-add-attribute"));
    await userEvent.type(screen.getAllByTestId("search-attribute")[1]!, "amount=12.5");
    await userEvent.click(screen.getByTestId("search-submit"));

    await waitFor(() => expect(searches).toHaveLength(2));
    expect(new URLSearchParams(router.search).getAll("attr")).toEqual(["retry=true", "amount=12.5"]);
    expect(searches[1]!.get("service")).toBe("payments");
    expect(searches[1]!.get("operation")).toBe("charge");
    expect(searches[1]!.get("attributes")).toBe('{"retry":true,"amount":12.5}');

    // Back and Forward show each entry's own answer and form at once, from memory: no new search.
    act(() => void router.navigate!(-1));
    expect(screen.getByTestId("search-results")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId<HTMLSelectElement>("search-service").value).toBe("frontend"));
    expect(screen.getAllByTestId<HTMLInputElement>("search-attribute").map((input) => input.value)).toEqual([""]);

    act(() => void router.navigate!(1));
    expect(screen.getByTestId("search-results")).toBeTruthy();
    expect(screen.getAllByTestId<HTMLInputElement>("search-attribute").map((input) => input.value)).toEqual(["retry=true", "amount=12.5"]);
    expect(searches).toHaveLength(2);
  });

  it("re-submitting an unchanged search replaces the history entry and still searches again", async () => {
    const { searches } = stubApi({ traces: [trace(1)] });
    const router = renderAt("/search?range=5m", ["/elsewhere"]);
    await screen.findByTestId("search-results");
    await userEvent.click(screen.getByTestId("search-submit"));
    await waitFor(() => expect(searches).toHaveLength(2));
    await screen.findByTestId("search-results");
    await userEvent.click(screen.getByTestId("search-submit"));
    await waitFor(() => expect(searches).toHaveLength(3));
    await screen.findByTestId("search-results");
    expect(router.search).toBe("?range=5m");
    // One Back leaves the search: the re-submits added no entries.
    act(() => void router.navigate!(-1));
    expect(await screen.findByTestId("elsewhere")).toBeTruthy();
    expect(router.pathname).toBe("/elsewhere");
  });

  it("Back from a trace shows the same results at once, without searching again", async () => {
    const { searches } = stubApi({ traces: [trace(1), trace(2)] });
    const router = renderAt("/search?range=15m");
    const link = within((await screen.findAllByTestId("search-result"))[1]!).getByRole("link");
    await userEvent.click(link);
    expect(await screen.findByTestId("trace-page")).toBeTruthy();
    act(() => void router.navigate!(-1));
    // Rendered in the same commit as the navigation: no "Searching…" state.
    expect(screen.queryByText("Searching…")).toBeNull();
    expect(screen.getAllByTestId("search-result").map((row) => row.dataset.traceId)).toEqual([trace(1).traceId, trace(2).traceId]);
    expect(searches).toHaveLength(1);
  });

  it("flags a min duration above the max on the max field and sends nothing", async () => {
    const { searches } = stubApi({ traces: [trace(1)] });
    const router = renderAt("/search?range=1h");
    await screen.findByTestId("search-results");
    await userEvent.type(screen.getByTestId("search-min-duration"), "2s");
    await userEvent.type(screen.getByTestId("search-max-duration"), "500ms");
    await userEvent.click(screen.getByTestId("search-submit"));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Max duration:.*shorter than the min duration/);
    expect(screen.getByTestId("search-max-duration").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("search-min-duration").getAttribute("aria-invalid")).toBe("false");
    expect(router.search).toBe("?range=1h");
    expect(searches).toHaveLength(1);
  });

  it("blocks the submit when a custom range input is cleared, instead of searching the old range", async () => {
    const { searches } = stubApi({ traces: [trace(1)] });
    const router = renderAt("/search?start=2026-11-24T10%3A00%3A00.000Z&end=2026-11-24T11%3A00%3A00.000Z");
    await screen.findByTestId("search-results");
    const start = screen.getByTestId<HTMLInputElement>("time-range-start");
    expect(start.value).not.toBe("");
    await userEvent.clear(start);
    await userEvent.click(screen.getByTestId("search-submit"));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Time range:/);
    expect(start.getAttribute("aria-invalid")).toBe("true");
    expect(router.search).toBe("?start=2026-11-24T10%3A00%3A00.000Z&end=2026-11-24T11%3A00%3A00.000Z");
    expect(searches).toHaveLength(1);
  });

  it("Retry after a failure reloads the services list too", async () => {
    const { fetchMock } = stubApi({ fail: true });
    renderAt("/search");
    const state = await screen.findByTestId("unreachable");
    expect(screen.getByTestId("search-service").textContent).toContain("list unavailable");
    fetchMock.mockImplementation(async (input: string) => {
      const url = new URL(input, "http://skein.test");
      if (url.pathname === "/api/v1/services") return json({ services: ["frontend", "payments"] });
      return json({ traces: [trace(1)] });
    });
    await userEvent.click(within(state).getByRole("button", { name: "Retry" }));
    await screen.findByTestId("search-results");
    await waitFor(() => expect(screen.getByRole("option", { name: "payments" })).toBeTruthy());
  });

  it("re-running the same search keeps the old results on screen, dimmed, until the new answer", async () => {
    const stub: Stub = { traces: [trace(1), trace(2)] };
    const { searches } = stubApi(stub);
    renderAt("/search?range=5m");
    await screen.findAllByTestId("search-result");
    let release = () => {};
    stub.hold = new Promise<void>((resolve) => (release = resolve));
    await userEvent.click(screen.getByTestId("search-submit"));
    await waitFor(() => expect(searches).toHaveLength(2));
    // The page keeps its rows (and so its height and scroll position) while the search runs again.
    expect(screen.getAllByTestId("search-result")).toHaveLength(2);
    expect(screen.getByTestId("search-answer").getAttribute("aria-busy")).toBe("true");
    expect(screen.getByText("Searching again…")).toBeTruthy();
    stub.traces = [trace(3)];
    act(() => release());
    await waitFor(() => expect(screen.getAllByTestId("search-result").map((row) => row.dataset.traceId)).toEqual([trace(3).traceId]));
    expect(screen.getByTestId("search-answer").getAttribute("aria-busy")).toBe("false");
  });

  it("a different query never shows the previous query's results while it loads", async () => {
    const stub: Stub = { traces: [trace(1)] };
    const { searches } = stubApi(stub);
    renderAt("/search?range=5m");
    await screen.findByTestId("search-result");
    stub.hold = new Promise(() => {});
    await userEvent.click(screen.getByTestId("search-errors-only"));
    await userEvent.click(screen.getByTestId("search-submit"));
    await waitFor(() => expect(searches).toHaveLength(2));
    expect(screen.queryByTestId("search-result")).toBeNull();
    expect(screen.getByText("Searching…")).toBeTruthy();
  });

  it("submitting an unchanged query from a non-canonical URL replaces the entry (no duplicate history)", async () => {
    const { searches } = stubApi({ traces: [trace(1)] });
    const router = renderAt("/search", ["/elsewhere"]);
    await screen.findByTestId("search-result");
    await userEvent.click(screen.getByTestId("search-submit"));
    await waitFor(() => expect(searches).toHaveLength(2));
    act(() => void router.navigate!(-1));
    expect(await screen.findByTestId("elsewhere")).toBeTruthy();
  });

  it("asks for the services list again on mount: an empty list from before the first span is not 'no data yet'", async () => {
    const stub: Stub = { services: [], traces: [] };
    const { fetchMock } = stubApi(stub);
    const router = renderAt("/elsewhere");
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1)); // the provider's first list: []
    stub.services = ["frontend"];
    act(() => void router.navigate!("/search"));
    expect(await screen.findByTestId("no-results")).toBeTruthy();
    expect(screen.queryByTestId("no-data")).toBeNull();
    await waitFor(() => expect(screen.getByRole("option", { name: "frontend" })).toBeTruthy());
  });

  it("asks for the services list again on each submitted search", async () => {
    const stub: Stub = { services: ["frontend"], traces: [trace(1)] };
    stubApi(stub);
    renderAt("/search?range=5m");
    await screen.findByTestId("search-result");
    await waitFor(() => expect(screen.getByRole("option", { name: "frontend" })).toBeTruthy());
    stub.services = ["frontend", "payments"];
    await userEvent.click(screen.getByTestId("search-submit"));
    await waitFor(() => expect(screen.getByRole("option", { name: "payments" })).toBeTruthy());
  });
});
