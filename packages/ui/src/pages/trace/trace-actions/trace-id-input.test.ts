import { describe, expect, it } from "vitest";
import { compareHref, parseTraceIdInput } from "./trace-id-input.js";

const ID = "0af7651916cd43dd8448eb211c80319c";

describe("parseTraceIdInput", () => {
  it("takes an id in any case, trimmed", () => {
    expect(parseTraceIdInput(`  ${ID.toUpperCase()} `)).toBe(ID);
    expect(parseTraceIdInput("abc")).toBe("abc");
  });

  it("takes the id out of a pasted trace URL", () => {
    expect(parseTraceIdInput(`http://localhost:16686/trace/${ID}?span=00f067aa0ba902b7`)).toBe(ID);
    expect(parseTraceIdInput(`/trace/${ID}`)).toBe(ID);
  });

  it("refuses what the API would refuse", () => {
    expect(parseTraceIdInput("")).toBeUndefined();
    expect(parseTraceIdInput("xyz")).toBeUndefined();
    expect(parseTraceIdInput("0".repeat(32))).toBeUndefined();
    expect(parseTraceIdInput("a".repeat(33))).toBeUndefined();
    expect(parseTraceIdInput("/trace/not-hex")).toBeUndefined();
  });
});

describe("compareHref", () => {
  it("puts a then b in the query", () => {
    expect(compareHref("aa", "bb")).toBe("/compare?a=aa&b=bb");
  });
});
