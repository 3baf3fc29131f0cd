import { describe, expect, it } from "vitest";
import { parseAttributesParam } from "./attributes-param.js";

describe("parseAttributesParam", () => {
  it("keeps each JSON type: strings, ints as bigint, doubles, booleans", () => {
    expect(parseAttributesParam('{"http.method":"GET","code":500,"ratio":0.5,"ok":true,"neg":-3}')).toEqual([
      ["http.method", "GET"],
      ["code", 500n],
      ["ratio", 0.5],
      ["ok", true],
      ["neg", -3n],
    ]);
  });

  it("keeps hostile keys and values as plain data", () => {
    expect(parseAttributesParam('{"__proto__":"x","a\'; DROP TABLE spans; --":"\' OR 1=1"}')).toEqual([
      ["__proto__", "x"],
      ["a'; DROP TABLE spans; --", "' OR 1=1"],
    ]);
  });

  it("accepts an empty object", () => {
    expect(parseAttributesParam("{}")).toEqual([]);
  });

  it.each([
    ["not JSON", "{http.method:GET}"],
    ["an array", '["a"]'],
    ["a string", '"a"'],
    ["null", "null"],
    ["a nested object", '{"a":{"b":1}}'],
    ["an array value", '{"a":[1]}'],
    ["a null value", '{"a":null}'],
    ["an unsafe integer", '{"a":99999999999999999999}'],
    ["an infinite number", '{"a":1e400}'],
    ["an empty key", '{"":"x"}'],
    ["too many keys", JSON.stringify(Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])))],
  ])("refuses %s", (_what, text) => {
    expect(() => parseAttributesParam(text)).toThrow(expect.objectContaining({ code: "SKEIN_ERR_INVALID_PARAMETER", message: expect.stringMatching(/attribute/) }));
  });
});
