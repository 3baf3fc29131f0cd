import { describe, expect, it } from "vitest";
import { parseServerVersion } from "./server-version.js";

describe("server version and features", () => {
  it("18.16 (Debian's) has none of the optional features", () => {
    const v = parseServerVersion("18.16.1\n");
    expect(v).toMatchObject({ text: "18.16.1", major: 18, minor: 16 });
    expect(Object.values(v.features).every((on) => !on)).toBe(true);
  });

  it("features switch on at their release", () => {
    expect(parseServerVersion("19.1.6").features).toEqual({ codecs: true, lowCardinality: false, ttl: false, skipIndexes: false, queryParameters: false });
    expect(parseServerVersion("19.11.3.11").features).toEqual({ codecs: true, lowCardinality: true, ttl: true, skipIndexes: false, queryParameters: true });
    expect(parseServerVersion("24.8.4.13").features).toEqual({ codecs: true, lowCardinality: true, ttl: true, skipIndexes: true, queryParameters: true });
  });

  it("an unparsable version counts as the oldest", () => {
    expect(parseServerVersion("custom-build")).toMatchObject({ major: 0, minor: 0, features: { codecs: false } });
  });
});
