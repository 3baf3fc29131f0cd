import { everyValueType } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { attributeValueFromText, attributeValueText, decodeAttributeArrays, encodeAttributeArrays } from "./attribute-arrays.js";
import { AttributeType } from "./attribute-types.js";

describe("attribute arrays", () => {
  it.each([
    ["plain", "plain", AttributeType.STRING],
    ["", "", AttributeType.STRING],
    [true, "true", AttributeType.BOOL],
    [false, "false", AttributeType.BOOL],
    [-9_223_372_036_854_775_808n, "-9223372036854775808", AttributeType.INT],
    [9_223_372_036_854_775_807n, "9223372036854775807", AttributeType.INT],
    [0.1, "0.1", AttributeType.DOUBLE],
    [1, "1", AttributeType.DOUBLE],
    [-0, "-0", AttributeType.DOUBLE],
    [1.5e300, "1.5e+300", AttributeType.DOUBLE],
    [5e-324, "5e-324", AttributeType.DOUBLE],
    [NaN, "nan", AttributeType.DOUBLE],
    [Infinity, "inf", AttributeType.DOUBLE],
    [-Infinity, "-inf", AttributeType.DOUBLE],
    [new Uint8Array([0, 1, 255]), "AAH/", AttributeType.BYTES],
    [new Uint8Array(0), "", AttributeType.BYTES],
    [["a", 1n], '{"a":["a",1]}', AttributeType.ARRAY],
    [[], '{"a":[]}', AttributeType.ARRAY],
    [{ k: 2.5 }, '{"k":{"k":{"d":2.5}}}', AttributeType.KVLIST],
    [null, "", AttributeType.EMPTY],
  ] as const)("%s is stored as the text %j with its type code", (value, text, type) => {
    expect(attributeValueText(value)).toEqual([type, text]);
    expect(attributeValueFromText(type, text)).toEqual(value);
    if (typeof value === "number") expect(Object.is(attributeValueFromText(type, text), value)).toBe(true);
  });

  it("round-trips every value type, keys included, through the JSON array columns", () => {
    const attributes = everyValueType();
    const json = encodeAttributeArrays(attributes);
    const decoded = decodeAttributeArrays(JSON.parse(json.keys), JSON.parse(json.types), JSON.parse(json.values));
    expect(decoded).toEqual(attributes);
    expect(Object.keys(decoded)).toEqual(Object.keys(attributes));
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Object.hasOwn(decoded, "__proto__")).toBe(true);
  });

  it("makes keys and string values well-formed (lone surrogates → U+FFFD), keeping NUL", () => {
    const json = encodeAttributeArrays({ "k\ud800": "v\udc00x", nul: "a\u0000b" });
    expect(JSON.parse(json.keys)).toEqual(["k\ufffd", "nul"]);
    expect(JSON.parse(json.values)).toEqual(["v\ufffdx", "a\u0000b"]);
    expect(json.keys + json.values).not.toMatch(/\\ud[89a-f]/i);
  });

  it("empty attributes are empty arrays", () => {
    expect(encodeAttributeArrays({})).toEqual({ keys: "[]", types: "[]", values: "[]" });
  });

  it("refuses an unknown type code instead of guessing", () => {
    expect(() => attributeValueFromText(42, "x")).toThrow(/unknown attribute type code 42/);
  });
});
