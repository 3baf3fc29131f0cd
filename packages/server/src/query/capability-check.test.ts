import type { SpanFilter } from "@skein/storage";
import { and, attribute, compare, intrinsic } from "@skein/storage";
import { describe, expect, it } from "vitest";
import { assertStorageCanEvaluate, requiredCapabilities } from "./capability-check.js";

const byService = compare(intrinsic("service"), "=", "a");
const byAttribute = compare(attribute("k"), "=", "v");
const regex = compare(intrinsic("name"), "=~", "GET .*");
const or: SpanFilter = { op: "or", filters: [byService, { op: "not", filter: { op: "exists", field: attribute("x", "span") } }] };

describe("requiredCapabilities", () => {
  it("needs nothing for intrinsic comparisons", () => {
    expect(requiredCapabilities(undefined)).toEqual([]);
    expect(requiredCapabilities(and(byService, compare(intrinsic("duration"), ">", 5n)))).toEqual([]);
  });

  it("finds attribute, regex and boolean needs anywhere in the tree", () => {
    expect(requiredCapabilities(and(byService, byAttribute))).toEqual(["attributeFilters"]);
    expect(requiredCapabilities(and(regex))).toEqual(["regex"]);
    expect(requiredCapabilities(or)).toEqual(["attributeFilters", "booleanFilters"]);
  });
});

describe("assertStorageCanEvaluate", () => {
  it("passes when the adapter declares what the filter needs", () => {
    expect(() => assertStorageCanEvaluate({ kind: "x", capabilities: { attributeFilters: true } }, and(byService, byAttribute))).not.toThrow();
  });

  it("refuses with UnsupportedQueryError naming what is missing (absent = unsupported)", () => {
    expect(() => assertStorageCanEvaluate({ kind: "clickhouse", capabilities: { attributeFilters: true, regex: false } }, and(byAttribute, regex))).toThrow(
      expect.objectContaining({ code: "SKEIN_ERR_UNSUPPORTED_QUERY", message: expect.stringMatching(/clickhouse.*regular-expression/) }),
    );
    expect(() => assertStorageCanEvaluate({ kind: "x", capabilities: {} }, or)).toThrow(expect.objectContaining({ message: expect.stringContaining("or / not") }));
  });
});
