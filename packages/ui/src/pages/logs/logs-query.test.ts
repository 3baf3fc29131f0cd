import { describe, expect, it } from "vitest";
import { EMPTY_LOGS_QUERY, readLogsQuery, spanIdProblem, toApiLogsQuery, traceIdProblem, writeLogsQuery, type LogsQueryState } from "./logs-query.js";

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const TRACE = "0af7651916cd43dd8448eb211c80319c";

describe("logs query ↔ URL", () => {
  it("round-trips every field", () => {
    const state: LogsQueryState = {
      q: "payment declined & co",
      service: "checkout",
      minSeverity: "WARN",
      traceId: TRACE,
      spanId: "00f067aa0ba902b7",
      range: { kind: "custom", start: "2026-11-24T10:00:00.000Z", end: "2026-11-24T11:00:00.000Z" },
      limit: 1000,
    };
    const params = writeLogsQuery(state);
    expect(readLogsQuery(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it("writes only what is set, in a fixed order", () => {
    expect(writeLogsQuery(EMPTY_LOGS_QUERY).toString()).toBe("range=1h");
    expect(writeLogsQuery({ ...EMPTY_LOGS_QUERY, q: "a b", minSeverity: "ERROR", limit: 5000 }).toString()).toBe("q=a+b&minSeverity=ERROR&range=1h&limit=5000");
  });

  it("falls back to defaults for unreadable values", () => {
    const state = readLogsQuery(new URLSearchParams("minSeverity=loud&limit=7&range=2y"));
    expect(state).toEqual(EMPTY_LOGS_QUERY);
    expect(readLogsQuery(new URLSearchParams("minSeverity=error")).minSeverity).toBe("ERROR");
  });
});

describe("toApiLogsQuery", () => {
  it("sends the filters and the preset window in unix ms", () => {
    const state: LogsQueryState = { ...EMPTY_LOGS_QUERY, q: "timeout", service: "api", minSeverity: "INFO", range: { kind: "preset", preset: "15m" } };
    expect(toApiLogsQuery(state, NOW)).toEqual({ q: "timeout", service: "api", minSeverity: "INFO", start: String(NOW - 15 * 60_000), end: String(NOW), limit: "100" });
  });

  it("omits the window for a trace id with a preset range, so the API searches all time", () => {
    const query = toApiLogsQuery({ ...EMPTY_LOGS_QUERY, traceId: ` ${TRACE.toUpperCase()} `, spanId: "00F067AA0BA902B7" }, NOW);
    expect(query).toEqual({ traceId: TRACE, spanId: "00f067aa0ba902b7", limit: "100" });
    expect(query.start).toBeUndefined();
  });

  it("keeps a custom range even with a trace id", () => {
    const range = { kind: "custom", start: "2026-11-24T10:00:00.000Z", end: "2026-11-24T11:00:00.000Z" } as const;
    expect(toApiLogsQuery({ ...EMPTY_LOGS_QUERY, traceId: TRACE, range }, NOW)).toMatchObject({ traceId: TRACE, start: String(Date.parse(range.start)), end: String(Date.parse(range.end)) });
  });

  it("refuses a custom range that ends before it starts", () => {
    const range = { kind: "custom", start: "2026-11-24T11:00:00.000Z", end: "2026-11-24T10:00:00.000Z" } as const;
    expect(() => toApiLogsQuery({ ...EMPTY_LOGS_QUERY, range }, NOW)).toThrow(/ends before it starts/);
  });
});

describe("id checks", () => {
  it.each([
    ["", undefined],
    [TRACE, undefined],
    ["ABC123", undefined],
    [" 4bf9 ", undefined],
    ["xyz", /hexadecimal/],
    ["' OR 1=1", /hexadecimal/],
    ["a".repeat(33), /at most 32/],
    ["0000", /all-zero/],
  ])("trace id %j", (text, expected) => {
    const problem = traceIdProblem(text);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  it("span ids are exactly 16 hex", () => {
    expect(spanIdProblem("00f067aa0ba902b7")).toBeUndefined();
    expect(spanIdProblem("00f067aa")).toMatch(/16 hex/);
    expect(spanIdProblem("0".repeat(16))).toMatch(/16 hex/);
  });
});
