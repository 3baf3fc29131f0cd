import type { ApiLog, ApiTraceResponse } from "@skein/model/api";
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from "react-router";
import { vi } from "vitest";
import { TracePage } from "../trace-page.js";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const notFound = () => json({ error: { code: "SKEIN_ERR_NOT_FOUND", message: "no such trace" } }, 404);

/** Stubs the API for trace page tests: the trace (or 404) and its logs (or a 503). Returns the fetch mock. */
export function serveTrace({ trace, logs }: { trace?: ApiTraceResponse; logs?: ApiLog[] | "fail" }) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.startsWith("/api/v1/logs")) {
      return logs === "fail" ? json({ error: { code: "SKEIN_ERR_STORAGE_UNAVAILABLE", message: "storage down" } }, 503) : json({ logs: logs ?? [] });
    }
    return trace ? json(trace) : notFound();
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** Shows the current query string and history entry key, and offers Back. */
function LocationProbe() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="location" data-key={location.key}>
        {location.search}
      </output>
      <button type="button" data-testid="history-back" onClick={() => void navigate(-1)}>
        back
      </button>
    </>
  );
}

/** Renders the trace page at `url` in a memory router, with the LocationProbe beside it. */
export function renderTracePage(url: string) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route
          path="/trace/:traceId"
          element={
            <>
              <TracePage />
              <LocationProbe />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}
