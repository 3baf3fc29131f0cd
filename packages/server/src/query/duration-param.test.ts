import { describe, expect, it } from "vitest";
import { parseDurationParam } from "./duration-param.js";

describe("parseDurationParam", () => {
  it.each([
    ["10ns", 10n],
    ["100us", 100_000n],
    ["100µs", 100_000n],
    ["250ms", 250_000_000n],
    ["1.5s", 1_500_000_000n],
    ["2m", 120_000_000_000n],
    ["1h", 3_600_000_000_000n],
    ["1m30s", 90_000_000_000n],
    ["0.000000001s", 1n],
    ["1.5ns", 1n],
    ["0ms", 0n],
    ["9223372036854775807ns", 9_223_372_036_854_775_807n],
  ])("%s → %s ns", (text, nanos) => {
    expect(parseDurationParam("minDuration", text)).toBe(nanos);
  });

  it.each(["", "250", "1.5", "ms", "-5ms", "1e3ms", "5 ms", "5MS", "5d", "1.s", ".5s", "5ms;DROP", "9223372036854775808ns", "999999999999h"])(
    "refuses %j naming the parameter",
    (text) => {
      expect(() => parseDurationParam("maxDuration", text)).toThrow(expect.objectContaining({ code: "SKEIN_ERR_INVALID_PARAMETER", message: expect.stringContaining("maxDuration") }));
    },
  );
});
