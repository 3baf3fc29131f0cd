import { describe, expect, it } from "vitest";
import { chString, chUInt, parseJsonEachRow, traceIdHalves } from "./clickhouse-direct.js";

describe("bench SQL literals for ClickHouse", () => {
  it("quotes strings, escaping backslash before quote", () => {
    expect(chString("frontend")).toBe("'frontend'");
    expect(chString("it's")).toBe("'it\\'s'");
    expect(chString("a\\'b")).toBe("'a\\\\\\'b'");
  });

  it("writes unsigned 64-bit integers exactly and refuses anything else", () => {
    expect(chUInt(18_446_744_073_709_551_615n)).toBe("18446744073709551615");
    expect(chUInt(10_000_000)).toBe("10000000");
    expect(() => chUInt(-1)).toThrow(RangeError);
    expect(() => chUInt(1n << 64n)).toThrow(RangeError);
    expect(() => chUInt(1.5)).toThrow(RangeError);
  });

  it("splits a trace id into big-endian UInt64 halves", () => {
    expect(traceIdHalves("0000000000000001ffffffffffffffff")).toEqual({ hi: "1", lo: "18446744073709551615" });
    expect(() => traceIdHalves("0000000000000001FFFFFFFFFFFFFFFF")).toThrow(RangeError);
    expect(() => traceIdHalves("abc")).toThrow(RangeError);
  });

  it("parses JSONEachRow output, ignoring the trailing newline", () => {
    expect(parseJsonEachRow('{"a":"1"}\n{"a":"2"}\n')).toEqual([{ a: "1" }, { a: "2" }]);
    expect(parseJsonEachRow("")).toEqual([]);
  });
});
