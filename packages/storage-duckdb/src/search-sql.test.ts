import { compare, intrinsic } from "@skein/storage";
import { describe, expect, it } from "vitest";
import { logSearchSql } from "./log-search-sql.js";
import { traceSearchSql } from "./trace-search-sql.js";

describe("search SQL", () => {
  it("trace search: filter, time range and limit are parameters", () => {
    const { sql, params } = traceSearchSql({
      spanFilter: compare(intrinsic("service"), "=", "cart'--"),
      startTimeMinUnixNano: 1n,
      startTimeMaxUnixNano: 18_446_744_073_709_551_615n,
      limit: 20,
    });
    expect(sql).toMatchSnapshot();
    expect(params.values).toEqual(["cart'--", 1n, 18_446_744_073_709_551_615n, 20n]);
  });

  it("log search: every condition is a parameter; bodyContains is a literal substring", () => {
    const { sql, params } = logSearchSql({
      traceId: new Uint8Array(16).fill(1),
      service: "svc",
      minSeverity: 17,
      bodyContains: "50%_off",
      startTimeMinUnixNano: 5n,
      limit: 10,
    });
    expect(sql).toMatchSnapshot();
    expect(params.values.slice(1)).toEqual(["svc", 17, "50%_off", 5n, 10n]);
    expect(sql).not.toContain("LIKE");
  });
});
