import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlDate, sqlList, sqlLiteral, sqlUInt64 } from "./sql-literal.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { hostileString, prng } from "./testdata/hostile-strings.js";

describe("sqlLiteral (text)", () => {
  it("quotes strings and escapes backslash, quote and control characters", () => {
    expect(sqlLiteral("plain")).toBe("'plain'");
    expect(sqlLiteral("it's")).toBe("'it\\'s'");
    expect(sqlLiteral("C:\\temp")).toBe("'C:\\\\temp'");
    expect(sqlLiteral("a\nb\tc\rd")).toBe("'a\\nb\\tc\\rd'");
    expect(sqlLiteral("\u0000\u0001\u001f\u007f")).toBe("'\\x00\\x01\\x1f\\x7f'");
    expect(sqlLiteral("日本 🚀 é")).toBe("'日本 🚀 é'");
  });

  it("makes lone surrogates U+FFFD and keeps pairs", () => {
    expect(sqlLiteral("a\ud800b\udc00")).toBe("'a\ufffdb\ufffd'");
    expect(sqlLiteral("\ud83d\ude80")).toBe("'🚀'");
  });

  it("writes bigints as plain integers and refuses what ClickHouse would not read exactly", () => {
    expect(sqlLiteral(0n)).toBe("0");
    expect(sqlLiteral(18446744073709551615n)).toBe("18446744073709551615");
    expect(sqlLiteral(-9223372036854775808n)).toBe("(-9223372036854775808)");
    expect(() => sqlLiteral(18446744073709551616n)).toThrow(RangeError);
    expect(() => sqlLiteral(-9223372036854775809n)).toThrow(RangeError);
  });

  it("writes numbers as Float64 literals", () => {
    expect(sqlLiteral(5)).toBe("5.0");
    expect(sqlLiteral(-1.5)).toBe("(-1.5)");
    expect(sqlLiteral(1e21)).toBe("1e+21");
    expect(sqlLiteral(-0)).toBe("(-0.0)");
    expect(sqlLiteral(Number.NaN)).toBe("nan");
    expect(sqlLiteral(Infinity)).toBe("inf");
    expect(sqlLiteral(-Infinity)).toBe("(-inf)");
    expect(sqlLiteral(5e-324)).toBe("(9.113902524445497e-305 * 5.421010862427522e-20)");
  });

  it("writes booleans as 1 and 0", () => {
    expect([sqlLiteral(true), sqlLiteral(false)]).toEqual(["1", "0"]);
  });

  it("checks the typed helpers' input", () => {
    expect(sqlUInt64(7n)).toBe("7");
    expect(() => sqlUInt64(-1n)).toThrow(RangeError);
    expect(sqlDate("2024-02-29")).toBe("toDate('2024-02-29')");
    expect(sqlDate("1970-01-01")).toBe("toDate('1970-01-01')");
    for (const bad of ["2023-02-29", "2024-1-01", "2024-01-01' OR 1", "x", "1969-12-31", "2106-01-01"]) expect(() => sqlDate(bad), bad).toThrow(RangeError);
    expect(sqlList(["a", 1n])).toBe("'a', 1");
    expect(() => sqlList([])).toThrow(RangeError);
  });
});

function utf8Hex(s: string): string {
  return Buffer.from((s as unknown as { toWellFormed(): string }).toWellFormed(), "utf8").toString("hex").toUpperCase();
}

/** The 8 bytes of a double, little-endian, as ClickHouse's hex(reinterpretAsString(x)) writes them (before it drops trailing zero bytes). */
function float64Hex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, true);
  return Buffer.from(view.buffer).toString("hex").toUpperCase();
}

function randomDouble(random: () => number): number {
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 8; i++) view.setUint8(i, Math.floor(random() * 256));
  return view.getFloat64(0);
}

describe("sqlLiteral against a real server (fuzz)", () => {
  let server: ClickHouseServerProcess;
  const seed = Number(process.env.SKEIN_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const withSeed = (what: string) => `${what} (replay with SKEIN_FUZZ_SEED=${seed})`;

  /** One row of TSV from a SELECT over HTTP, with the parser limit the adapter sends too. */
  async function selectRow(expressions: string[]): Promise<string[]> {
    const response = await fetch(`${server.url}/?max_query_size=${64 * 1024 * 1024}`, { method: "POST", body: `SELECT ${expressions.join(",\n")} FORMAT TabSeparated` });
    const text = await response.text();
    if (!response.ok) throw new Error(withSeed(`clickhouse ${response.status}: ${text.slice(0, 500)}`));
    return text.replace(/\n$/, "").split("\t");
  }

  beforeAll(async () => {
    server = await ClickHouseServerProcess.start();
    await server.sql("CREATE TABLE default.fuzz_sentinel (x UInt8) ENGINE = Memory");
  });
  // kill -9 first: the data is thrown away, and 18.16's graceful stop takes ~8 s.
  afterAll(async () => {
    await server?.kill();
    await server?.dispose();
  });

  it("reads back every hostile string exactly, one expression per literal", async () => {
    const random = prng(seed);
    const strings = Array.from({ length: 3_000 }, () => hostileString(random));
    for (let i = 0; i < strings.length; i += 500) {
      const batch = strings.slice(i, i + 500);
      const got = await selectRow(batch.map((s) => `hex(${sqlLiteral(s)})`));
      expect(got.length, withSeed("one column per literal")).toBe(batch.length);
      batch.forEach((s, j) => expect(got[j], withSeed(`literal of ${JSON.stringify(s)}`)).toBe(utf8Hex(s)));
    }
    expect((await server.sql("EXISTS TABLE default.fuzz_sentinel")).trim()).toBe("1");
  });

  it("reads back very long strings (up to 1 MB) exactly", async () => {
    const random = prng(seed + 1);
    let long = "";
    while (long.length < 1_000_000) long += hostileString(random);
    const quotes = "'\\".repeat(300_000);
    const got = await selectRow([`hex(${sqlLiteral(long)})`, `length(${sqlLiteral(quotes)})`]);
    expect(got[0] === utf8Hex(long), withSeed("1 MB hostile string")).toBe(true);
    expect(got[1]).toBe("600000");
  });

  it("reads back integers exactly at and between the edges of Int64 and UInt64", async () => {
    const random = prng(seed + 2);
    const edges = [0n, 1n, -1n, 127n, 128n, 255n, 256n, -128n, -129n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), 2n ** 64n - 1n];
    const randomInts = Array.from({ length: 1_000 }, () => {
      const bits = BigInt(Math.floor(random() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(random() * 2 ** 32));
      return random() < 0.5 ? bits : -(bits % 2n ** 63n);
    });
    const values = [...edges, ...randomInts];
    const got = await selectRow(values.map((v) => `toString(${sqlLiteral(v)})`));
    values.forEach((v, i) => expect(got[i], withSeed(`literal of ${v}n`)).toBe(v.toString()));
  });

  it("reads back doubles bit for bit, and always as Float64", async () => {
    const random = prng(seed + 3);
    const edges = [0, -0, 5e-324, -5e-324, 1e-310, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, -1.7976931348623157e308, 0.1, 1 / 3, 1e21, 1e-7, 123456789012345680000, 2 ** 53 + 2, Infinity, -Infinity];
    const values = [...edges, ...Array.from({ length: 2_000 }, () => randomDouble(random)).filter((x) => !Number.isNaN(x))];
    // One array per query: thousands of separate columns make 18.16's analyzer slow.
    const [got] = await selectRow([`arrayMap(x -> hex(reinterpretAsString(x)), [${values.map(sqlLiteral).join(", ")}])`]);
    const hex = JSON.parse(got!.replaceAll("'", '"')) as string[];
    values.forEach((v, i) => expect(hex[i]!.padEnd(16, "0"), withSeed(`literal of ${v}`)).toBe(float64Hex(v)));
    const [nan, ...types] = await selectRow([`isNaN(${sqlLiteral(Number.NaN)})`, ...edges.map((v) => `toTypeName(${sqlLiteral(v)})`)]);
    expect(nan).toBe("1");
    expect(new Set(types)).toEqual(new Set(["Float64"]));
  });

  it("keeps a negative literal intact after a minus sign, and booleans as 1/0", async () => {
    expect(await selectRow([`1 -${sqlLiteral(-1n)}`, `1 -${sqlLiteral(-1.5)}`, sqlLiteral(true), sqlLiteral(false)])).toEqual(["2", "2.5", "1", "0"]);
  });
});
