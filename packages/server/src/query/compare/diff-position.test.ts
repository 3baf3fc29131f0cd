import { describe, expect, it } from "vitest";
import { durationStatus, pathSegment } from "./diff-position.js";

describe("durationStatus", () => {
  it("needs |b − a| above both 5 % of a and 100 µs", () => {
    expect(durationStatus(1_000_000n, 1_100_000n)).toBe("unchanged"); // exactly 100 µs
    expect(durationStatus(1_000_000n, 1_100_001n)).toBe("slower");
    expect(durationStatus(1_000_000n, 899_999n)).toBe("faster");
    expect(durationStatus(100_000_000n, 105_000_000n)).toBe("unchanged"); // exactly 5 %
    expect(durationStatus(100_000_000n, 105_000_001n)).toBe("slower");
    expect(durationStatus(100_000_000n, 94_999_999n)).toBe("faster");
    expect(durationStatus(0n, 100_000n)).toBe("unchanged");
    expect(durationStatus(0n, 100_001n)).toBe("slower");
    expect(durationStatus(7n, 7n)).toBe("unchanged");
  });
});

describe("pathSegment", () => {
  it("keeps ordinary names readable", () => {
    expect(pathSegment("frontend", "GET /cart/{id}", 2)).toBe("frontend/GET /cart/{id}#2");
  });

  it("escapes the delimiters so paths stay unambiguous", () => {
    expect(pathSegment("a/b>c%", "x#y > z%", 0)).toBe("a%2Fb%3Ec%25/x%23y %3E z%25#0");
  });
});
