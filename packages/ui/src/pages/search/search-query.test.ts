import { describe, expect, it } from "vitest";
import { EMPTY_SEARCH_QUERY, checkSearchQuery, hasSearchFilters, readSearchQuery, toApiQuery, writeSearchQuery, type SearchQuery } from "./search-query.js";

const NOW = Date.parse("2026-11-24T12:00:00.000Z");

const full: SearchQuery = {
  service: "checkout",
  operation: "POST /orders",
  attributes: ["http.response.status_code=500", 'user.id="42"'],
  minDuration: "250ms",
  maxDuration: "1.5s",
  errorsOnly: true,
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
  });
});

describe("toApiQuery", () => {
  it("maps a full query, a custom range as unix ms", () => {
    expect(toApiQuery(full, NOW)).toEqual({
      service: "checkout",
      operation: "POST /orders",
      attributes: '{"http.response.status_code":500,"user.id":"42"}',
      minDuration: "250ms",
      maxDuration: "1.5s",
      status: "error",
      start: String(Date.parse("2026-11-24T10:00:00.000Z")),
      end: String(Date.parse("2026-11-24T11:00:00.000Z")),
      limit: "50",
    });
  });

  it("resolves a preset against now and sends nothing else for an empty query", () => {
    expect(toApiQuery({ ...EMPTY_SEARCH_QUERY, timeRange: { kind: "preset", preset: "15m" } }, NOW)).toEqual({
      start: String(NOW - 15 * 60_000),
      end: String(NOW),
    });
  });

  it("reports every invalid field and refuses to build", () => {
    const bad = { ...EMPTY_SEARCH_QUERY, minDuration: "250", maxDuration: "2 sec", limit: "5000", attributes: ["nokey"] };
    const checked = checkSearchQuery(bad, NOW);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors).sort()).toEqual(["attributes", "limit", "maxDuration", "minDuration"]);
    expect(() => toApiQuery(bad, NOW)).toThrow(/not a duration|key=value|limit/);
  });

  it("refuses a custom range that ends before it starts", () => {
    const backwards: SearchQuery = { ...EMPTY_SEARCH_QUERY, timeRange: { kind: "custom", start: "2026-11-24T11:00:00Z", end: "2026-11-24T10:00:00Z" } };
    expect(checkSearchQuery(backwards, NOW)).toMatchObject({ ok: false, errors: { timeRange: expect.stringContaining("before it starts") } });
  });
});
