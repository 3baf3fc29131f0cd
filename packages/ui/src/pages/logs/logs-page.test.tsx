// @vitest-environment jsdom
import type { ApiLog } from "@skein/model/api";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { Link, MemoryRouter, Route, Routes, useLocation, useNavigate } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ServicesProvider } from "../../api/services-context.js";
import { apiLog, TRACE_ID } from "../../testing/api-fixtures.js";
import { LogsPage } from "./logs-page.js";
import { fakeLayout, recordRow, rowIndexes, scrollWindowTo, setScrollY, spacerHeights } from "./logs-table-test-layout.js";
import { LOG_ROW_ESTIMATE_PX } from "./use-logs-virtualizer.js";

/** The stub server: what /api/v1/services and /api/v1/logs answer, and every logs URL asked. */
let services: string[];
let logs: ApiLog[];
let logCalls: URL[];
/** When set, every logs request waits for it before answering (a slow query in flight). */
let hold: Promise<unknown> | undefined;

beforeEach(() => {
  // jsdom does not implement scrolling; the virtualizer scrolls the window to where it already is on mount.
  vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
  services = ["checkout", "payment"];
  logs = [apiLog({ body: "hello world", service: "payment" })];
  logCalls = [];
  hold = undefined;
  vi.stubGlobal("fetch", async (input: string) => {
    const url = new URL(input, "http://skein.test");
    if (url.pathname === "/api/v1/services") return Response.json({ services });
    if (url.pathname === "/api/v1/logs") {
      logCalls.push(url);
      if (hold) await hold;
      return Response.json({ logs });
    }
    return Response.json({ error: { code: "SKEIN_ERR_NOT_FOUND", message: "no" } }, { status: 404 });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setScrollY(0);
});

function Probe() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="location">{location.search}</output>
      <output data-testid="pathname">{location.pathname}</output>
      <button type="button" onClick={() => navigate(-1)}>
        back
      </button>
    </>
  );
}

/** Unique keys per entry: the page remembers answers per history entry (MemoryRouter names every first entry "default"). */
let entries = 0;
function entry(url: string) {
  const at = url.indexOf("?");
  return { pathname: at < 0 ? url : url.slice(0, at), search: at < 0 ? "" : url.slice(at), key: `logs-test-${++entries}` };
}

/** Renders /logs at `url`, after `earlier` entries; `/trace/:id` and `/elsewhere` are stubs with the probe. */
function renderPage(url: string, earlier: string[] = []) {
  return render(
    <MemoryRouter initialEntries={[...earlier, url].map(entry)} initialIndex={earlier.length}>
      <ServicesProvider>
        <Routes>
          <Route
            path="/logs"
            element={
              <>
                <LogsPage />
                <Probe />
              </>
            }
          />
          <Route path="/trace/:traceId" element={<Probe />} />
          <Route
            path="/elsewhere"
            element={
              <>
                <Probe />
                <Link to="/logs">to logs</Link>
              </>
            }
          />
        </Routes>
      </ServicesProvider>
    </MemoryRouter>,
  );
}

describe("LogsPage", () => {
  it("runs the query in the URL, omitting the window for a trace id", async () => {
    renderPage(`/logs?q=hello&service=payment&minSeverity=WARN&traceId=${TRACE_ID}&range=1h&limit=500`);
    expect(await screen.findAllByTestId("log-row")).toHaveLength(1);
    const params = Object.fromEntries(logCalls[0]!.searchParams);
    expect(params).toEqual({ q: "hello", service: "payment", minSeverity: "WARN", traceId: TRACE_ID, limit: "500" });
    expect((screen.getByTestId("logs-query") as HTMLInputElement).value).toBe("hello");
    expect((screen.getByTestId("logs-service") as HTMLSelectElement).value).toBe("payment");
  });

  it("submitting pushes the query into the URL and Back restores the previous one", async () => {
    renderPage("/logs");
    await screen.findByTestId("log-row");
    expect(logCalls[0]!.searchParams.get("start")).toMatch(/^\d+$/);
    fireEvent.change(screen.getByTestId("logs-query"), { target: { value: "timeout" } });
    fireEvent.change(screen.getByTestId("logs-min-severity"), { target: { value: "ERROR" } });
    fireEvent.click(screen.getByTestId("logs-submit"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("?q=timeout&minSeverity=ERROR&range=1h"));
    await waitFor(() => expect(logCalls).toHaveLength(2));
    expect(logCalls[1]!.searchParams.get("q")).toBe("timeout");
    fireEvent.click(screen.getByText("back"));
    await waitFor(() => expect((screen.getByTestId("logs-query") as HTMLInputElement).value).toBe(""));
    expect(screen.getByTestId("location").textContent).toBe("");
  });

  it("blocks an invalid trace id with a message and sends nothing", async () => {
    renderPage("/logs");
    await screen.findByTestId("log-row");
    fireEvent.change(screen.getByTestId("logs-trace-id"), { target: { value: "not-a-trace" } });
    fireEvent.click(screen.getByTestId("logs-submit"));
    expect(screen.getByTestId("logs-trace-id-error").textContent).toMatch(/hexadecimal/);
    expect(screen.getByTestId("location").textContent).toBe("");
    expect(logCalls).toHaveLength(1);
  });

  it("does not fetch an invalid trace id that arrives in the URL", async () => {
    renderPage("/logs?traceId=zz");
    expect(await screen.findByTestId("logs-trace-id-error")).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logCalls).toHaveLength(0);
  });

  it("explains how to send logs when nothing is stored", async () => {
    services = [];
    logs = [];
    renderPage("/logs");
    const state = await screen.findByTestId("no-data");
    expect(state.textContent).toContain("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");
  });

  it("suggests what to widen when filters match nothing", async () => {
    logs = [];
    renderPage("/logs?q=zzz&minSeverity=FATAL");
    const state = await screen.findByTestId("no-results");
    expect(state.textContent).toContain("zzz");
    expect(state.textContent).toContain("lower the minimum severity");
  });

  it("says so when the server is unreachable, and retries", async () => {
    const working = globalThis.fetch;
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    renderPage("/logs");
    expect(await screen.findByTestId("unreachable")).toBeTruthy();
    vi.stubGlobal("fetch", working);
    fireEvent.click(screen.getByText("Retry"));
    expect(await screen.findByTestId("log-row")).toBeTruthy();
  });

  it("summarises a result that hit the limit", async () => {
    logs = Array.from({ length: 100 }, (_, i) => apiLog({ offsetNs: -i }));
    renderPage("/logs");
    expect((await screen.findByTestId("logs-count")).textContent).toMatch(/100 newest logs — raise the limit/);
  });

  it("Retry after a failure reloads the services list too", async () => {
    const working = globalThis.fetch;
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    renderPage("/logs");
    expect(await screen.findByTestId("unreachable")).toBeTruthy();
    vi.stubGlobal("fetch", working);
    fireEvent.click(screen.getByText("Retry"));
    await screen.findByTestId("log-row");
    // "checkout" has no log in the answer: only the reloaded services list can offer it.
    await waitFor(() => expect([...screen.getByTestId("logs-service").querySelectorAll("option")].map((o) => o.value)).toEqual(["", "checkout", "payment"]));
  });

  it("re-submitting an unchanged query replaces the entry and still runs it again", async () => {
    renderPage("/logs?q=hello&range=1h", ["/elsewhere"]);
    await screen.findByTestId("log-row");
    fireEvent.click(screen.getByTestId("logs-submit"));
    await waitFor(() => expect(logCalls).toHaveLength(2));
    await screen.findByTestId("log-row");
    fireEvent.click(screen.getByTestId("logs-submit"));
    await waitFor(() => expect(logCalls).toHaveLength(3));
    expect(screen.getByTestId("location").textContent).toBe("?q=hello&range=1h");
    fireEvent.click(screen.getByText("back"));
    await waitFor(() => expect(screen.getByTestId("pathname").textContent).toBe("/elsewhere"));
  });

  it("Back from a trace shows the same answer at once, with its expanded rows and their measured heights", async () => {
    const resize = fakeLayout();
    logs = Array.from({ length: 450 }, (_, i) => apiLog({ offsetNs: -i, body: `log ${i}`, spanId: "00f067aa0ba902b7" }));
    renderPage("/logs?range=1h&limit=500");
    await screen.findAllByTestId("log-row");
    scrollWindowTo(295 * LOG_ROW_ESTIMATE_PX);
    fireEvent.click(within(recordRow(300)).getByTestId("log-row-toggle"));
    resize();
    expect(screen.getAllByTestId("log-row-details")).toHaveLength(1);
    // Row 300, now 300 px tall, scrolls out of the rendered range: a spacer carries its height.
    scrollWindowTo(400 * LOG_ROW_ESTIMATE_PX);
    expect(screen.queryByText("log 300")).toBeNull();
    const spacers = spacerHeights();
    const first = rowIndexes()[0]!;
    expect(spacers[0]).toBe(first * LOG_ROW_ESTIMATE_PX + 300 - LOG_ROW_ESTIMATE_PX);
    fireEvent.click(within(recordRow(first + 12)).getByTestId("log-trace-link"));
    await waitFor(() => expect(screen.getByTestId("pathname").textContent).toBe(`/trace/${TRACE_ID}`));

    act(() => fireEvent.click(screen.getByText("back")));
    // In the same commit as the navigation: no loading state, no new request, the same rows in the
    // same place (the expanded row's height seeded before anything measured it).
    expect(screen.queryByTestId("logs-loading")).toBeNull();
    expect(spacerHeights()).toEqual(spacers);
    expect(recordRow(first)).toBeTruthy();
    expect(logCalls).toHaveLength(1);
    scrollWindowTo(295 * LOG_ROW_ESTIMATE_PX);
    expect(within(recordRow(300)).getByTestId("log-row-toggle").getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByTestId("log-row-details").textContent).toContain("log 300");
  });

  it("blocks the submit when a custom range input is cleared, instead of searching the old range", async () => {
    renderPage("/logs?start=2026-11-24T10%3A00%3A00.000Z&end=2026-11-24T11%3A00%3A00.000Z");
    await screen.findByTestId("log-row");
    fireEvent.change(screen.getByTestId("time-range-end"), { target: { value: "" } });
    fireEvent.click(screen.getByTestId("logs-submit"));
    expect(screen.getByTestId("logs-range-error").textContent).toMatch(/Time range: .*pick both ends/);
    expect(screen.getByTestId("time-range-end").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("location").textContent).toBe("?start=2026-11-24T10%3A00%3A00.000Z&end=2026-11-24T11%3A00%3A00.000Z");
    expect(logCalls).toHaveLength(1);
  });

  it("re-running the same query keeps the old rows on screen, dimmed, until the new answer", async () => {
    renderPage("/logs?q=hello&range=1h");
    await screen.findByTestId("log-row");
    let release = () => {};
    hold = new Promise<void>((resolve) => (release = resolve));
    fireEvent.click(screen.getByTestId("logs-submit"));
    await waitFor(() => expect(logCalls).toHaveLength(2));
    expect(screen.getAllByTestId("log-row")).toHaveLength(1);
    expect(screen.queryByTestId("logs-loading")).toBeNull();
    expect(screen.getByText("Loading logs again…")).toBeTruthy();
    logs = [apiLog({ body: "hello again" }), apiLog({ body: "hello there", offsetNs: -1 })];
    act(() => release());
    await waitFor(() => expect(screen.getAllByTestId("log-row")).toHaveLength(2));
    expect(screen.queryByText("Loading logs again…")).toBeNull();
  });

  it("submitting an unchanged query from a non-canonical URL replaces the entry", async () => {
    renderPage("/logs", ["/elsewhere"]);
    await screen.findByTestId("log-row");
    fireEvent.click(screen.getByTestId("logs-submit"));
    await waitFor(() => expect(logCalls).toHaveLength(2));
    fireEvent.click(screen.getByText("back"));
    await waitFor(() => expect(screen.getByTestId("pathname").textContent).toBe("/elsewhere"));
  });

  it("asks for the services list again on mount: an empty list from before the first log is not 'no data yet'", async () => {
    services = [];
    logs = [];
    renderPage("/elsewhere");
    await waitFor(() => expect(screen.getByTestId("pathname").textContent).toBe("/elsewhere"));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the provider's first list: []
    services = ["checkout"];
    fireEvent.click(screen.getByText("to logs"));
    expect(await screen.findByTestId("no-results")).toBeTruthy();
    expect(screen.queryByTestId("no-data")).toBeNull();
  });
});
