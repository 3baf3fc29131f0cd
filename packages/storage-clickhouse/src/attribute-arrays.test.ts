import type { AnyValue } from "@skein/model";
import { attrs, everyValueType } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { attributeValueFromText, attributeValueText, decodeAttributeArrays, encodeAttributeArrays } from "./attribute-arrays.js";
import { AttributeType } from "./attribute-types.js";
import { sqlLiteral } from "./sql-literal.js";
import { tsvStringValue } from "./tsv-text.js";

/** The elements of an Array field (`['…','…']` or `[1,2]`); a string element read as ClickHouse does (tsv-text.test.ts checks the escapes). */
function elements(field: string): string[] {
  expect(field).toMatch(/^\[.*\]$/s);
  return [...field.slice(1, -1).matchAll(/'((?:[^'\\]|\\.)*)'|(\d+)/gs)].map((m) => (m[2] ?? tsvStringValue(m[1]!)));
}

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
    expect(attributeValueText(value as AnyValue)).toEqual([type, text]);
    expect(attributeValueFromText(type, text)).toEqual(value);
    if (typeof value === "number") expect(Object.is(attributeValueFromText(type, text), value)).toBe(true);
  });

  it("round-trips every value type, keys included, through the array fields", () => {
    const attributes = everyValueType();
    const fields = encodeAttributeArrays(attributes);
    const decoded = decodeAttributeArrays(elements(fields.keys), elements(fields.types).map(Number), elements(fields.values));
    expect(decoded).toEqual(attributes);
    expect(Object.keys(decoded)).toEqual(Object.keys(attributes));
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Object.hasOwn(decoded, "__proto__")).toBe(true);
  });

  it("writes Array fields of sqlLiteral-quoted strings and decimal type codes, in key order", () => {
    const fields = encodeAttributeArrays(attrs({ "a'b": "c\\d", n: 3n, t: "x\ty\nz" }));
    expect(fields).toEqual({
      keys: `[${sqlLiteral("a'b")},'n','t']`,
      types: `[${AttributeType.STRING},${AttributeType.INT},${AttributeType.STRING}]`,
      values: `[${sqlLiteral("c\\d")},'3',${sqlLiteral("x\ty\nz")}]`,
    });
    expect(fields.values).not.toMatch(/[\t\n]/);
  });

  it("makes keys and string values well-formed (lone surrogates → U+FFFD), keeping NUL", () => {
    const fields = encodeAttributeArrays(attrs({ "k\ud800": "v\udc00x", nul: "a\u0000b" }));
    expect(elements(fields.keys)).toEqual(["k\ufffd", "nul"]);
    expect(elements(fields.values)).toEqual(["v\ufffdx", "a\u0000b"]);
  });

  it("empty attributes are empty arrays", () => {
    expect(encodeAttributeArrays({})).toEqual({ keys: "[]", types: "[]", values: "[]" });
  });

  it("refuses an unknown type code instead of guessing", () => {
    expect(() => attributeValueFromText(42, "x")).toThrow(/unknown attribute type code 42/);
  });
});
