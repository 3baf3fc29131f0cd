import { describe, expect, it } from "vitest";
import { logBodyText, logTime } from "./log-text.js";

describe("logBodyText", () => {
  it("shows a string as-is and nothing for no body", () => {
    expect(logBodyText("line 1\n  <b>x</b>")).toBe("line 1\n  <b>x</b>");
    expect(logBodyText(null)).toBe("");
    expect(logBodyText(undefined)).toBe("");
    expect(logBodyText("")).toBe("");
  });

  it("pretty-prints structured bodies with 2 spaces", () => {
    expect(logBodyText({ a: 1, b: [true, null] })).toBe('{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}');
    expect(logBodyText(42)).toBe("42");
    expect(logBodyText(false)).toBe("false");
  });
});

describe("logTime", () => {
  it("uses the event time, or the observed time when the event time is unknown", () => {
    expect(logTime({ timeUnixNano: "1700000000000000001", observedTimeUnixNano: "1700000000000000009" })).toBe("1700000000000000001");
    expect(logTime({ timeUnixNano: "0", observedTimeUnixNano: "1700000000000000009" })).toBe("1700000000000000009");
    expect(logTime({ timeUnixNano: "0", observedTimeUnixNano: "0" })).toBe("0");
  });
});
