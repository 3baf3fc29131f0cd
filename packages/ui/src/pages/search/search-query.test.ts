import { describe, expect, it } from "vitest";
import { checkSearchQuery, hasSearchFilters, readSearchQuery, writeSearchQuery, type SearchQuery } from "./search-query.js";

const NOW = Date.parse("2026-11-24T12:00:00.000Z");
/** What an empty URL reads as: nothing set, the default range. */
const EMPTY_SEARCH_QUERY: SearchQuery = readSearchQuery(new URLSearchParams());

const full: SearchQuery = {
  service: "checkout",
  operation: "POST /orders",
  attributes: ["http.response.status_code=500", 'user.id="42"'],
  minDuration: "250ms",
  maxDuration: "1.5s",
  errorsOnly: true,
  kind: "server",
  timeRange: { kind: "custom", start: "2026-11-24T10:00:00.000Z", end: "2026-11-24T11:00:00.000Z" },
  limit: "50",
};

describe("URL ↔ SearchQuery", () => {
  it("round-trips every field (read → write → read)", () => {
    const url = writeSearchQuery(full).toString();
    expect(readSearchQuery(new URLSearchParams(url))).toEqual(full);
    expect(writeSearchQuery(readSearchQuery(new URLSearchParams(url))).toString()).toBe(url);
  });

  it("writes repeated attr parameters and errors=1, and leaves unset fields out", () => {
    const params = writeSearchQuery(full);
    expect(params.getAll("attr")).toEqual(["http.response.status_code=500", 'user.id="42"']);
    expect(params.get("errors")).toBe("1");
    expect(params.get("kind")).toBe("server");
    expect(writeSearchQuery({ ...EMPTY_SEARCH_QUERY, attributes: ["", " "] }).toString()).toBe("range=1h");
  });

  it("reads a preset range and defaults missing fields", () => {
    const query = readSearchQuery(new URLSearchParams("service=a&range=15m"));
    expect(query).toEqual({ ...EMPTY_SEARCH_QUERY, service: "a", timeRange: { kind: "preset", preset: "15m" } });
  });

  it("knows when filters narrow the search", () => {
    expect(hasSearchFilters(EMPTY_SEARCH_QUERY)).toBe(false);
    expect(hasSearchFilters({ ...EMPTY_SEARCH_QUERY, timeRange: { kind: "preset", preset: "7d" } })).toBe(false);
    expect(hasSearchFilters({ ...EMPTY_SEARCH_QUERY, errorsOnly: true })).toBe(true);
    expect(hasSearchFilters({ ...EMPTY_SEARCH_QUERY, attributes: ["k=v"] })).toBe(true);
    expect(hasSearchFilters({ ...EMPTY_SEARCH_QUERY, kind: "client" })).toBe(true);
  });
});

describe("checkSearchQuery", () => {
  it("maps a full query, a custom range as unix ms", () => {
    expect(checkSearchQuery(full, NOW)).toEqual({ ok: true, api: {
      service: "checkout",
      operation: "POST /orders",
      attributes: '{"http.response.status_code":500,"user.id":"42"}',
      minDuration: "250ms",
      maxDuration: "1.5s",
      status: "error",
      kind: "server",
      start: String(Date.parse("2026-11-24T10:00:00.000Z")),
      end: String(Date.parse("2026-11-24T11:00:00.000Z")),
      limit: "50",
    } });
  });

  it("reads an empty URL as no filters over the last hour", () => {
    expect(EMPTY_SEARCH_QUERY).toEqual({ service: "", operation: "", attributes: [], minDuration: "", maxDuration: "", errorsOnly: false, kind: "", timeRange: { kind: "preset", preset: "1h" }, limit: "" });
  });

  it("resolves a preset against now and sends nothing else for an empty query", () => {
    expect(checkSearchQuery({ ...EMPTY_SEARCH_QUERY, timeRange: { kind: "preset", preset: "15m" } }, NOW)).toEqual({
      ok: true,
      api: { start: String(NOW - 15 * 60_000), end: String(NOW) },
    });
  });

  it("reports every invalid field and refuses to build", () => {
    const bad = { ...EMPTY_SEARCH_QUERY, minDuration: "250", maxDuration: "2 sec", limit: "5000", attributes: ["nokey"] };
    const checked = checkSearchQuery(bad, NOW);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors).sort()).toEqual(["attributes", "limit", "maxDuration", "minDuration"]);
    expect(checked).toMatchObject({ ok: false, errors: { minDuration: expect.stringContaining("not a duration"), attributes: expect.stringContaining("key=value") } });
  });

  it("reads the span kind from the URL, sends it, and refuses one the API does not know", () => {
    const query = readSearchQuery(new URLSearchParams("kind=client&range=15m"));
    expect(query.kind).toBe("client");
    expect(checkSearchQuery(query, NOW)).toEqual({ ok: true, api: { kind: "client", start: String(NOW - 15 * 60_000), end: String(NOW) } });
    expect(checkSearchQuery({ ...EMPTY_SEARCH_QUERY, kind: "unspecified" }, NOW)).toMatchObject({ ok: true, api: { kind: "unspecified" } });
    expect(checkSearchQuery({ ...EMPTY_SEARCH_QUERY, kind: "rpc" }, NOW)).toEqual({
      ok: false,
      errors: { kind: '"rpc" is not a span kind: choose one of unspecified, internal, server, client, producer, consumer' },
    });
  });

  it("refuses a custom range that ends before it starts", () => {
    const backwards: SearchQuery = { ...EMPTY_SEARCH_QUERY, timeRange: { kind: "custom", start: "2026-11-24T11:00:00Z", end: "2026-11-24T10:00:00Z" } };
    expect(checkSearchQuery(backwards, NOW)).toMatchObject({ ok: false, errors: { timeRange: expect.stringContaining("before it starts") } });
  });

  it("refuses a min duration above the max on the max field, comparing across units", () => {
    expect(checkSearchQuery({ ...EMPTY_SEARCH_QUERY, minDuration: "2s", maxDuration: "1500ms" }, NOW)).toEqual({
      ok: false,
      errors: { maxDuration: expect.stringMatching(/max duration \(1500ms\) is shorter than the min duration \(2s\)/) },
    });
    expect(checkSearchQuery({ ...EMPTY_SEARCH_QUERY, minDuration: "1m", maxDuration: "59.999s" }, NOW).ok).toBe(false);
    expect(checkSearchQuery({ ...EMPTY_SEARCH_QUERY, minDuration: "1.5s", maxDuration: "1500ms" }, NOW).ok).toBe(true);
    expect(checkSearchQuery({ ...EMPTY_SEARCH_QUERY, minDuration: "100us", maxDuration: "1m30s" }, NOW).ok).toBe(true);
  });

  it("refuses a custom range with an end left empty (a cleared input)", () => {
    const cleared: SearchQuery = { ...EMPTY_SEARCH_QUERY, timeRange: { kind: "custom", start: "", end: "2026-11-24T10:00:00Z" } };
    expect(checkSearchQuery(cleared, NOW)).toMatchObject({ ok: false, errors: { timeRange: expect.stringContaining("pick both ends") } });
  });
});
