import { describe, expect, it } from "vitest";
import { parseCount } from "./parse-count.js";

describe("parseCount", () => {
  it.each([
    ["1000000", 1_000_000], ["1e6", 1_000_000], ["1_000_000", 1_000_000], ["1,000,000", 1_000_000],
    ["50k", 50_000], ["1M", 1_000_000], ["2.5m", 2_500_000], ["4", 4],
  ])("reads %s", (text, n) => expect(parseCount(text)).toBe(n));

  it.each(["", "0", "-5", "ten", "5x"])("refuses %j", (text) => expect(() => parseCount(text)).toThrow(/positive count/));
});
