import { describe, expect, it } from "vitest";
import { attributesParameter, parseAttributeFilter, parseAttributeValue } from "./search-attributes.js";

describe("parseAttributeValue", () => {
  it.each([
    ["true", true],
    ["false", false],
    ["500", 500],
    ["-1.5e3", -1500],
    ["0.25", 0.25],
    ['"500"', "500"],
    ['"true"', "true"],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"a"b"', 'a"b'],
    ["GET", "GET"],
    ["True", "True"],
    ["007", "007"],
    ["/checkout?x=1", "/checkout?x=1"],
    ["", ""],
  ])("%j → %j", (raw, expected) => {
    expect(parseAttributeValue(raw)).toStrictEqual(expected);
  });
});

describe("parseAttributeFilter", () => {
  it("splits on the first = and trims key and value", () => {
    expect(parseAttributeFilter(" http.route = /a=b ")).toEqual({ ok: true, key: "http.route", value: "/a=b" });
  });

  it("refuses text without = or without a key", () => {
    expect(parseAttributeFilter("http.route")).toMatchObject({ ok: false, error: expect.stringContaining("key=value") });
    expect(parseAttributeFilter("=5")).toMatchObject({ ok: false });
  });

  it("refuses integers JSON cannot carry exactly, suggesting quotes", () => {
    expect(parseAttributeFilter("id=12345678901234567890")).toMatchObject({ ok: false, error: expect.stringContaining('"12345678901234567890"') });
  });
});

describe("attributesParameter", () => {
  it("builds one JSON object with typed values, ignoring blank rows", () => {
    const result = attributesParameter(["http.status_code=500", " ", "cache.hit=true", 'code="500"']);
    expect(result).toEqual({ ok: true, json: '{"http.status_code":500,"cache.hit":true,"code":"500"}' });
  });

  it("is undefined when there is no filter", () => {
    expect(attributesParameter(["", "  "])).toEqual({ ok: true, json: undefined });
  });

  it("refuses the same key twice", () => {
    expect(attributesParameter(["a=1", "a=2"])).toMatchObject({ ok: false, error: expect.stringContaining('"a"') });
  });
});
