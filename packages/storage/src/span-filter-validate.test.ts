import { describe, expect, it } from "vitest";
import { InvalidFilterError } from "./errors.js";
import { attribute, compare, intrinsic } from "./filter.js";
import type { SpanFilter } from "./filter.js";
import { compileFilterRegex, validateSpanFilter } from "./span-filter-validate.js";

const bad = (filter: unknown, message: RegExp) => {
  expect(() => validateSpanFilter(filter as SpanFilter)).toThrow(InvalidFilterError);
  expect(() => validateSpanFilter(filter as SpanFilter)).toThrow(message);
};

describe("validateSpanFilter", () => {
  it("accepts well-formed trees", () => {
    validateSpanFilter({ op: "and", filters: [] });
    validateSpanFilter({ op: "or", filters: [{ op: "not", filter: { op: "exists", field: attribute("", "span") } }] });
    validateSpanFilter(compare(intrinsic("duration"), ">", 1.5));
    validateSpanFilter(compare(intrinsic("status"), "!=", "ok"));
    validateSpanFilter(compare(attribute("x"), "<", "abc"));
    validateSpanFilter(compare(attribute("x"), "=", true));
  });

  it("refuses unknown nodes, fields and comparisons", () => {
    bad({ op: "xor", filters: [] }, /unknown filter op "xor"/);
    bad({ op: "and" }, /needs a filters array/);
    bad({ op: "not" }, /filter must be an object/);
    bad(null, /filter must be an object/);
    bad({ op: "exists", field: { type: "intrinsic", name: "colour" } }, /unknown intrinsic "colour"/);
    bad({ op: "exists", field: { type: "attribute", scope: "event", key: "k" } }, /unknown attribute scope "event"/);
    bad({ op: "exists", field: { type: "attribute", scope: "span", key: 5 } }, /attribute key must be a string/);
    bad({ op: "compare", field: intrinsic("name"), cmp: "==", value: "x" }, /unknown comparison "=="/);
    bad({ op: "compare", field: intrinsic("name"), cmp: "=", value: null }, /value must be/);
    bad({ op: "compare", field: intrinsic("name"), cmp: "=", value: [1] }, /value must be/);
    bad({ op: "and", filters: [{ op: 7n }] }, /unknown filter op 7/);
  });

  it("refuses values of the wrong type for an intrinsic", () => {
    bad(compare(intrinsic("duration"), ">", "1s"), /duration > needs a number of nanoseconds/);
    bad(compare(intrinsic("service"), "=", 1n), /service = needs a string/);
    bad(compare(intrinsic("status"), "=", "failed"), /needs one of unset, ok, error/);
    bad(compare(intrinsic("kind"), "=", "SERVER"), /needs one of unspecified, internal, server/);
    bad(compare(intrinsic("status"), "<", "error"), /supports only/);
  });

  it("refuses ordering on booleans and regexes without a compiling string", () => {
    bad(compare(attribute("b"), "<", true), /booleans support only = and !=/);
    bad(compare(attribute("b"), "=~", 5n), /needs a string regex/);
    bad(compare(intrinsic("duration"), "=~", "1.*"), /duration cannot be matched by regex/);
    bad(compare(attribute("s"), "=~", "[z-a]"), /does not compile/);
  });
});

describe("compileFilterRegex", () => {
  it("anchors on the whole value and refuses breaking out of the anchors", () => {
    expect(compileFilterRegex("ab|cd").test("abd")).toBe(false);
    expect(compileFilterRegex("ab|cd").test("cd")).toBe(true);
    expect(() => compileFilterRegex("a)|(b")).toThrow(InvalidFilterError);
  });

  it("accepts RE2's leading (?i) and (?s)", () => {
    expect(compileFilterRegex("(?i)abc").test("ABC")).toBe(true);
    expect(compileFilterRegex("a.b").test("a\nb")).toBe(false);
    expect(compileFilterRegex("(?s)a.b").test("a\nb")).toBe(true);
  });

  it("refuses lookaround and backreferences, but not escaped look-alikes", () => {
    for (const p of ["(?=a)a", "(?!a)b", "(?<=a)b", "(?<!a)b", "(a)\\1", "(?<n>a)\\k<n>"]) {
      expect(() => compileFilterRegex(p), p).toThrow(/lookaround or a backreference/);
    }
    expect(compileFilterRegex("\\(?=").test("(=")).toBe(true);
    expect(compileFilterRegex("[(?=]+").test("?=(")).toBe(true);
    expect(compileFilterRegex("\\\\1").test("\\1")).toBe(true);
  });
});

describe("compileFilterRegex RE2 escapes", () => {
  it("accepts escaped punctuation that JS's unicode mode would refuse", () => {
    expect(compileFilterRegex("a\\-b\\:c\\\"d").test('a-b:c"d')).toBe(true);
    expect(compileFilterRegex("[a\\-z]+").test("a-z")).toBe(true);
    expect(compileFilterRegex("[a\\-z]+").test("m")).toBe(false);
    expect(compileFilterRegex("\\\\d").test("\\d")).toBe(true);
    expect(compileFilterRegex("\\d+\\.\\d+").test("1.25")).toBe(true);
    expect(compileFilterRegex("\\d+\\.\\d+").test("1x25")).toBe(false);
  });
});
