import { describe, expect, it } from "vitest";
import { formatByteSize, parseByteSize } from "./byte-size.js";

describe("parseByteSize", () => {
  it.each([
    ["1GiB", 2 ** 30],
    ["512MiB", 512 * 2 ** 20],
    ["512MB", 512e6],
    ["512 mib", 512 * 2 ** 20],
    ["1.5KiB", 1536],
    ["4096", 4096],
    ["10B", 10],
  ])("%s is %d bytes", (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(["", "MiB", "-1", "12 parsecs", "1e3", "99999999999TiB"])("refuses %j", (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });
});

describe("formatByteSize", () => {
  it("uses the largest exact binary unit", () => {
    expect(formatByteSize(16 * 2 ** 20)).toBe("16MiB");
    expect(formatByteSize(2 ** 30)).toBe("1GiB");
    expect(formatByteSize(1500)).toBe("1500B");
  });
});
