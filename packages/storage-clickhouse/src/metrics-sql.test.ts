import { SpanKind } from "@skein/model";
import { describe, expect, it } from "vitest";
import { minuteRangeConditions, serviceGraphSql, spanMetricsSql } from "./metrics-sql.js";
import { tableNames } from "./table-names.js";

const TABLES = tableNames("skein");
const T0 = Date.UTC(2024, 0, 10, 23);
const HOUR = 3_600_000;

describe("rollup SQL", () => {
  it("span metrics: windows, grouped fields, error split, filters, partition days", () => {
    expect(spanMetricsSql({ startUnixMs: T0, endUnixMs: T0 + 2 * HOUR, stepMs: 300_000, services: ["cart", "it's"], operation: "GET /", kinds: [SpanKind.SERVER, SpanKind.CLIENT], groupBy: { service: true, kind: true } }, TABLES)).toMatchSnapshot();
    expect(spanMetricsSql({ startUnixMs: T0, endUnixMs: T0 + HOUR, stepMs: 60_000, groupBy: {} }, TABLES)).toMatchSnapshot();
  });

  it("service graph: summed over the range", () => {
    expect(serviceGraphSql({ startUnixMs: T0, endUnixMs: T0 + HOUR }, TABLES)).toMatchSnapshot();
  });

  it("minute ranges: end exclusive (its day only when a minute of it is in range), clamped, empty as 0", () => {
    const midnight = Date.UTC(2024, 0, 11);
    expect(minuteRangeConditions({ startUnixMs: T0, endUnixMs: midnight })).toContain("day <= toDate('2024-01-10')");
    expect(minuteRangeConditions({ startUnixMs: -5, endUnixMs: 60_000 })).toEqual([
      "minute_ms >= 0",
      "minute_ms < 60000",
      "intDiv(minute_ms, 3600000) >= 0",
      "intDiv(minute_ms, 3600000) <= 0",
      "day >= toDate('1970-01-01')",
      "day <= toDate('1970-01-01')",
    ]);
    // The hour of the last minute in range: an end on the hour leaves that hour out.
    expect(minuteRangeConditions({ startUnixMs: T0 + 59 * 60_000, endUnixMs: T0 + HOUR })).toContain(`intDiv(minute_ms, 3600000) <= ${(T0 + HOUR) / HOUR - 1}`);
    expect(minuteRangeConditions({ startUnixMs: T0 + 59 * 60_000, endUnixMs: T0 + HOUR })).toContain(`intDiv(minute_ms, 3600000) >= ${T0 / HOUR}`);
    expect(minuteRangeConditions({ startUnixMs: T0, endUnixMs: T0 })).toEqual(["0"]);
    expect(minuteRangeConditions({ startUnixMs: T0, endUnixMs: Number.NaN })).toEqual(["0"]);
    expect(minuteRangeConditions({ startUnixMs: 0, endUnixMs: Number.MAX_SAFE_INTEGER }).at(-1)).toBe("day <= toDate('2105-12-31')");
  });

  it("empty filter lists match nothing; a step must be a positive multiple of a minute", () => {
    expect(spanMetricsSql({ startUnixMs: T0, endUnixMs: T0 + HOUR, stepMs: 60_000, services: [], groupBy: {} }, TABLES)).toMatch(/AND 0\n/);
    expect(spanMetricsSql({ startUnixMs: T0, endUnixMs: T0 + HOUR, stepMs: 60_000, kinds: [], groupBy: {} }, TABLES)).toMatch(/AND 0\n/);
    for (const stepMs of [0, -60_000, 30_000, 90_000, Number.NaN]) expect(() => spanMetricsSql({ startUnixMs: T0, endUnixMs: T0 + HOUR, stepMs, groupBy: {} }, TABLES)).toThrow(RangeError);
  });
});
