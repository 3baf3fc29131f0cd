import { attribute, compare, intrinsic } from "@skein/storage";
import { describe, expect, it } from "vitest";
import { buildTraceQuery } from "./trace-search-query.js";

const NOW = 10n * 3_600_000_000_000n;
const HOUR = 3_600_000_000_000n;

describe("buildTraceQuery", () => {
  it("without parameters: no filter, the last hour, limit 20", () => {
    expect(buildTraceQuery({}, NOW)).toEqual({ startTimeMinUnixNano: NOW - HOUR, startTimeMaxUnixNano: NOW, limit: 20 });
  });

  it("puts every span-level condition in ONE and-filter (same-span semantics)", () => {
    const query = buildTraceQuery(
      { service: "svc", operation: "op", attributes: '{"k":"v","n":5}', minDuration: "1ms", maxDuration: "2s", status: "error", kind: "server", limit: "7" },
      NOW,
    );
    expect(query.limit).toBe(7);
    expect(query.spanFilter).toEqual({
      op: "and",
      filters: [
        compare(intrinsic("service"), "=", "svc"),
        compare(intrinsic("name"), "=", "op"),
        compare(attribute("k", "any"), "=", "v"),
        compare(attribute("n", "any"), "=", 5n),
        compare(intrinsic("duration"), ">=", 1_000_000n),
        compare(intrinsic("duration"), "<=", 2_000_000_000n),
        compare(intrinsic("status"), "=", "error"),
        compare(intrinsic("kind"), "=", "server"),
      ],
    });
  });

  it("uses a single condition without an and-node", () => {
    expect(buildTraceQuery({ service: "svc" }, NOW).spanFilter).toEqual(compare(intrinsic("service"), "=", "svc"));
  });

  it("filters by span kind alone", () => {
    expect(buildTraceQuery({ kind: "client" }, NOW).spanFilter).toEqual(compare(intrinsic("kind"), "=", "client"));
  });

  it("refuses minDuration above maxDuration", () => {
    expect(() => buildTraceQuery({ minDuration: "2s", maxDuration: "1s" }, NOW)).toThrow(expect.objectContaining({ code: "SKEIN_ERR_INVALID_PARAMETER" }));
  });
});
