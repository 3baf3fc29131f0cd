import { describe, expect, it } from "vitest";
import { doubleAt, doubleCompareSql, doubleIndex, integerCompareSql, neighbourDoubles } from "./filter-numbers.js";

// Exactness against the reference on a real server: filter-compiler.test.ts.
describe("filter numbers", () => {
  it("folds integer literals beyond the column's range", () => {
    expect(integerCompareSql("x", "<", 2n ** 63n, -(2n ** 63n), 2n ** 63n - 1n)).toBe("1");
    expect(integerCompareSql("x", ">=", 2n ** 63n, -(2n ** 63n), 2n ** 63n - 1n)).toBe("0");
    expect(integerCompareSql("x", "!=", -1n, 0n, 10n)).toBe("1");
    expect(integerCompareSql("x", "=", -1n, 0n, 10n)).toBe("0");
    expect(integerCompareSql("x", "<=", -5n, -(2n ** 63n), 10n)).toBe("x <= (-5)");
  });

  it("indexes doubles consecutively, both zeros at 0, clamped at the infinities", () => {
    expect(doubleIndex(0)).toBe(0n);
    expect(doubleIndex(-0)).toBe(0n);
    expect(doubleIndex(Number.MIN_VALUE)).toBe(1n);
    expect(doubleIndex(-Number.MIN_VALUE)).toBe(-1n);
    expect(doubleAt(doubleIndex(Number.MAX_VALUE) + 1n)).toBe(Infinity);
    expect(doubleAt(doubleIndex(-Infinity) - 5n)).toBe(-Infinity);
    expect(doubleAt(doubleIndex(1) + 1n)).toBe(1 + Number.EPSILON);
  });

  it("places a bigint between its neighbouring doubles unless one equals it", () => {
    expect(neighbourDoubles(2n ** 53n)).toBe(2 ** 53);
    expect(neighbourDoubles(2n ** 53n + 1n)).toEqual({ below: 2 ** 53, above: 2 ** 53 + 2 });
    expect(neighbourDoubles(-(2n ** 53n) - 1n)).toEqual({ below: -(2 ** 53) - 2, above: -(2 ** 53) });
    expect(neighbourDoubles(2n ** 1024n)).toEqual({ below: Number.MAX_VALUE, above: Infinity });
  });

  it("compares doubles by text for equality and by parse plus nearby texts for order", () => {
    expect(doubleCompareSql("t", "=", 0)).toBe("t IN ('0', '-0')");
    expect(doubleCompareSql("t", "!=", Infinity)).toBe("t NOT IN ('inf')");
    expect(doubleCompareSql("t", ">", Number.MAX_VALUE)).toBe("(toFloat64OrZero(t) > inf OR t IN ('inf'))");
    expect(doubleCompareSql("t", "<", -Infinity)).toBe("(toFloat64OrZero(t) < (-inf) OR t IN (''))");
    expect(() => doubleCompareSql("t", "=", Number.NaN)).toThrow(RangeError);
  });
});
