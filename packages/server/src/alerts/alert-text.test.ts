import { describe, expect, it } from "vitest";
import { alertText, escapeSlack, formatNanos, formatNumber, truncate, type AlertTextInput } from "./alert-text.js";

const traceA = "0af7651916cd43dd8448eb211c80319c";
const traceB = "1bf7651916cd43dd8448eb211c80319c";

function input(overrides: Partial<AlertTextInput> = {}): AlertTextInput {
  return {
    rule: { name: "checkout errors", service: "checkout", operation: "POST /pay", condition: { type: "error-rate", thresholdPercent: 5 }, window: "5m" },
    state: "firing",
    value: 12.5,
    threshold: 5,
    count: 40,
    exemplars: [
      { traceId: traceA, url: `http://skein:16686/trace/${traceA}`, errorLogs: [{ timeUnixNano: "1", severityText: "ERROR", body: "card\n  declined", spanId: null }] },
      { traceId: traceB, url: `http://skein:16686/trace/${traceB}`, errorLogs: [] },
    ],
    ruleUrl: "http://skein:16686/alerts",
    ...overrides,
  };
}

describe("alertText", () => {
  it("says what fired, by how much, over which window, with linked exemplars and their error logs", () => {
    expect(alertText(input())).toBe(
      [
        ":rotating_light: *FIRING*: checkout errors",
        "checkout · POST /pay: error rate 12.5% > 5% over the last 5m (40 requests)",
        "Exemplar traces:",
        `• <http://skein:16686/trace/${traceA}|0af7651916cd43dd> ERROR: card declined`,
        `• <http://skein:16686/trace/${traceB}|1bf7651916cd43dd>`,
        "<http://skein:16686/alerts|Alert rules in Skein>",
      ].join("\n"),
    );
  });

  it("words a resolved latency alert for every operation", () => {
    const text = alertText(
      input({
        rule: { name: "slow", service: "api", operation: null, condition: { type: "latency", percentile: 99.9, threshold: "500ms" }, window: "1h" },
        state: "resolved",
        value: 212_345_678,
        threshold: 500_000_000,
        count: 1234.5,
        exemplars: [],
      }),
    );
    expect(text.split("\n")).toEqual([
      ":white_check_mark: *RESOLVED*: slow",
      "api · all operations: p99.9 latency 212ms ≤ 500ms over the last 1h (1234.5 requests)",
      "No exemplar traces stored for this window.",
      "<http://skein:16686/alerts|Alert rules in Skein>",
    ]);
  });

  it("escapes user strings so they cannot add links or mentions", () => {
    const text = alertText(input({ rule: { ...input().rule, name: "<!channel> & <http://evil|click>", service: "a>b" } }));
    expect(text).toContain("*FIRING*: &lt;!channel&gt; &amp; &lt;http://evil|click&gt;");
    expect(text).toContain("a&gt;b · POST /pay");
    expect(text).not.toContain("<!channel>");
  });
});

describe("formatting helpers", () => {
  it("formats durations with a unit and 3 significant digits", () => {
    expect([850, 12_345, 250_000_000, 1_500_000_000, 150e9, 999].map(formatNanos)).toEqual(["850ns", "12.3µs", "250ms", "1.5s", "2.5m", "999ns"]);
  });
  it("formats numbers with at most two decimals", () => {
    expect([12.5, 1 / 3, 100, 0].map(formatNumber)).toEqual(["12.5", "0.33", "100", "0"]);
  });
  it("escapes &, <, >", () => {
    expect(escapeSlack("a&b<c>d")).toBe("a&amp;b&lt;c&gt;d");
  });
  it("truncates by code point without splitting a surrogate pair", () => {
    expect(truncate("😀😀😀", 2)).toBe("😀…");
    expect(truncate("abc", 3)).toBe("abc");
  });
});
