import { describe, expect, it } from "vitest";
import { parseApiDuration } from "./api-duration.js";

describe("parseApiDuration", () => {
  it("reads every unit, fractions and compounds exactly", () => {
    expect(parseApiDuration("10ns")).toBe(10n);
    expect(parseApiDuration("100us")).toBe(100_000n);
    expect(parseApiDuration("100µs")).toBe(100_000n);
    expect(parseApiDuration("250ms")).toBe(250_000_000n);
    expect(parseApiDuration("1.5s")).toBe(1_500_000_000n);
    expect(parseApiDuration("1m30s")).toBe(90_000_000_000n);
    expect(parseApiDuration("2h")).toBe(7_200_000_000_000n);
    expect(parseApiDuration("1.0000000005s")).toBe(1_000_000_000n);
  });

  it("is undefined for text the API would refuse", () => {
    for (const text of ["", "250", "1.5", "2 sec", "ms", "1s ", "-1s"]) expect(parseApiDuration(text)).toBeUndefined();
  });
});
