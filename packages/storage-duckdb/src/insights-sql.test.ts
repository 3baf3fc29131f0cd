import { compare, intrinsic } from "@skein/storage";
import { describe, expect, it } from "vitest";
import { alertEventsSql } from "./alert-sql.js";
import { serviceGraphSql, spanMetricsSql } from "./metrics-sql.js";
import { spanHistogramSql } from "./span-histogram-sql.js";

const HOSTILE = "cart'); DROP TABLE spans; --";

describe("insights SQL", () => {
  it("span metrics: every value is a parameter; ungrouped fields are NULL", () => {
    const { sql, params } = spanMetricsSql({
      startUnixMs: 60_000,
      endUnixMs: 180_000.5,
      stepMs: 120_000,
      services: [HOSTILE, "web"],
      operation: HOSTILE,
      kinds: [2, 3],
      groupBy: { service: true },
    });
    expect(sql).toMatchSnapshot();
    expect(sql).not.toContain("DROP");
    expect(params.values).toEqual([120_000n, 60_000n, 180_001n, HOSTILE, "web", HOSTILE, 2, 3]);
  });

  it("span metrics: an empty service list matches nothing; a bad step is refused", () => {
    expect(spanMetricsSql({ startUnixMs: 0, endUnixMs: 1, stepMs: 60_000, services: [], groupBy: {} }).sql).toContain("AND FALSE");
    expect(() => spanMetricsSql({ startUnixMs: 0, endUnixMs: 1, stepMs: 90_000, groupBy: {} })).toThrow(RangeError);
    expect(() => spanMetricsSql({ startUnixMs: 0, endUnixMs: 1, stepMs: 0, groupBy: {} })).toThrow(RangeError);
  });

  it("service graph: minute range as parameters, infinite bounds clamped", () => {
    const { sql, params } = serviceGraphSql({ startUnixMs: -Infinity, endUnixMs: Infinity });
    expect(sql).toMatchSnapshot();
    expect(params.values).toEqual([-(2n ** 62n), 2n ** 62n]);
  });

  it("span histogram: filter, range, step, bounds and exemplar count are parameters", () => {
    const { sql, params } = spanHistogramSql({
      spanFilter: compare(intrinsic("service"), "=", HOSTILE),
      startTimeMinUnixNano: 1n,
      startTimeMaxUnixNano: 2n,
      stepNano: 60_000_000_000n,
      exemplars: 99,
    });
    expect(sql).toMatchSnapshot();
    expect(sql).not.toContain("DROP");
    expect(params.values.slice(0, 4)).toEqual([HOSTILE, 1n, 2n, 60_000_000_000n]);
    expect(params.values.at(-1)).toBe(10n); // exemplars clamped to the port's maximum
  });

  it("span histogram: no step means one window at 0; no exemplars asked, none selected", () => {
    const { sql } = spanHistogramSql({ exemplars: 0 });
    expect(sql).toContain("0::UBIGINT AS window_start");
    expect(sql).toContain("NULL AS exemplars");
    expect(() => spanHistogramSql({ stepNano: -1n, exemplars: 0 })).toThrow(RangeError);
  });

  it("alert events: newest first, ties by id descending, conditions as parameters", () => {
    const { sql, params } = alertEventsSql({ ruleId: HOSTILE, startUnixMs: 1.5, endUnixMs: 9.5, limit: 3 });
    expect(sql).toMatchSnapshot();
    expect(params.values).toEqual([HOSTILE, 2n, 9n, 3n]);
  });
});
